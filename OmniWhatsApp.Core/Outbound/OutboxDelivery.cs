using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Security;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Core.Outbound;

/// <summary>A message the dispatcher found due: Pending and due, or InFlight past its lease.</summary>
public sealed record DueMessage(long Id, int NumberId, DispatchState Dispatch, DateTimeOffset? AttemptStartedAt);

/// <summary>A claimed message, ready to go to Twilio.</summary>
public sealed record PreparedSend(ClaimedMessage Claim, TwilioCredentials Credentials, OutgoingMessage Outgoing)
{
    public long Id => Claim.Due.Id;
}

/// <summary>
/// Sends outbox messages: claims a sender's next few due messages together (a conditional UPDATE, so only one
/// dispatcher of any instance does) and reads what they are sent with in the same transaction, looks a message up
/// at Twilio first when an earlier attempt's outcome is unknown (ADR 0004), sends it, and records the outcome: the
/// SID on 201, a retry with backoff on 429/5xx/timeouts, a failure with Twilio's reason on other 4xx. Every write
/// goes through <see cref="OutboxStore"/>, which commits many of them together.
/// </summary>
public sealed class OutboxDelivery(
    IDbContextFactory<OmniDbContext> dbFactory,
    TwilioGateway twilio,
    SecretProtector secrets,
    IPublicUrls urls,
    OutboxStore store,
    PublicMediaLinks mediaLinks,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    IStringLocalizer<Strings> L,
    ILogger<OutboxDelivery> logger)
{
    /// <summary>Twilio's clock and ours may differ a little; a reconciled message may have been created this much "before" the attempt.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Claims those of <paramref name="due"/> that are still due, with what they are sent with; returns them in id
    /// order. Those that cannot be sent at all (number disconnected, token unreadable) are failed at once and not
    /// returned.
    /// </summary>
    public async Task<IReadOnlyList<PreparedSend>> PrepareAsync(IReadOnlyList<DueMessage> due, CancellationToken ct)
    {
        var claimed = await store.ClaimAsync(due, ct);
        var prepared = new List<PreparedSend>(claimed.Count);
        foreach (var claim in claimed)
        {
            var content = claim.Content;
            if (content.NumberRetiredAt is not null || content.AccountDeletedAt is not null)
            {
                await store.FailAsync(claim.Due.Id, claim.ClaimedAt, null, L["This WhatsApp number is no longer connected, so the message was not sent."], ct);
                continue;
            }
            if (Unprotect(content.ProtectedAuthToken) is not { } token)
            {
                await store.FailAsync(claim.Due.Id, claim.ClaimedAt, null, L["The account's Auth Token cannot be read (were the Data Protection keys replaced?); enter it again on the account page."], ct);
                continue;
            }

            // A rich message goes by Content SID only: its text is in the content (created before the send if it has none yet).
            var byContent = content.ContentSid is not null || content.RichContent is not null;
            var outgoing = new OutgoingMessage
            {
                From = PhoneNumber.WhatsAppPrefix + content.Number,
                To = PhoneNumber.WhatsAppPrefix + content.CustomerPhone,
                Body = byContent ? null : content.Body,
                MediaUrl = byContent ? null : MediaUrlOf(content),
                ContentSid = content.ContentSid,
                ContentVariables = content.ContentSid is null || content.RichContent is not null ? null : ContentVariables(content.TemplateValues),
                StatusCallback = CallbackUrls.For(urls.BaseUrl, content.AccountId).Status,
            };
            prepared.Add(new PreparedSend(claim, new TwilioCredentials(content.AccountSid, token), outgoing));
        }
        return prepared;
    }

    // Auth Tokens already read, by their protected form (which changes whenever the token does).
    private readonly ConcurrentDictionary<string, string> tokens = new(StringComparer.Ordinal);

    private string? Unprotect(string protectedToken)
    {
        if (tokens.TryGetValue(protectedToken, out var token)) return token;
        try
        {
            token = secrets.Unprotect(protectedToken);
        }
        catch (CryptographicException)
        {
            return null;
        }
        if (tokens.Count > 1000) tokens.Clear();
        tokens[protectedToken] = token;
        return token;
    }

    /// <summary>Sends a prepared message in its slot and records the outcome.</summary>
    /// <param name="slot">When the request may go to Twilio (a <see cref="System.Diagnostics.Stopwatch"/> timestamp from the sender's pacer).</param>
    /// <param name="limit">The sender's rate limit, taken just before the request.</param>
    /// <param name="requests">Requests to Twilio in progress at once, over all senders; held only while one is.</param>
    public async Task SendAsync(PreparedSend send, long slot, SenderRateLimit limit, SemaphoreSlim requests, CancellationToken ct)
    {
        var claim = send.Claim.ClaimedAt;

        if (send.Claim.Due.AttemptStartedAt is { } earlier)
        {
            // An earlier attempt may have reached Twilio (crash, timeout, 5xx): adopt what Twilio has, if anything.
            TwilioResult<TwilioMessagePage> listed;
            await requests.WaitAsync(ct);
            try
            {
                listed = await twilio.ListMessagesAsync(send.Credentials, send.Outgoing.From, send.Outgoing.To, sentOnOrAfter: null, ct);
            }
            finally
            {
                requests.Release();
            }
            if (!listed.Succeeded)
            {
                await RetryOrFailAsync(send, listed.Error!, stillAmbiguous: true, earlier, ct);
                return;
            }
            var found = await FindEarlierSendAsync(send.Claim.Content, listed.Value!.Messages, earlier, ct);
            if (found is not null)
            {
                logger.LogInformation("Message {MessageId} was already accepted by Twilio as {Sid}; adopted instead of sending it again", send.Id, found.Sid);
                await store.AcceptAsync(send.Id, claim, found, ct);
                return;
            }
        }

        var outgoing = send.Outgoing;
        if (send.Claim.Content.RichContent is { } rich && outgoing.ContentSid is null)
        {
            var created = await CreateContentAsync(send, rich, requests, ct);
            if (created is null) return;
            outgoing = outgoing with { ContentSid = created };
        }

        await SenderPacer.WaitForAsync(slot, TimeSpan.Zero, ct);
        TwilioResult<TwilioMessage> result;
        // The permit before the rate limit: the request must leave right after the turn the limit counted.
        await requests.WaitAsync(ct);
        try
        {
            await limit.WaitTurnAsync(ct);
            result = await twilio.CreateMessageAsync(send.Credentials, outgoing, ct);
        }
        finally
        {
            requests.Release();
        }
        if (result.Succeeded)
        {
            await store.AcceptAsync(send.Id, claim, result.Value!, ct);
            return;
        }

        var error = result.Error!;
        switch (error.Kind)
        {
            case TwilioErrorKind.RateLimited:
                // 429: Twilio did not process the request, so nothing needs to be looked up before the retry.
                await RetryOrFailAsync(send, error, stillAmbiguous: false, null, ct);
                break;
            case TwilioErrorKind.ServerError or TwilioErrorKind.Unreachable:
                await RetryOrFailAsync(send, error, stillAmbiguous: true, claim, ct);
                break;
            default:
                logger.LogWarning("Twilio refused message {MessageId}: HTTP {Status}, code {Code}", send.Id, error.HttpStatus, error.Code);
                await store.FailAsync(send.Id, claim, error.Code, error.Message, ct);
                break;
        }
    }

    // Content SIDs made for rich messages, by account and content JSON: the same buttons sent again reuse theirs.
    private readonly ConcurrentDictionary<(string AccountSid, string Json), string> contents = new();

    /// <summary>
    /// The Content SID a rich message is sent with: one made earlier for the same content and account, else a new one
    /// created at Twilio and remembered on the message (if the claim still holds) before the message is sent, so a
    /// retry after a crash or an uncertain send does not create a second one. Null when the send stops here: Twilio
    /// refused or could not be reached (retried or failed like a send), or the claim was lost.
    /// </summary>
    private async Task<string?> CreateContentAsync(PreparedSend send, string json, SemaphoreSlim requests, CancellationToken ct)
    {
        var claim = send.Claim.ClaimedAt;
        var key = (send.Credentials.AccountSid, json);
        if (!contents.TryGetValue(key, out var sid))
        {
            if (RichContentJson.Deserialize(json) is not { } content)
            {
                await store.FailAsync(send.Id, claim, null, L["The message's buttons, list or location cannot be read, so it was not sent."], ct);
                return null;
            }
            TwilioResult<TwilioContent> created;
            await requests.WaitAsync(ct);
            try
            {
                created = await twilio.CreateContentAsync(send.Credentials, ContentName(json), "en", content, null, ct);
            }
            finally
            {
                requests.Release();
            }
            if (!created.Succeeded)
            {
                // The message itself has not been sent: nothing to look up before the retry.
                var error = created.Error!;
                if (error.Kind is TwilioErrorKind.RateLimited or TwilioErrorKind.ServerError or TwilioErrorKind.Unreachable)
                {
                    await RetryOrFailAsync(send, error, stillAmbiguous: false, null, ct);
                }
                else
                {
                    logger.LogWarning("Twilio refused the content of message {MessageId}: HTTP {Status}, code {Code}", send.Id, error.HttpStatus, error.Code);
                    await store.FailAsync(send.Id, claim, error.Code, error.Message, ct);
                }
                return null;
            }
            sid = created.Value!.Sid;
            if (contents.Count > 1000) contents.Clear();
            contents[key] = sid;
            logger.LogInformation("Content {ContentSid} created for message {MessageId}", sid, send.Id);
        }
        if (!await store.RememberContentAsync(send.Id, claim, sid, ct))
        {
            logger.LogWarning("Message {MessageId} was taken over by another dispatcher before its content {ContentSid} was stored", send.Id, sid);
            return null;
        }
        return sid;
    }

    /// <summary>A content's friendly name at Twilio: the console's, with a hash of what it holds (names need not be unique).</summary>
    private static string ContentName(string json) =>
        "omni_session_" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)))[..12];

    private async Task<TwilioMessage?> FindEarlierSendAsync(SendContent message, IReadOnlyList<TwilioMessage> listed, DateTimeOffset earlier, CancellationToken ct)
    {
        var mediaCount = message.ContentSid is null && message.RichContent is null ? message.MediaCount : 0;
        // A rich message's text at Twilio is its content's body (a location has none), not the preview stored as its body.
        var body = message.RichContent is { } rich ? RichContentJson.Deserialize(rich)?.Body : message.Body;
        var candidates = listed
            .Where(x => x.Direction is null || x.Direction.StartsWith("outbound", StringComparison.OrdinalIgnoreCase))
            .Where(x => string.Equals(Normalize(x.Body), Normalize(body), StringComparison.Ordinal))
            .Where(x => !int.TryParse(x.NumMedia, out var n) || n == mediaCount)
            .Select(x => (Message: x, Created: x.DateCreated))
            .Where(x => x.Created is null || x.Created >= earlier - ClockSkew)
            .OrderBy(x => x.Created ?? DateTimeOffset.MaxValue)
            .Select(x => x.Message)
            .ToList();
        if (candidates.Count == 0) return null;

        // A SID another message already holds is that message's send, not this one's (two identical texts).
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sids = candidates.Select(c => c.Sid).ToList();
        var known = await db.Messages.Where(m => m.TwilioSid != null && sids.Contains(m.TwilioSid)).Select(m => m.TwilioSid!).ToListAsync(ct);
        return candidates.FirstOrDefault(c => !known.Contains(c.Sid));

        static string Normalize(string? body) => (body ?? "").Replace("\r\n", "\n").Trim();
    }

    private async Task RetryOrFailAsync(PreparedSend send, TwilioError error, bool stillAmbiguous, DateTimeOffset? ambiguousSince, CancellationToken ct)
    {
        var settings = options.Value;
        // The claim counted this attempt.
        var attempts = send.Claim.Attempts;
        if (attempts >= settings.MaxAttempts)
        {
            logger.LogWarning("Message {MessageId} failed after {Attempts} attempts; last: {Kind} {Code}", send.Id, attempts, error.Kind, error.Code);
            await store.FailAsync(send.Id, send.Claim.ClaimedAt, null, L["Twilio did not take the message after {0} attempts. Last answer: {1}", attempts, error.Message], ct);
            return;
        }

        var delay = Backoff(attempts, settings);
        await store.RetryAsync(send.Id, send.Claim.ClaimedAt, clock.GetUtcNow() + delay, stillAmbiguous ? ambiguousSince : null, ct);
        logger.LogInformation("Message {MessageId}: {Kind} (code {Code}) on attempt {Attempt}; retrying in {Delay} ms",
            send.Id, error.Kind, error.Code, attempts, (int)delay.TotalMilliseconds);
    }

    /// <summary>Exponential backoff with jitter: base × 2^(attempt-1), capped, then scaled by a random 50–100 %.</summary>
    public static TimeSpan Backoff(int attempt, OutboxOptions settings)
    {
        var exponential = settings.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var capped = Math.Min(exponential, settings.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble() * 0.5));
    }

    /// <summary>
    /// Where Twilio fetches an attachment: the address it came with, or for an agent's upload a signed link made for
    /// this attempt (so a retry long after the first one still gets a live link).
    /// </summary>
    private string? MediaUrlOf(SendContent content) => content switch
    {
        { MediaSourceUrl: { } url } => url,
        { MediaId: { } id, MediaStoragePath: not null } => mediaLinks.Create(id).ToString(),
        _ => null,
    };

    /// <summary>Template values (a JSON array) as Twilio's ContentVariables: a JSON object string, {"1":"…","2":"…"}.</summary>
    public static string ContentVariables(string? templateValues)
    {
        var values = string.IsNullOrEmpty(templateValues) ? [] : JsonSerializer.Deserialize<List<string>>(templateValues) ?? [];
        return JsonSerializer.Serialize(values.Select((v, i) => (Key: (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Value: v))
            .ToDictionary(x => x.Key, x => x.Value));
    }
}
