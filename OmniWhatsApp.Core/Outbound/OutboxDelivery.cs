using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Security;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Core.Outbound;

/// <summary>A message the dispatcher found due: Pending and due, or InFlight past its lease.</summary>
public sealed record DueMessage(long Id, int NumberId, DispatchState Dispatch, DateTimeOffset? AttemptStartedAt);

/// <summary>
/// Sends one outbox message: claims it (a conditional UPDATE, so only one dispatcher of any instance does),
/// looks it up at Twilio first when an earlier attempt's outcome is unknown (ADR 0004), sends it, and records
/// the outcome: the SID on 201, a retry with backoff on 429/5xx/timeouts, a failure with Twilio's reason on other
/// 4xx.
/// </summary>
public sealed class OutboxDelivery(
    IDbContextFactory<OmniDbContext> dbFactory,
    IServiceScopeFactory scopes,
    SecretProtector secrets,
    IPublicUrls urls,
    PublicMediaLinks mediaLinks,
    StatusCallbackStore statuses,
    IConversationEvents events,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    IStringLocalizer<Strings> L,
    ILogger<OutboxDelivery> logger)
{
    /// <summary>Twilio's clock and ours may differ a little; a reconciled message may have been created this much "before" the attempt.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    /// <param name="slot">When the request may go to Twilio (a <see cref="System.Diagnostics.Stopwatch"/> timestamp from the sender's pacer).</param>
    /// <param name="limit">The sender's rate limit, taken just before the request.</param>
    public async Task DeliverAsync(DueMessage due, long slot, SenderRateLimit limit, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var claimedAt = clock.GetUtcNow();
        if (!await ClaimAsync(db, due, claimedAt, ct)) return;

        var message = await db.Messages.AsNoTracking()
            .Include(m => m.Media)
            .Include(m => m.Conversation!).ThenInclude(c => c.Customer)
            .Include(m => m.Conversation!).ThenInclude(c => c.Number!).ThenInclude(n => n.Account)
            .FirstAsync(m => m.Id == due.Id, ct);
        // The claim's own values: later conditional updates name them, so a lost lease is noticed.
        message.AttemptStartedAt = claimedAt;
        message.Dispatch = DispatchState.InFlight;

        var number = message.Conversation!.Number!;
        var account = number.Account!;
        if (number.RetiredAt is not null || account.DeletedAt is not null)
        {
            await FailAsync(db, message, null, L["This WhatsApp number is no longer connected, so the message was not sent."], ct);
            return;
        }

        TwilioCredentials credentials;
        try
        {
            credentials = new TwilioCredentials(account.AccountSid, secrets.Unprotect(account.ProtectedAuthToken));
        }
        catch (CryptographicException)
        {
            await FailAsync(db, message, null, L["The account's Auth Token cannot be read (were the Data Protection keys replaced?); enter it again on the account page."], ct);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var twilio = scope.ServiceProvider.GetRequiredService<TwilioClient>();
        var from = PhoneNumber.WhatsAppPrefix + number.Number;
        var to = PhoneNumber.WhatsAppPrefix + message.Conversation.Customer!.Phone;

        if (due.AttemptStartedAt is { } earlier)
        {
            // An earlier attempt may have reached Twilio (crash, timeout, 5xx): adopt what Twilio has, if anything.
            var listed = await twilio.ListMessagesAsync(credentials, from, to, sentOnOrAfter: null, ct);
            if (!listed.Succeeded)
            {
                await RetryOrFailAsync(db, message, listed.Error!, stillAmbiguous: true, earlier, ct);
                return;
            }
            var found = await FindEarlierSendAsync(db, message, listed.Value!.Messages, earlier, ct);
            if (found is not null)
            {
                logger.LogInformation("Message {MessageId} was already accepted by Twilio as {Sid}; adopted instead of sending it again", message.Id, found.Sid);
                await AcceptAsync(db, message, found, ct);
                return;
            }
        }

        var outgoing = new OutgoingMessage
        {
            From = from,
            To = to,
            Body = message.ContentSid is null ? message.Body : null,
            MediaUrl = message.ContentSid is null ? MediaUrlOf(message.Media.OrderBy(m => m.Index).FirstOrDefault()) : null,
            ContentSid = message.ContentSid,
            ContentVariables = message.ContentSid is null ? null : ContentVariables(message.TemplateValues),
            StatusCallback = CallbackUrls.For(urls.BaseUrl, account.Id).Status,
        };
        await SenderPacer.WaitForAsync(slot, TimeSpan.Zero, ct);
        await limit.WaitTurnAsync(ct);
        var result = await twilio.CreateMessageAsync(credentials, outgoing, ct);
        if (result.Succeeded)
        {
            await AcceptAsync(db, message, result.Value!, ct);
            return;
        }

        var error = result.Error!;
        switch (error.Kind)
        {
            case TwilioErrorKind.RateLimited:
                // 429: Twilio did not process the request, so nothing needs to be looked up before the retry.
                await RetryOrFailAsync(db, message, error, stillAmbiguous: false, null, ct);
                break;
            case TwilioErrorKind.ServerError or TwilioErrorKind.Unreachable:
                await RetryOrFailAsync(db, message, error, stillAmbiguous: true, claimedAt, ct);
                break;
            default:
                logger.LogWarning("Twilio refused message {MessageId}: HTTP {Status}, code {Code}", message.Id, error.HttpStatus, error.Code);
                await FailAsync(db, message, error.Code, error.Message, ct);
                break;
        }
    }

    /// <summary>Pending → InFlight (or a stale InFlight taken over), only if nobody changed it since it was read.</summary>
    private static async Task<bool> ClaimAsync(OmniDbContext db, DueMessage due, DateTimeOffset now, CancellationToken ct)
    {
        var previous = due.AttemptStartedAt;
        var rows = await db.Messages
            .Where(m => m.Id == due.Id && m.Dispatch == due.Dispatch && m.AttemptStartedAt == previous)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Dispatch, DispatchState.InFlight)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.AttemptStartedAt, now)
                .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null), ct);
        return rows == 1;
    }

    private static async Task<TwilioMessage?> FindEarlierSendAsync(OmniDbContext db, Message message, IReadOnlyList<TwilioMessage> listed,
        DateTimeOffset earlier, CancellationToken ct)
    {
        var mediaCount = message.ContentSid is null ? message.Media.Count : 0;
        var candidates = listed
            .Where(x => x.Direction is null || x.Direction.StartsWith("outbound", StringComparison.OrdinalIgnoreCase))
            .Where(x => string.Equals(Normalize(x.Body), Normalize(message.Body), StringComparison.Ordinal))
            .Where(x => !int.TryParse(x.NumMedia, out var n) || n == mediaCount)
            .Select(x => (Message: x, Created: TwilioDates.Parse(x.DateCreated)))
            .Where(x => x.Created is null || x.Created >= earlier - ClockSkew)
            .OrderBy(x => x.Created ?? DateTimeOffset.MaxValue)
            .Select(x => x.Message)
            .ToList();
        if (candidates.Count == 0) return null;

        // A SID another message already holds is that message's send, not this one's (two identical texts).
        var sids = candidates.Select(c => c.Sid).ToList();
        var known = await db.Messages.Where(m => m.TwilioSid != null && sids.Contains(m.TwilioSid)).Select(m => m.TwilioSid!).ToListAsync(ct);
        return candidates.FirstOrDefault(c => !known.Contains(c.Sid));

        static string Normalize(string? body) => (body ?? "").Replace("\r\n", "\n").Trim();
    }

    /// <summary>Twilio has the message: store its SID, then apply any status callbacks that arrived before the SID was known.</summary>
    private async Task AcceptAsync(OmniDbContext db, Message message, TwilioMessage accepted, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var claim = message.AttemptStartedAt;
        var rows = await db.Messages
            .Where(m => m.Id == message.Id && m.Dispatch == DispatchState.InFlight && m.AttemptStartedAt == claim)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Dispatch, DispatchState.Accepted)
                .SetProperty(m => m.TwilioSid, accepted.Sid)
                .SetProperty(m => m.AttemptStartedAt, (DateTimeOffset?)null)
                .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null), ct);
        if (rows == 0)
        {
            logger.LogWarning("Message {MessageId} was taken over by another dispatcher before Twilio's SID {Sid} was stored", message.Id, accepted.Sid);
            return;
        }
        message.Dispatch = DispatchState.Accepted;
        message.TwilioSid = accepted.Sid;
        logger.LogInformation("Message {MessageId} accepted by Twilio as {Sid}", message.Id, accepted.Sid);

        // Twilio's status: queued for a new message, possibly further on (or failed) for one adopted after a restart,
        // whose callbacks may have been lost while the app was down.
        if (MessageStatuses.Parse(accepted.Status) is { } status && MessageStatuses.CanMove(message.Status, status))
        {
            foreach (var e in await ApplyAsync(db, message.Id, status, accepted.ErrorCode, accepted.ErrorMessage, ct)) events.Publish(e);
        }
        else
        {
            // The status did not move (still queued), but the message now has its SID: tell the views.
            var c = message.Conversation!;
            events.Publish(new MessageStatusChanged(c.Id, c.QueueId, c.AssignedAgentId, now, message.Id, message.Status, message.ErrorCode, message.ErrorMessage));
        }
        // Status callbacks that arrived before the SID was stored were kept by the status endpoint: apply them now.
        await statuses.ApplyPendingAsync(accepted.Sid, ct);
    }

    private async Task RetryOrFailAsync(OmniDbContext db, Message message, TwilioError error, bool stillAmbiguous, DateTimeOffset? ambiguousSince, CancellationToken ct)
    {
        var settings = options.Value;
        var attempts = await db.Messages.Where(m => m.Id == message.Id).Select(m => m.Attempts).FirstAsync(ct);
        if (attempts >= settings.MaxAttempts)
        {
            logger.LogWarning("Message {MessageId} failed after {Attempts} attempts; last: {Kind} {Code}", message.Id, attempts, error.Kind, error.Code);
            await FailAsync(db, message, null, L["Twilio did not take the message after {0} attempts. Last answer: {1}", attempts, error.Message], ct);
            return;
        }

        var now = clock.GetUtcNow();
        var delay = Backoff(attempts, settings);
        var claim = message.AttemptStartedAt;
        DateTimeOffset? keep = stillAmbiguous ? ambiguousSince : null;
        await db.Messages
            .Where(m => m.Id == message.Id && m.Dispatch == DispatchState.InFlight && m.AttemptStartedAt == claim)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Dispatch, DispatchState.Pending)
                .SetProperty(m => m.NextAttemptAt, now + delay)
                .SetProperty(m => m.AttemptStartedAt, keep), ct);
        logger.LogInformation("Message {MessageId}: {Kind} (code {Code}) on attempt {Attempt}; retrying in {Delay} ms",
            message.Id, error.Kind, error.Code, attempts, (int)delay.TotalMilliseconds);
    }

    /// <summary>Failed for good: the outbox state and the message's status change together, so no reader sees one without the other.</summary>
    private async Task FailAsync(OmniDbContext db, Message message, int? errorCode, string reason, CancellationToken ct)
    {
        var claim = message.AttemptStartedAt;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rows = await db.Messages
            .Where(m => m.Id == message.Id && m.Dispatch == DispatchState.InFlight && m.AttemptStartedAt == claim)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Dispatch, DispatchState.Failed)
                .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(m => m.AttemptStartedAt, (DateTimeOffset?)null), ct);
        if (rows == 0) return;
        message.Dispatch = DispatchState.Failed;
        var published = await ApplyAsync(db, message.Id, MessageStatus.Failed, errorCode, reason, ct);
        await transaction.CommitAsync(ct);
        foreach (var e in published) events.Publish(e);
    }

    /// <summary>
    /// A status the send itself produced (a refusal, a failed 201), through the same rule as status callbacks:
    /// forward only, 63016 closes the window. No callback can race with it: the message has no SID yet, or Twilio
    /// has just given it.
    /// </summary>
    private async Task<IReadOnlyList<ConversationEvent>> ApplyAsync(OmniDbContext db, long messageId, MessageStatus status, int? errorCode, string? reason, CancellationToken ct)
    {
        var tracked = await db.Messages.Include(m => m.Conversation).FirstAsync(m => m.Id == messageId, ct);
        var published = statuses.Apply(tracked, status, errorCode, reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return published;
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
    private string? MediaUrlOf(MessageMedia? media) => media switch
    {
        null => null,
        { SourceUrl: { } url } => url,
        { StoragePath: not null } => mediaLinks.Create(media.Id).ToString(),
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
