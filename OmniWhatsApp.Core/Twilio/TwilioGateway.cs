using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Templates;
using Twilio.Base;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Content.V1;
using Twilio.Rest.Content.V1.Content;
using Twilio.Rest.Messaging.V2;
using SdkPhoneNumber = Twilio.Types.PhoneNumber;

namespace OmniWhatsApp.Core.Twilio;

/// <summary>
/// Everything the app asks Twilio, through Twilio's C# SDK (one SDK client per account, see
/// <see cref="TwilioRestClients"/>). Answers come back as <see cref="TwilioResult{T}"/>: the value, or a
/// <see cref="TwilioError"/> with a reason people can act on. Only cancellation by the caller throws.
/// </summary>
public sealed class TwilioGateway(TwilioRestClients clients, IStringLocalizer<Strings> L, ILogger<TwilioGateway> logger)
{
    /// <summary>Messages looked at when reconciling an uncertain send: Twilio's first page, newest first.</summary>
    private const int MessagePageSize = 100;

    /// <summary>Content API templates read at most (pages of 500).</summary>
    private const int MaxContents = 10_000;

    /// <summary>Fetches the account: proves the SID and token belong together and the account is usable.</summary>
    public async Task<TwilioResult<TwilioAccountInfo>> VerifyCredentialsAsync(TwilioCredentials credentials, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync("fetch account", cancellationToken, async () =>
        {
            var account = await AccountResource.FetchAsync(pathSid: credentials.AccountSid, client: clients.For(credentials));
            return new TwilioAccountInfo(account.Sid, account.FriendlyName, account.Status?.ToString(), account.Type?.ToString());
        });
        if (!result.Succeeded) return result;

        var status = result.Value!.Status;
        if (status is not null && !status.Equals("active", StringComparison.OrdinalIgnoreCase))
        {
            return TwilioResult<TwilioAccountInfo>.Fail(new TwilioError(TwilioErrorKind.Rejected,
                L["The Twilio account is {0}; only an active account can send messages.", status]));
        }
        return result;
    }

    /// <summary>Asks Twilio to send a WhatsApp message: text, one media URL, or a Content SID with its variables.</summary>
    public async Task<TwilioResult<TwilioMessage>> CreateMessageAsync(TwilioCredentials credentials, OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        var options = new CreateMessageOptions(new SdkPhoneNumber(message.To))
        {
            PathAccountSid = credentials.AccountSid,
            From = new SdkPhoneNumber(message.From),
        };
        if (message.ContentSid is not null)
        {
            options.ContentSid = message.ContentSid;
            options.ContentVariables = message.ContentVariables;
        }
        else
        {
            options.Body = message.Body;
            if (message.MediaUrl is not null)
            {
                if (!Uri.TryCreate(message.MediaUrl, UriKind.Absolute, out var media))
                {
                    return TwilioResult<TwilioMessage>.Fail(new TwilioError(TwilioErrorKind.Rejected, L["An attachment needs an http(s) address Twilio can fetch it from."]));
                }
                options.MediaUrl = [media];
            }
        }
        if (message.StatusCallback is not null) options.StatusCallback = new Uri(message.StatusCallback);

        return await CallAsync("create message", cancellationToken, async () => Map(await MessageResource.CreateAsync(options, clients.For(credentials))));
    }

    public async Task<TwilioResult<TwilioMessage>> FetchMessageAsync(TwilioCredentials credentials, string messageSid, CancellationToken cancellationToken = default) =>
        await CallAsync("fetch message", cancellationToken, async () =>
            Map(await MessageResource.FetchAsync(pathSid: messageSid, pathAccountSid: credentials.AccountSid, client: clients.For(credentials))));

    /// <summary>
    /// Twilio's first page of messages from <paramref name="from"/> to <paramref name="to"/>, newest first, and when
    /// given only those sent on or after that day. Twilio sets date_sent only once a message has left its queue, so a
    /// still-queued message is found only without the day filter.
    /// </summary>
    public async Task<TwilioResult<TwilioMessagePage>> ListMessagesAsync(TwilioCredentials credentials, string from, string to, DateOnly? sentOnOrAfter, CancellationToken cancellationToken = default) =>
        await CallAsync("list messages", cancellationToken, async () =>
        {
            var options = new ReadMessageOptions
            {
                PathAccountSid = credentials.AccountSid,
                From = new SdkPhoneNumber(from),
                To = to,
                PageSize = MessagePageSize,
                Limit = MessagePageSize,
                DateSentAfter = sentOnOrAfter?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            };
            var page = await MessageResource.ReadAsync(options, clients.For(credentials));
            page.AutoPaging = false;
            return new TwilioMessagePage(page.Select(Map).ToList());
        });

    /// <summary>The account's Content API templates with their WhatsApp approval (Content and Approvals), every page.</summary>
    public async Task<TwilioResult<IReadOnlyList<TwilioContent>>> ListContentAndApprovalsAsync(TwilioCredentials credentials, CancellationToken cancellationToken = default) =>
        await CallAsync("list content", cancellationToken, async () =>
        {
            var first = await ContentAndApprovalsResource.ReadAsync(new ReadContentAndApprovalsOptions { PageSize = 500, Limit = MaxContents }, clients.For(credentials));
            // The SDK fetches the following pages synchronously while enumerating: keep that off the caller's thread.
            return (IReadOnlyList<TwilioContent>)await Task.Run(() => first.Take(MaxContents).Select(Map).ToList());
        });

    /// <summary>
    /// Creates a Content API template (<c>POST /v1/Content</c>) of <paramref name="content"/>'s type, with a sample value
    /// per placeholder in <paramref name="variables"/> ("1" → "Sarah"). It can be sent by its SID at once inside the
    /// window (buttons, lists, locations need no approval there); outside it only once WhatsApp approved it.
    /// </summary>
    public async Task<TwilioResult<TwilioContent>> CreateContentAsync(TwilioCredentials credentials, string friendlyName, string language,
        RichContent content, IReadOnlyDictionary<string, string>? variables = null, CancellationToken cancellationToken = default) =>
        await CallAsync("create content", cancellationToken, async () =>
        {
            var request = new ContentResource.ContentCreateRequest.Builder()
                .WithFriendlyName(friendlyName)
                .WithLanguage(language)
                .WithVariables(variables is null ? [] : new Dictionary<string, string>(variables, StringComparer.Ordinal))
                .WithTypes(TwilioContentTypes.ToSdk(content))
                .Build();
            var created = await ContentResource.CreateAsync(request, clients.For(credentials));
            return new TwilioContent(created.Sid, created.FriendlyName, created.Language, Variables(created.Variables), BodyOf(created._Types))
            {
                Content = TwilioContentTypes.FromTypes(created._Types),
            };
        });

    /// Asks WhatsApp, through Twilio, to approve a Content template (<c>ApprovalRequests/whatsapp</c>) under
    /// <paramref name="name"/> (lowercase, digits, underscores) and <paramref name="category"/>.
    /// </summary>
    public async Task<TwilioResult<TwilioApproval>> RequestApprovalAsync(TwilioCredentials credentials, string contentSid, string name, TemplateCategory category, CancellationToken cancellationToken = default) =>
        await CallAsync("request approval", cancellationToken, async () =>
        {
            var request = new ApprovalCreateResource.ContentApprovalRequest.Builder()
                .WithName(name)
                .WithCategory(CategoryName(category))
                .Build();
            var created = await ApprovalCreateResource.CreateAsync(contentSid, request, clients.For(credentials));
            return new TwilioApproval(created.Status?.ToString(), created.Category?.ToString(), created.RejectionReason?.ToString(), created.Name?.ToString(), created.ContentType?.ToString());
        });

    /// <summary>WhatsApp's approval of a Content template as Twilio reports it now (status "unsubmitted" when never asked).</summary>
    public async Task<TwilioResult<TwilioApproval>> FetchApprovalAsync(TwilioCredentials credentials, string contentSid, CancellationToken cancellationToken = default) =>
        await CallAsync("fetch approval", cancellationToken, async () =>
        {
            var fetched = await ApprovalFetchResource.FetchAsync(contentSid, clients.For(credentials));
            return Approval(fetched.Whatsapp as JObject);
        });

    /// <summary>Deletes a Content template at Twilio (its approval goes with it).</summary>
    public async Task<TwilioResult<bool>> DeleteContentAsync(TwilioCredentials credentials, string contentSid, CancellationToken cancellationToken = default) =>
        await CallAsync("delete content", cancellationToken, async () => await ContentResource.DeleteAsync(contentSid, clients.For(credentials)));

    /// <summary>Twilio's name for a category (UTILITY, MARKETING, AUTHENTICATION).</summary>
    public static string CategoryName(TemplateCategory category) => category.ToString().ToUpperInvariant();

    /// <summary>The account's WhatsApp senders (Messaging API v2 Channels Senders) with their webhooks.</summary>
    public async Task<TwilioResult<IReadOnlyList<TwilioSender>>> ListWhatsAppSendersAsync(TwilioCredentials credentials, CancellationToken cancellationToken = default) =>
        await CallAsync("list senders", cancellationToken, async () =>
        {
            var first = await ChannelsSenderResource.ReadAsync(new ReadChannelsSenderOptions("whatsapp") { PageSize = 1000 }, clients.For(credentials));
            return (IReadOnlyList<TwilioSender>)await Task.Run(() => first.Select(Map).ToList());
        });

    /// <summary>Registers <paramref name="number"/> (+E164) as a WhatsApp sender whose messages and statuses go to <paramref name="webhook"/>.</summary>
    public async Task<TwilioResult<TwilioSender>> CreateWhatsAppSenderAsync(TwilioCredentials credentials, string number, SenderWebhook webhook, CancellationToken cancellationToken = default) =>
        await CallAsync("create sender", cancellationToken, async () =>
        {
            var request = new ChannelsSenderResource.MessagingV2ChannelsSenderRequestsCreate.Builder()
                .WithSenderId("whatsapp:" + number)
                .WithWebhook(Webhook(webhook))
                .Build();
            return Map(await ChannelsSenderResource.CreateAsync(request, clients.For(credentials)));
        });

    /// <summary>Points a WhatsApp sender's webhooks at <paramref name="webhook"/> (empty addresses: nowhere).</summary>
    public async Task<TwilioResult<TwilioSender>> UpdateSenderWebhookAsync(TwilioCredentials credentials, string senderSid, SenderWebhook webhook, CancellationToken cancellationToken = default) =>
        await CallAsync("update sender", cancellationToken, async () =>
        {
            var options = new UpdateChannelsSenderOptions(senderSid)
            {
                MessagingV2ChannelsSenderRequestsUpdate = new ChannelsSenderResource.MessagingV2ChannelsSenderRequestsUpdate.Builder()
                    .WithWebhook(Webhook(webhook))
                    .Build(),
            };
            return Map(await ChannelsSenderResource.UpdateAsync(options, clients.For(credentials)));
        });

    private async Task<TwilioResult<T>> CallAsync<T>(string operation, CancellationToken cancellationToken, Func<Task<T>> call)
    {
        cancellationToken.ThrowIfCancellationRequested();
        CallerCancellationHandler.Use(cancellationToken);
        try
        {
            return TwilioResult<T>.Ok(await call());
        }
        catch (ApiConnectionException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (ApiConnectionException ex)
        {
            // The SDK's own message names the URL; the inner one says what failed. Neither carries credentials.
            logger.LogWarning("Twilio could not be reached to {Operation}: {Reason}", operation, ex.InnerException?.Message ?? ex.Message);
            return TwilioResult<T>.Fail(TwilioFailures.Unreachable(L));
        }
        catch (Exception ex) when (TwilioFailures.FromAnswer(ex, L) is { } error)
        {
            logger.LogInformation("Twilio answered {Status} (code {Code}) to {Operation}", error.HttpStatus, error.Code, operation);
            return TwilioResult<T>.Fail(error);
        }
    }

    private static TwilioMessage Map(MessageResource m) =>
        new(m.Sid, m.AccountSid, m.From?.ToString(), m.To, m.Body, m.Status?.ToString(), m.Direction?.ToString(), m.ErrorCode, m.ErrorMessage,
            m.NumMedia, Instant(m.DateCreated))
        {
            DateSent = Instant(m.DateSent),
        };

    private static TwilioContent Map(ContentAndApprovalsResource c)
    {
        var approval = c.ApprovalRequests as JObject;
        return new TwilioContent(c.Sid, c.FriendlyName, c.Language, Variables(c.Variables), BodyOf(c.Types))
        {
            Content = TwilioContentTypes.FromTypes(c.Types),
            ApprovalStatus = approval?.Value<string>("status"),
            ApprovalName = approval?.Value<string>("name"),
            ApprovalCategory = approval?.Value<string>("category"),
            RejectionReason = approval?.Value<string>("rejection_reason"),
        };
    }

    private static TwilioApproval Approval(JObject? whatsapp) =>
        new(whatsapp?.Value<string>("status"), whatsapp?.Value<string>("category"), whatsapp?.Value<string>("rejection_reason"),
            whatsapp?.Value<string>("name"), whatsapp?.Value<string>("content_type"));

    private static TwilioSender Map(ChannelsSenderResource s) =>
        new(s.Sid, s.SenderId, s.Webhook?.CallbackUrl, s.Webhook?.StatusCallbackUrl);

    private static ChannelsSenderResource.MessagingV2ChannelsSenderWebhook Webhook(SenderWebhook webhook) =>
        new ChannelsSenderResource.MessagingV2ChannelsSenderWebhook.Builder()
            .WithCallbackUrl(webhook.CallbackUrl)
            .WithCallbackMethod(ChannelsSenderResource.CallbackMethodEnum.Post)
            .WithStatusCallbackUrl(webhook.StatusCallbackUrl)
            .Build();

    /// <summary>The SDK reads Twilio's RFC 2822 dates into a local or unspecified <see cref="DateTime"/>; Twilio's are GMT.</summary>
    private static DateTimeOffset? Instant(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Unspecified } unspecified => new DateTimeOffset(DateTime.SpecifyKind(unspecified, DateTimeKind.Utc)),
        { } known => new DateTimeOffset(known.ToUniversalTime()),
    };

    private static Dictionary<string, string>? Variables(object? variables) =>
        (variables as JObject)?.Properties()
            .Where(p => p.Value.Type is JTokenType.String or JTokenType.Integer or JTokenType.Float)
            .ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal);

    /// <summary>The text of the first content type that has a body (twilio/text, twilio/quick-reply…).</summary>
    private static string? BodyOf(object? types) =>
        (types as JObject)?.Properties()
            .Select(t => t.Value is JObject type ? type.Value<string>("body") : null)
            .FirstOrDefault(b => !string.IsNullOrEmpty(b));
}

/// <summary>A WhatsApp sender as Twilio's Senders API reports it.</summary>
public sealed record TwilioSender(string Sid, string? SenderId, string? CallbackUrl, string? StatusCallbackUrl);

/// <summary>Where a WhatsApp sender's inbound messages and status callbacks go (both POST).</summary>
public sealed record SenderWebhook(string CallbackUrl, string StatusCallbackUrl)
{
    /// <summary>Nowhere: for a number the app no longer has.</summary>
    public static readonly SenderWebhook None = new("", "");
}
