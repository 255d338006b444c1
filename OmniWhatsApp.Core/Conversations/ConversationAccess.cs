using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Persistence;

namespace OmniWhatsApp.Core.Conversations;

/// <summary>
/// Who may see a conversation: admins and supervisors see every one; an agent sees those assigned to them
/// and those in the queues they belong to. The hub, the media endpoint and the inbox all ask here.
/// </summary>
public sealed class ConversationAccess(IDbContextFactory<OmniDbContext> dbFactory)
{
    public async Task<IReadOnlyList<int>> QueuesOfAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.QueueMembers.Where(m => m.UserId == userId).Select(m => m.QueueId).ToListAsync(ct);
    }

    public async Task<bool> CanViewAsync(string userId, bool seesEverything, int conversationId, CancellationToken ct = default)
    {
        if (seesEverything) return true;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Conversations.AnyAsync(c => c.Id == conversationId
            && (c.AssignedAgentId == userId || db.QueueMembers.Any(m => m.UserId == userId && m.QueueId == c.QueueId)), ct);
    }
}
