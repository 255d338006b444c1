using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Core.Messages;

/// <summary>
/// Applies a Twilio status to a message: from a status callback, from the create call's answer, or from the
/// dispatcher when it gives up. One place, so every path obeys the same rules:
/// <list type="bullet">
/// <item>a message only moves forward (<see cref="MessageStatuses.CanMove"/>); the move is a conditional UPDATE,
/// so two callbacks racing (in one process or in two) never move it backwards;</item>
/// <item>63016 (outside the 24-hour window) closes the conversation's window now, unless the customer has
/// written since the message was sent, and publishes <see cref="WindowClosed"/>;</item>
/// <item>a change publishes <see cref="MessageStatusChanged"/>.</item>
/// </list>
/// Changes are written at once (not through the context's change tracker); the tracked message, if any, is
/// updated to match.
/// </summary>
public sealed class MessageStatusUpdater(IConversationEvents events, IStringLocalizer<Strings> L)
{
    /// <summary>True when the message's status changed.</summary>
    public Task<bool> ApplyAsync(OmniDbContext db, Message message, MessageStatus status, int? errorCode, DateTimeOffset now, CancellationToken ct = default) =>
        ApplyAsync(db, message, status, errorCode, now, errorMessage: null, ct);

    /// <param name="errorMessage">The reason to show for a failure; null: Twilio's code explained.</param>
    public async Task<bool> ApplyAsync(OmniDbContext db, Message message, MessageStatus status, int? errorCode, DateTimeOffset now,
        string? errorMessage, CancellationToken ct = default)
    {
        var failure = status.IsFinalFailure();
        int? code = failure ? errorCode : null;
        var reason = failure ? Truncate(errorMessage ?? TwilioErrorCodes.Describe(L, errorCode), 500) : null;

        var current = message.Status;
        var moved = false;
        for (var attempt = 0; attempt < 5 && !moved; attempt++)
        {
            if (!MessageStatuses.CanMove(current, status)) return false;
            var expected = current;
            var rows = failure
                ? await db.Messages.Where(m => m.Id == message.Id && m.Status == expected).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, status)
                    .SetProperty(m => m.StatusAt, now)
                    .SetProperty(m => m.ErrorCode, code)
                    .SetProperty(m => m.ErrorMessage, reason), ct)
                : await db.Messages.Where(m => m.Id == message.Id && m.Status == expected).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, status)
                    .SetProperty(m => m.StatusAt, now), ct);
            moved = rows == 1;
            if (!moved)
            {
                // Someone else moved it meanwhile: decide again from where it is now.
                var latest = await db.Messages.Where(m => m.Id == message.Id).Select(m => (MessageStatus?)m.Status).FirstOrDefaultAsync(ct);
                if (latest is null) return false;
                current = latest.Value;
            }
        }
        if (!moved) return false;

        Track(db, message, status, now, failure, code, reason);

        var closedWindow = false;
        if (errorCode == TwilioErrorCodes.OutsideWindow)
        {
            // A late 63016 must not close a window the customer has reopened since the message went out.
            var sentAt = message.AttemptStartedAt ?? message.CreatedAt;
            closedWindow = await db.Conversations
                .Where(c => c.Id == message.ConversationId && (c.WindowEndsAt == null || c.WindowEndsAt > now)
                    && (c.LastInboundAt == null || c.LastInboundAt <= sentAt))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.WindowEndsAt, now), ct) == 1;
        }

        var conversation = await db.Conversations.AsNoTracking().Where(c => c.Id == message.ConversationId)
            .Select(c => new { c.QueueId, c.AssignedAgentId }).FirstOrDefaultAsync(ct);
        events.Publish(new MessageStatusChanged(message.ConversationId, conversation?.QueueId, conversation?.AssignedAgentId, now,
            message.Id, status, code, reason));
        if (closedWindow)
        {
            var tracked = db.ChangeTracker.Entries<Conversations.Conversation>().FirstOrDefault(e => e.Entity.Id == message.ConversationId);
            if (tracked is not null)
            {
                tracked.Entity.WindowEndsAt = now;
                tracked.Property(c => c.WindowEndsAt).IsModified = false;
            }
            events.Publish(new WindowClosed(message.ConversationId, conversation?.QueueId, conversation?.AssignedAgentId, now));
        }
        return true;
    }

    private static void Track(OmniDbContext db, Message message, MessageStatus status, DateTimeOffset now, bool failure, int? code, string? reason)
    {
        message.Status = status;
        message.StatusAt = now;
        if (failure)
        {
            message.ErrorCode = code;
            message.ErrorMessage = reason;
        }
        var entry = db.Entry(message);
        if (entry.State is EntityState.Detached or EntityState.Added) return;
        // Already written: the tracker must not write them again (or think they are pending changes).
        foreach (var name in new[] { nameof(Message.Status), nameof(Message.StatusAt), nameof(Message.ErrorCode), nameof(Message.ErrorMessage) })
        {
            var property = entry.Property(name);
            property.OriginalValue = property.CurrentValue;
            property.IsModified = false;
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
