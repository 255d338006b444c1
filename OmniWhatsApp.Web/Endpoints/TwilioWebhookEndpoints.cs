using Microsoft.AspNetCore.Http.Features;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Inbound;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Web.Endpoints;

/// <summary>
/// The URLs Twilio calls (shown on the wizard's callback page): inbound messages and status callbacks.
/// Each request must carry a valid X-Twilio-Signature for its account (<see cref="WebhookSignature"/>: the account's
/// Auth Token with HMAC-SHA1, or a configured shared key with HMAC-SHA256 when Twilio's signature settings header
/// says so); otherwise 403 and nothing is stored.
/// </summary>
public static class TwilioWebhookEndpoints
{
    public const int MaxFormBytes = 64 * 1024;
    public const string EmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    public static void MapTwilioWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/twilio/{accountId:guid}").AllowAnonymous().DisableAntiforgery();
        group.MapPost("/inbound", InboundAsync);
        group.MapPost("/status", StatusAsync);
        // Twilio only ever POSTs; anything else is answered 405 here rather than by routing, whose own 405 falls under
        // the sign-in policy and became a redirect to the sign-in page.
        group.MapMethods("/inbound", OtherMethods, ApiFallbackEndpoints.MethodNotAllowed);
        group.MapMethods("/status", OtherMethods, ApiFallbackEndpoints.MethodNotAllowed);
    }

    private static readonly string[] OtherMethods =
        [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch, HttpMethods.Options];

    private static async Task<IResult> InboundAsync(Guid accountId, HttpRequest request, ChannelDirectory directory, WebhookSignature signatures, IPublicUrls urls,
        InboundStore store, TimeProvider clock, ILoggerFactory logs, CancellationToken ct)
    {
        var logger = logs.CreateLogger("OmniWhatsApp.Webhooks.Inbound");
        var (account, form, refusal) = await AuthenticateAsync(accountId, request, directory, signatures, CallbackUrls.For(urls.BaseUrl, accountId).Inbound, logger, ct);
        if (refusal is not null) return refusal;

        var (message, problem) = InboundForm.Parse(form!);
        if (problem is not null) return BadRequest(logger, accountId, problem.Reason);
        if (message!.AccountSid != account!.Credentials.AccountSid) return BadRequest(logger, accountId, "AccountSid is not this account's");

        var number = account.Number(message.To.Value);
        if (number is null)
        {
            logger.LogWarning("Inbound {MessageSid} for account {AccountId} refused: {To} is not one of its numbers", message.MessageSid, accountId, message.To);
            return Results.NotFound();
        }

        if (await HasInvalidUtf8Async(request, form!, ct))
        {
            // Stored as ASP.NET decoded it: U+FFFD for raw bytes, the escapes themselves for percent-encoded ones (it leaves
            // those as they are). The text is the customer's, so it is not logged.
            logger.LogWarning("Inbound {MessageSid} for account {AccountId} has bytes that are not UTF-8; stored as decoded, with U+FFFD or the percent escapes in their place",
                message.MessageSid, accountId);
        }

        var outcome = await store.StoreAsync(account, number, message, clock.GetUtcNow(), ct);
        for (var attempt = 0; outcome == InboundOutcome.RoutingChanged && attempt < 3; attempt++)
        {
            // The cached routing was overtaken by an admin change (on this instance or another): again with the routing
            // as it is now.
            directory.Invalidate();
            account = await directory.GetAsync(accountId, ct);
            number = account?.Number(message.To.Value);
            outcome = number is null ? InboundOutcome.ChannelGone : await store.StoreAsync(account!, number, message, clock.GetUtcNow(), ct);
        }
        if (outcome == InboundOutcome.RoutingChanged)
        {
            // Only while an admin keeps changing this number's workstream: Twilio retries later.
            logger.LogWarning("Inbound {MessageSid} for account {AccountId} not stored yet: the routing of {To} kept changing", message.MessageSid, accountId, message.To);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        if (outcome == InboundOutcome.ChannelGone)
        {
            // Answered as for a number or account that was never there: the channel went while the message arrived.
            logger.LogWarning("Inbound {MessageSid} for account {AccountId} refused: {To} was removed or its channel deleted meanwhile", message.MessageSid, accountId, message.To);
            return Results.NotFound();
        }
        if (outcome == InboundOutcome.Duplicate) logger.LogInformation("Inbound {MessageSid} was already stored", message.MessageSid);
        return Results.Text(EmptyTwiml, "text/xml");
    }

    private static async Task<IResult> StatusAsync(Guid accountId, HttpRequest request, ChannelDirectory directory, WebhookSignature signatures, IPublicUrls urls,
        StatusCallbackStore store, ILoggerFactory logs, CancellationToken ct)
    {
        var logger = logs.CreateLogger("OmniWhatsApp.Webhooks.Status");
        var (account, form, refusal) = await AuthenticateAsync(accountId, request, directory, signatures, CallbackUrls.For(urls.BaseUrl, accountId).Status, logger, ct);
        if (refusal is not null) return refusal;

        var fields = form!;
        var sid = fields.GetValueOrDefault("MessageSid");
        if (!TwilioSids.IsMessageSid(sid)) return BadRequest(logger, accountId, "MessageSid is missing or malformed");
        var statusText = fields.GetValueOrDefault("MessageStatus");
        if (string.IsNullOrEmpty(statusText)) return BadRequest(logger, accountId, "MessageStatus is missing");
        if (!MessageStatuses.IsTwilioValue(statusText)) return BadRequest(logger, accountId, "MessageStatus is not one of Twilio's status values");
        if (fields.GetValueOrDefault("AccountSid") != account!.Credentials.AccountSid) return BadRequest(logger, accountId, "AccountSid is not this account's");
        int? errorCode = null;
        if (fields.GetValueOrDefault("ErrorCode") is { Length: > 0 } codeText)
        {
            if (!int.TryParse(codeText, out var code)) return BadRequest(logger, accountId, "ErrorCode is not a number");
            errorCode = code;
        }

        await store.RecordAsync(accountId, sid!, statusText.ToLowerInvariant(), errorCode, ct);
        return Results.Ok();
    }

    /// <summary>
    /// Finds the account, reads the form and checks Twilio's signature against <paramref name="publicUrl"/> (the address
    /// Twilio was given) with the request's query. A refusal is the answer to send; the log says why.
    /// </summary>
    public static async Task<(ChannelAccount? Account, Dictionary<string, string>? Form, IResult? Refusal)> AuthenticateAsync(
        Guid accountId, HttpRequest request, ChannelDirectory directory, WebhookSignature signatures, string publicUrl, ILogger logger, CancellationToken ct)
    {
        var (account, tokenUnreadable) = await directory.FindAsync(accountId, ct);
        if (tokenUnreadable)
        {
            // The signature cannot be checked without the token: refused like a bad one, not a server error.
            logger.LogWarning("Webhook for account {AccountId} refused: its Auth Token cannot be decrypted", accountId);
            return (null, null, Results.StatusCode(StatusCodes.Status403Forbidden));
        }
        if (account is null)
        {
            logger.LogWarning("Webhook for unknown account {AccountId} refused", accountId);
            return (null, null, Results.NotFound());
        }
        // Twilio posts application/x-www-form-urlencoded, never multipart (which ASP.NET would also read as a form).
        if (!request.HasFormContentType
            || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, BadRequest(logger, accountId, "the body is not form-encoded"));
        }
        if (request.ContentLength > MaxFormBytes)
        {
            return (null, null, BadRequest(logger, accountId, $"the body is larger than {MaxFormBytes} bytes"));
        }

        IFormCollection collection;
        try
        {
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxFormBytes;
            // Kept in memory so that the raw bytes can be looked at again (HasInvalidUtf8Async).
            request.EnableBuffering(MaxFormBytes);
            collection = await request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, null, BadRequest(logger, accountId, "the form could not be read: " + ex.Message));
        }

        var form = new Dictionary<string, string>(collection.Count, StringComparer.Ordinal);
        foreach (var (key, values) in collection)
        {
            if (values.Count > 1) return (null, null, BadRequest(logger, accountId, $"parameter {key} is repeated"));
            form[key] = values.ToString();
        }

        var url = publicUrl + request.QueryString.Value;
        var check = signatures.Check(url, form, account.Credentials.AuthToken,
            request.Headers[WebhookSignature.SignatureHeader], request.Headers[WebhookSignature.SettingsHeader]);
        if (!check.IsValid)
        {
            // The reason, never a secret or the expected signature.
            logger.LogWarning("Webhook for account {AccountId} refused: {Reason} for {Url}", accountId, check.Reason, url);
            return (null, null, Results.StatusCode(StatusCodes.Status403Forbidden));
        }
        return (account, form, null);
    }

    /// <summary>
    /// Whether the form's raw body had bytes that are not UTF-8. Only read again when a decoded key or value holds U+FFFD
    /// or a '%' (which is what such bytes become), so an ordinary message costs nothing more.
    /// </summary>
    private static async Task<bool> HasInvalidUtf8Async(HttpRequest request, Dictionary<string, string> form, CancellationToken ct)
    {
        static bool Suspect(string text) => text.AsSpan().IndexOfAny('\uFFFD', '%') >= 0;
        if (!form.Any(f => Suspect(f.Key) || Suspect(f.Value)) || !request.Body.CanSeek) return false;
        request.Body.Position = 0;
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, ct);
        return FormUtf8.HasInvalidUtf8(copy.GetBuffer().AsSpan(0, (int)copy.Length));
    }

    public static IResult BadRequest(ILogger logger, Guid accountId, string reason)
    {
        logger.LogWarning("Webhook for account {AccountId} refused (400): {Reason}", accountId, reason);
        return Results.Text(reason, statusCode: StatusCodes.Status400BadRequest);
    }
}
