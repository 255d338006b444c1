using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.Distribution;

/// <summary>
/// The one way a conversation gets an agent: a conditional UPDATE that succeeds only if the conversation is still in
/// the state the caller saw (waiting and unassigned, or held by the agent it is taken from) and, unless a supervisor
/// overrides it, only if the agent still has room. Two passes, two instances or an agent and a supervisor racing for
/// one conversation cannot both win, and two conversations racing for an agent's last unit cannot both fit.
/// </summary>
public sealed class Assignments(IDbContextFactory<OmniDbContext> dbFactory)
{
    private readonly Lock stampGate = new();
    private DateTimeOffset lastStamp;

    /// <summary>What an assignment needs to know about the conversation, read before trying it.</summary>
    public sealed record Target(int ConversationId, ConversationStatus Status, string? AgentId, int? QueueId, int Needed);

    /// <summary>
    /// Gives <paramref name="target"/> to <paramref name="agentId"/> if it is unchanged since it was read, and writes
    /// <paramref name="line"/> into the timeline in the same transaction. Returns the agent's new round-robin stamp;
    /// null when someone else changed the conversation first or (with <paramref name="checkCapacity"/>) the agent
    /// has no room for it.
    /// </summary>
    public async Task<DateTimeOffset?> TryAssignAsync(Target target, string agentId, bool checkCapacity, string line, DateTimeOffset now, CancellationToken ct)
    {
        var stamp = NextStamp(now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await using var sql = await Sql.OnAsync(db, ct);

        // The agent's status row first, in one statement whether it exists or not: concurrent assignments to one agent
        // (two passes, two instances, an agent taking while a supervisor assigns) queue on its row lock on PostgreSQL,
        // so the capacity check below, a statement of its own, reads what the other one committed. SQLite has one
        // writer anyway. Round robin counts from this stamp.
        await sql.ExecuteAsync(
            """
            INSERT INTO "AgentStatuses" ("UserId", "Presence", "Preferred", "ChangedAt", "LastAssignedAt") VALUES (@agentId, @offline, @available, @now, @stamp)
            ON CONFLICT ("UserId") DO UPDATE SET "LastAssignedAt" = excluded."LastAssignedAt"
            """, new { agentId, offline = Presence.Offline, available = Presence.Available, now, stamp }, ct);

        // Only if the conversation is still as read (waiting and unassigned, or held by the agent it is taken from):
        // of two writers the second finds the row changed once the first commits, and changes nothing.
        var capacity = checkCapacity
            ? """
              AND (SELECT COALESCE(SUM(COALESCE(w."CapacityPerConversation", 1)), 0)
                   FROM "Conversations" AS o LEFT JOIN "Workstreams" AS w ON w."Id" = o."WorkstreamId"
                   WHERE o."AssignedAgentId" = @agentId AND o."Status" = @active) + @needed
                  <= (SELECT u."Capacity" FROM "AspNetUsers" AS u WHERE u."Id" = @agentId)
              """
            : "";
        var holder = target.AgentId is null ? """ "AssignedAgentId" IS NULL""" : """ "AssignedAgentId" = @fromAgent""";
        // The new agent has read nothing yet.
        var changed = await sql.ExecuteAsync(
            $"""
            UPDATE "Conversations" SET "Status" = @active, "AssignedAgentId" = @agentId, "AssignedAt" = @now, "QueuedAt" = NULL, "LastReadMessageId" = NULL
            WHERE "Id" = @id AND "Status" = @status AND{holder}
            {capacity}
            """,
            new { active = ConversationStatus.Active, agentId, now, id = target.ConversationId, status = target.Status, fromAgent = target.AgentId, needed = target.Needed }, ct);
        if (changed == 0)
        {
            await transaction.RollbackAsync(ct);
            return null;
        }

        db.Messages.Add(SystemLines.New(target.ConversationId, line, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return stamp;
    }

    /// <summary>Round robin orders by this stamp: strictly increasing, even for assignments within one clock tick.</summary>
    private DateTimeOffset NextStamp(DateTimeOffset now)
    {
        lock (stampGate)
        {
            lastStamp = now > lastStamp ? now : lastStamp.AddTicks(1);
            return lastStamp;
        }
    }

    /// <summary>A conversation as an assignment sees it: its capacity units come from its workstream (1 without one).</summary>
    public static Task<Target?> TargetAsync(OmniDbContext db, int conversationId, CancellationToken ct) =>
        db.Conversations.Where(c => c.Id == conversationId)
            .Select(c => new Target(c.Id, c.Status, c.AssignedAgentId, c.QueueId, c.Workstream == null ? 1 : c.Workstream.CapacityPerConversation))
            .FirstOrDefaultAsync(ct);

    /// <summary>Display names by user id.</summary>
    public static Task<Dictionary<string, string>> NamesAsync(OmniDbContext db, IEnumerable<string> userIds, CancellationToken ct)
    {
        var ids = userIds.Distinct().ToList();
        return db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    /// <summary>Presence, capacity, units in use and last assignment of the given agents (every user when null).</summary>
    public static async Task<List<AgentLoad>> LoadsAsync(OmniDbContext db, IReadOnlyCollection<string>? agentIds, CancellationToken ct)
    {
        var users = db.Users.AsQueryable();
        if (agentIds is not null) users = users.Where(u => agentIds.Contains(u.Id));
        var rows = await (
                from u in users
                join s in db.AgentStatuses on u.Id equals s.UserId into statuses
                from s in statuses.DefaultIfEmpty()
                select new { u.Id, u.Capacity, Presence = s == null ? Presence.Offline : s.Presence, LastAssignedAt = s == null ? null : s.LastAssignedAt })
            .ToListAsync(ct);
        var held = await ActiveHeldAsync(db, agentIds, ct);
        return rows.Select(r => new AgentLoad(r.Id, r.Presence, r.Capacity, held.GetValueOrDefault(r.Id).Units, r.LastAssignedAt)).ToList();
    }

    /// <summary>
    /// Per agent, the active conversations they hold and the capacity units those take. Active conversations are few
    /// (at most the agents' capacity), so they are read as rows and added up here.
    /// </summary>
    public static async Task<Dictionary<string, (int Conversations, int Units)>> ActiveHeldAsync(OmniDbContext db, IReadOnlyCollection<string>? agentIds, CancellationToken ct)
    {
        var active = db.Conversations.Where(c => c.Status == ConversationStatus.Active && c.AssignedAgentId != null);
        if (agentIds is not null) active = active.Where(c => agentIds.Contains(c.AssignedAgentId!));
        var rows = await active.Select(c => new { AgentId = c.AssignedAgentId!, Units = c.Workstream == null ? 1 : c.Workstream.CapacityPerConversation }).ToListAsync(ct);
        return rows.GroupBy(r => r.AgentId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (g.Count(), g.Sum(r => r.Units)), StringComparer.Ordinal);
    }
}
