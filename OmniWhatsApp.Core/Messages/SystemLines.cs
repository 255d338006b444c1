using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Persistence;

namespace OmniWhatsApp.Core.Messages;

/// <summary>Lines the system writes into a conversation's timeline for the team; never sent to the customer.</summary>
public static class SystemLines
{
    public static Message New(int conversationId, string text, DateTimeOffset at, string? authorId = null) => new()
    {
        ConversationId = conversationId,
        // Outbound so it never counts as unread customer text; Dispatch None so the outbox never sends it.
        Direction = MessageDirection.Outbound,
        Kind = MessageKind.System,
        Body = text.Length > 4096 ? text[..4096] : text,
        Status = MessageStatus.Received,
        CreatedAt = at,
        AuthorId = authorId,
        Dispatch = DispatchState.None,
    };
}

/// <summary>Writes a system line on its own (not as part of a state change) and tells the live screens.</summary>
public sealed class ConversationTimeline(IDbContextFactory<OmniDbContext> dbFactory, IConversationEvents events, TimeProvider clock)
{
    public async Task<long> AddLineAsync(int conversationId, string text, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var line = SystemLines.New(conversationId, text, now);
        db.Messages.Add(line);
        await db.SaveChangesAsync(ct);
        var where = await db.Conversations.Where(c => c.Id == conversationId).Select(c => new { c.QueueId, c.AssignedAgentId }).FirstAsync(ct);
        events.Publish(new MessageAdded(conversationId, where.QueueId, where.AssignedAgentId, now, line.Id, MessageDirection.Outbound, MessageKind.System));
        return line.Id;
    }
}
