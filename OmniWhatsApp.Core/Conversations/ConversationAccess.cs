using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.Conversations;

/// <summary>
/// The facts <see cref="ConversationRules.MaySee"/> needs, read from the database: the queues a user belongs to
/// and where a conversation is. The hub, the media endpoint and the inbox all ask here.
/// </summary>
public sealed class ConversationAccess(IDbContextFactory<OmniDbContext> dbFactory)
{
    private static readonly IReadOnlySet<int> EmptySet = new HashSet<int>();

    public async Task<IReadOnlyList<int>> QueuesOfAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.QueueMembers.Where(m => m.UserId == userId).Select(m => m.QueueId).ToListAsync(ct);
    }

    public async Task<bool> CanViewAsync(Actor viewer, int conversationId, CancellationToken ct = default)
    {
        var (userId, seesEverything) = (viewer.UserId, viewer.SeesEverything);
        // Nothing to read for those who see everything (every media request of a supervisor comes through here).
        if (seesEverything) return ConversationRules.MaySee(seesEverything, userId, EmptySet, null, null);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var where = await db.Conversations.Where(c => c.Id == conversationId)
            .Select(c => new { c.AssignedAgentId, c.QueueId }).FirstOrDefaultAsync(ct);
        if (where is null) return false;
        var queues = (await db.QueueMembers.Where(m => m.UserId == userId).Select(m => m.QueueId).ToListAsync(ct)).ToHashSet();
        return ConversationRules.MaySee(seesEverything, userId, queues, where.AssignedAgentId, where.QueueId);
    }
}
