using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Core.Messages;

/// <summary>
/// Records Twilio's status callbacks and moves messages forward. Every callback is stored once per
/// (MessageSid, Status), even for a SID not known yet (the dispatcher may not have stored it); those are
/// applied when the SID appears (<see cref="ApplyPendingAsync"/>).
/// </summary>
public sealed class StatusCallbackStore(
    IDbContextFactory<OmniDbContext> dbFactory,
    IConversationEvents events,
    TimeProvider clock,
    IStringLocalizer<Strings> L,
    ILogger<StatusCallbackStore> logger)
{
    public async Task RecordAsync(string messageSid, string status, int? errorCode, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        if (!await db.StatusCallbacks.AnyAsync(s => s.MessageSid == messageSid && s.Status == status, ct))
        {
            db.StatusCallbacks.Add(new StatusCallbackRecord { MessageSid = messageSid, Status = status, ErrorCode = errorCode, ReceivedAt = now });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same callback delivered twice at once: the other request stored it.
                return;
            }
        }
        await ApplyPendingAsync(messageSid, ct);
    }

    // Callbacks for one message are applied one at a time, so two racing requests cannot write an older status
    // over a newer one (each reads the status the other saved).
    private readonly SemaphoreSlim[] stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Applies the stored, not yet applied callbacks of a message, if the message is known.</summary>
    public async Task ApplyPendingAsync(string messageSid, CancellationToken ct = default)
    {
        var stripe = stripes[(messageSid.GetHashCode() & int.MaxValue) % stripes.Length];
        await stripe.WaitAsync(ct);
        try
        {
            await ApplyPendingLockedAsync(messageSid, ct);
        }
        finally
        {
            stripe.Release();
        }
    }

    private async Task ApplyPendingLockedAsync(string messageSid, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = await db.StatusCallbacks.Where(s => s.MessageSid == messageSid && !s.Applied).OrderBy(s => s.Id).ToListAsync(ct);
        if (pending.Count == 0) return;
        var message = await db.Messages.Include(m => m.Conversation).FirstOrDefaultAsync(m => m.TwilioSid == messageSid, ct);
        if (message is null)
        {
            logger.LogInformation("Status callback for {MessageSid} kept until the message is known", messageSid);
            return;
        }

        var published = new List<ConversationEvent>();
        foreach (var record in pending)
        {
            record.Applied = true;
            if (MessageStatuses.Parse(record.Status) is not { } status) continue;
            published.AddRange(Apply(message, status, record.ErrorCode, null, clock.GetUtcNow()));
        }
        await db.SaveChangesAsync(ct);
        foreach (var e in published) events.Publish(e);
    }

    /// <summary>
    /// Moves <paramref name="message"/> to <paramref name="status"/> if that is forward; a 63016 failure also
    /// closes the conversation's window. Returns the events to publish after saving.
    /// </summary>
    public IReadOnlyList<ConversationEvent> Apply(Message message, MessageStatus status, int? errorCode, string? twilioMessage, DateTimeOffset now)
    {
        if (!MessageStatuses.CanMove(message.Status, status)) return [];
        var conversation = message.Conversation!;
        message.Status = status;
        message.StatusAt = now;
        var result = new List<ConversationEvent>();
        if (status.IsFinalFailure())
        {
            message.ErrorCode = errorCode;
            message.ErrorMessage = TwilioErrorCodes.Describe(L, errorCode, twilioMessage);
            // A late 63016 closes the window only if the customer has not written since the message was created.
            if (errorCode == TwilioErrorCodes.OutsideWindow && conversation.IsWindowOpen(now) && !(conversation.LastInboundAt > message.CreatedAt))
            {
                conversation.WindowEndsAt = now;
                result.Add(new WindowClosed(conversation.Id, conversation.QueueId, conversation.AssignedAgentId, now));
            }
        }
        result.Insert(0, new MessageStatusChanged(conversation.Id, conversation.QueueId, conversation.AssignedAgentId, now, message.Id, status, message.ErrorCode, message.ErrorMessage));
        return result;
    }
}
