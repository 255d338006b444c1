using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.Conversations;

/// <summary>
/// What the team does with a conversation: transfer it to a queue or an agent, resolve it, add an internal note; and
/// what the system does: close it after the workstream's time without activity. Each change is a conditional
/// UPDATE on the state the caller saw, writes a line into the timeline in the same transaction, and is published.
/// <para>
/// Authorization is checked here, whatever the UI shows: an agent acts only on the conversations assigned to them;
/// supervisors and admins on any open one.
/// </para>
/// </summary>
public sealed class ConversationService(
    IDbContextFactory<OmniDbContext> dbFactory,
    DistributionService distribution,
    Assignments assignments,
    ConversationAccess access,
    AutomatedMessages automated,
    IConversationEvents events,
    TimeProvider clock,
    IStringLocalizer<Strings> L,
    ILogger<ConversationService> logger)
{
    public const int MaxNoteLength = 4096;

    /// <summary>
    /// Puts the conversation back to waiting in <paramref name="queueId"/> (any queue), as the newest there
    /// (QueuedAt = now). Its agent's capacity is free at once.
    /// </summary>
    public async Task<Result> TransferToQueueAsync(int conversationId, int queueId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await Assignments.TargetAsync(db, conversationId, ct);
        if (Refuse(target, actor) is { } refused) return refused;
        var queue = await db.Queues.Where(q => q.Id == queueId).Select(q => q.Name).FirstOrDefaultAsync(ct);
        if (queue is null) return Result.Fail(L["The queue no longer exists."]);
        if (target!.Status == ConversationStatus.Waiting && target.QueueId == queueId) return Result.Fail(L["The conversation is already waiting in {0}.", queue]);

        var now = clock.GetUtcNow();
        var actorName = await NameAsync(db, actor.UserId, ct);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var changed = await Unchanged(db, target).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, ConversationStatus.Waiting)
                .SetProperty(c => c.QueueId, queueId)
                .SetProperty(c => c.AssignedAgentId, (string?)null)
                .SetProperty(c => c.AssignedAt, (DateTimeOffset?)null)
                .SetProperty(c => c.QueuedAt, now)
                .SetProperty(c => c.LastReadMessageId, (long?)null), ct);
            if (changed == 0) return Changed();
            db.Messages.Add(SystemLines.New(conversationId, L.Line("Transferred to {0} by {1}", queue, actorName), now));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        logger.LogInformation("Conversation {ConversationId} transferred to queue {QueueId} by {ActorId}", conversationId, queueId, actor.UserId);
        events.Publish(new ConversationAssigned(conversationId, queueId, null, now, target.AgentId, target.QueueId));
        return Result.Ok();
    }

    /// <summary>
    /// A supervisor or admin gives a conversation that is in no queue (Unrouted on the queue dashboard) its queue, and,
    /// when <paramref name="agentId"/> is given, one of that queue's members at once. Without an agent it waits in the
    /// queue as the newest there, where the queue's figures, its members and push distribution see it.
    /// </summary>
    public async Task<Result> AssignUnroutedAsync(int conversationId, int queueId, string? agentId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.SeesEverything) return Result.Fail(L["Only supervisors and admins can assign conversations."]);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var target = await Assignments.TargetAsync(db, conversationId, ct);
            if (Refuse(target, actor) is { } refused) return refused;
            if (target!.QueueId is not null) return Result.Fail(L["The conversation is in a queue already; assign it there."]);
            var queue = await db.Queues.Where(q => q.Id == queueId).Select(q => q.Name).FirstOrDefaultAsync(ct);
            if (queue is null) return Result.Fail(L["The queue no longer exists."]);
            if (agentId is not null)
            {
                // Checked before the queue is set, so a wrong agent leaves the conversation as it was.
                var agentName = await NameAsync(db, agentId, ct);
                if (agentName.Length == 0) return Result.Fail(L["The agent no longer exists."]);
                if (!await db.QueueMembers.AnyAsync(m => m.QueueId == queueId && m.UserId == agentId, ct))
                {
                    return Result.Fail(L["{0} is not a member of the queue {1}.", agentName, queue]);
                }
            }
        }
        var queued = await TransferToQueueAsync(conversationId, queueId, actor, ct);
        if (!queued.Succeeded || agentId is null) return queued;
        return await distribution.AssignAsync(conversationId, agentId, actor, ct);
    }

    /// <summary>
    /// Gives the conversation to another agent, who must be a member of its queue. An agent transferring their own
    /// conversation can choose only someone who is not Offline and has room for it; a supervisor or admin may choose
    /// anyone in the queue (<see cref="DistributionService.AssignAsync"/>, <see cref="DistributionService.ReassignAsync"/>).
    /// </summary>
    public async Task<Result> TransferToAgentAsync(int conversationId, string agentId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await Assignments.TargetAsync(db, conversationId, ct);
        if (Refuse(target, actor) is { } refused) return refused;
        if (actor.SeesEverything)
        {
            return target!.Status == ConversationStatus.Waiting
                ? await distribution.AssignAsync(conversationId, agentId, actor, ct)
                : await distribution.ReassignAsync(conversationId, agentId, actor, ct);
        }

        var names = await Assignments.NamesAsync(db, [agentId, actor.UserId], ct);
        if (!names.TryGetValue(agentId, out var agentName)) return Result.Fail(L["The agent no longer exists."]);
        if (agentId == actor.UserId) return Result.Fail(L["This conversation is already yours."]);
        if (await distribution.NotAMemberAsync(db, target!, agentId, agentName, ct) is { } notMember) return notMember;
        var load = (await Assignments.LoadsAsync(db, [agentId], ct)).Single();
        if (load.Presence == Presence.Offline) return Result.Fail(L["{0} is offline.", agentName]);
        if (load.Free < target!.Needed) return Result.Fail(L["{0} has no free capacity for this conversation.", agentName]);

        var now = clock.GetUtcNow();
        var line = L.Line("Transferred to {0} by {1}", agentName, names.GetValueOrDefault(actor.UserId, ""));
        if (await assignments.TryAssignAsync(target, agentId, checkCapacity: true, line, now, ct) is null)
        {
            var again = (await Assignments.LoadsAsync(db, [agentId], ct)).Single();
            return again.Free < target.Needed ? Result.Fail(L["{0} has no free capacity for this conversation.", agentName]) : Changed();
        }
        logger.LogInformation("Conversation {ConversationId} transferred to agent {AgentId} by {ActorId}", conversationId, agentId, actor.UserId);
        events.Publish(new ConversationAssigned(conversationId, target.QueueId, agentId, now, actor.UserId, null));
        await automated.AgentAssignedAsync(conversationId, ct);
        return Result.Ok();
    }

    /// <summary>Closes the conversation (its agent's capacity is free at once), then sends the closing message and survey.</summary>
    public async Task<Result> ResolveAsync(int conversationId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await Assignments.TargetAsync(db, conversationId, ct);
        if (Refuse(target, actor) is { } refused) return refused;
        var now = clock.GetUtcNow();
        if (!await CloseAsync(db, target!, L.Line("Resolved by {0}", await NameAsync(db, actor.UserId, ct)), now, Unchanged(db, target!), ct)) return Changed();
        logger.LogInformation("Conversation {ConversationId} resolved by {ActorId}", conversationId, actor.UserId);
        await automated.ClosedAsync(conversationId, ct);
        return Result.Ok();
    }

    /// <summary>An internal note: never sent, seen by everyone who can see the conversation.</summary>
    public async Task<Result<long>> AddNoteAsync(int conversationId, string text, Actor actor, CancellationToken ct = default)
    {
        var note = text?.Trim() ?? "";
        if (note.Length == 0) return Result<long>.Fail(L["Write a note first."], "Text");
        if (note.Length > MaxNoteLength) return Result<long>.Fail(L["A note has at most {0} characters.", MaxNoteLength], "Text");
        if (!await access.CanViewAsync(actor, conversationId, ct)) return Result<long>.Fail(L["You cannot see this conversation."]);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var where = await db.Conversations.Where(c => c.Id == conversationId).Select(c => new { c.QueueId, c.AssignedAgentId }).FirstOrDefaultAsync(ct);
        if (where is null) return Result<long>.Fail(L["The conversation no longer exists."]);
        var now = clock.GetUtcNow();
        var message = SystemLines.New(conversationId, note, now, actor.UserId);
        message.Kind = MessageKind.Note;
        db.Messages.Add(message);
        await db.SaveChangesAsync(ct);
        events.Publish(new MessageAdded(conversationId, where.QueueId, where.AssignedAgentId, now, message.Id, MessageDirection.Outbound, MessageKind.Note));
        return Result<long>.Ok(message.Id);
    }

    /// <summary>
    /// Closes open conversations (waiting or active) that had no message either way for their workstream's
    /// AutoCloseAfterMinutes (24 h without a workstream). Run by the automation worker; returns how many it closed.
    /// </summary>
    public async Task<int> CloseInactiveAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var limits = await db.Workstreams.Select(w => new { Id = (int?)w.Id, w.AutoCloseAfterMinutes }).ToListAsync(ct);
        limits.Add(new { Id = (int?)null, AutoCloseAfterMinutes = 24 * 60 });
        var closed = 0;
        foreach (var limit in limits)
        {
            var cutoff = now.AddMinutes(-limit.AutoCloseAfterMinutes);
            var due = await db.Conversations
                .Where(ConversationRules.Open)
                .Where(c => c.WorkstreamId == limit.Id && c.LastMessageAt <= cutoff)
                .OrderBy(c => c.LastMessageAt).Take(200)
                .Select(c => new Assignments.Target(c.Id, c.Status, c.AssignedAgentId, c.QueueId, 1))
                .ToListAsync(ct);
            foreach (var target in due)
            {
                // Unless a message arrived since it was read.
                var stillIdle = Unchanged(db, target).Where(c => c.LastMessageAt <= cutoff);
                if (!await CloseAsync(db, target, L.Line("Closed after {0} without activity", Span(limit.AutoCloseAfterMinutes)), now, stillIdle, ct)) continue;
                closed++;
                logger.LogInformation("Conversation {ConversationId} closed after {Minutes} min without activity", target.ConversationId, limit.AutoCloseAfterMinutes);
                await automated.ClosedAsync(target.ConversationId, ct);
            }
        }
        return closed;
    }

    private async Task<bool> CloseAsync(OmniDbContext db, Assignments.Target target, string line, DateTimeOffset now, IQueryable<Conversation> unchanged, CancellationToken ct)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var changed = await unchanged.ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, ConversationStatus.Closed)
                .SetProperty(c => c.ClosedAt, now)
                .SetProperty(c => c.QueuedAt, (DateTimeOffset?)null), ct);
            if (changed == 0) return false;
            db.Messages.Add(SystemLines.New(target.ConversationId, line, now));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        events.Publish(new ConversationClosed(target.ConversationId, target.QueueId, target.AgentId, now));
        return true;
    }

    /// <summary>The conversation as the caller saw it: same state, agent and queue.</summary>
    private static IQueryable<Conversation> Unchanged(OmniDbContext db, Assignments.Target target) =>
        db.Conversations.Where(c => c.Id == target.ConversationId && c.Status == target.Status
            && c.AssignedAgentId == target.AgentId && c.QueueId == target.QueueId);

    /// <summary>Closed conversations are read-only; an agent acts only on the ones assigned to them.</summary>
    private Result? Refuse(Assignments.Target? target, Actor actor)
    {
        if (target is null) return Result.Fail(L["The conversation no longer exists."]);
        return ConversationRules.MayAct(actor, target.Status, target.AgentId) switch
        {
            Permission.Closed => Result.Fail(L["The conversation is closed."]),
            Permission.NotHandler => Result.Fail(L["Only the agent handling this conversation, or a supervisor, can do that."]),
            _ => null,
        };
    }

    private Result Changed() => Result.Fail(L["The conversation changed meanwhile; reload it and try again."]);

    private static async Task<string> NameAsync(OmniDbContext db, string userId, CancellationToken ct) =>
        (await Assignments.NamesAsync(db, [userId], ct)).GetValueOrDefault(userId, "");

    /// <summary>"24 h", "90 min", "1 h 30 min": how long the conversation was idle.</summary>
    private string Span(int minutes) => (minutes / 60, minutes % 60) switch
    {
        (0, var m) => L.Line("{0} min", m),
        (var h, 0) => L.Line("{0} h", h),
        var (h, m) => L.Line("{0} h {1} min", h, m),
    };
}
