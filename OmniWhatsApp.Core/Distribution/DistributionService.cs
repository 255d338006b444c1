using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Core.Distribution;

/// <summary>
/// Who works on which conversation. Push mode: <see cref="DistributeAsync"/> gives waiting conversations, oldest
/// first, to Available members of their queue with room (<see cref="AgentPicker"/>); the automation worker runs it
/// whenever capacity may have freed up. Pick mode: agents <see cref="TakeAsync"/> from their queues. Supervisors and
/// admins <see cref="AssignAsync"/> and <see cref="ReassignAsync"/> by hand, and <see cref="TakeOverAsync"/> from the bot.
/// <para>
/// Every change is one conditional UPDATE (<see cref="Assignments"/>), so concurrent passes, instances and people
/// never assign a conversation twice. Refusals are results with a reason the UI can show.
/// </para>
/// </summary>
public sealed class DistributionService(
    IDbContextFactory<OmniDbContext> dbFactory,
    Assignments assignments,
    AutomatedMessages automated,
    IConversationEvents events,
    IOptions<DistributionOptions> options,
    TimeProvider clock,
    IStringLocalizer<Strings> L,
    ILogger<DistributionService> logger)
{
    private readonly SemaphoreSlim passGate = new(1, 1);

    /// <summary>
    /// Push distribution: assigns every waiting conversation of a push-mode workstream that an Available member of its
    /// queue has room for, oldest first (by <see cref="Conversation.QueuedAt"/>). Returns how many it assigned.
    /// </summary>
    public async Task<int> DistributeAsync(CancellationToken ct = default)
    {
        await passGate.WaitAsync(ct);
        try
        {
            var total = 0;
            while (await PassAsync(ct) is var assigned and > 0) total += assigned;
            return total;
        }
        finally
        {
            passGate.Release();
        }
    }

    private sealed record Waiting(Assignments.Target Target, DateTimeOffset? QueuedAt);

    private async Task<int> PassAsync(CancellationToken ct)
    {
        Dictionary<string, AgentLoad> loads;
        Dictionary<int, List<string>> membersByQueue;
        Dictionary<string, string> names;
        var waiting = new List<Waiting>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!await db.AgentStatuses.AnyAsync(s => s.Presence == Presence.Available, ct)) return 0;
            loads = (await Assignments.LoadsAsync(db, null, ct)).Where(a => a.Presence == Presence.Available && a.Free > 0).ToDictionary(a => a.AgentId);
            if (loads.Count == 0) return 0;
            var agentIds = loads.Keys.ToList();
            membersByQueue = (await db.QueueMembers.Select(m => new { m.QueueId, m.UserId }).ToListAsync(ct))
                .Where(m => loads.ContainsKey(m.UserId))
                .GroupBy(m => m.QueueId)
                .ToDictionary(g => g.Key, g => g.Select(m => m.UserId).ToList());
            // One indexed range per queue, merged oldest first: an agent in several queues gets their oldest. Only what
            // some member has room for: a run of old conversations needing more than anyone has free (a queue fed by
            // workstreams of different capacity per conversation) must not hide younger ones that fit.
            foreach (var (queueId, members) in membersByQueue)
            {
                var roomiest = members.Max(id => loads[id].Free);
                waiting.AddRange(await db.Conversations
                    .Where(c => c.Status == ConversationStatus.Waiting && c.QueueId == queueId && c.AssignedAgentId == null
                        && c.Workstream != null && c.Workstream.DistributionMode == DistributionMode.Push
                        && c.Workstream.CapacityPerConversation <= roomiest)
                    .OrderBy(c => c.QueuedAt).ThenBy(c => c.Id)
                    .Take(options.Value.BatchSize)
                    .Select(c => new Waiting(new Assignments.Target(c.Id, c.Status, null, c.QueueId, c.Workstream!.CapacityPerConversation), c.QueuedAt))
                    .ToListAsync(ct));
            }
            if (waiting.Count == 0) return 0;
            names = await Assignments.NamesAsync(db, agentIds, ct);
        }

        var assigned = new List<int>();
        foreach (var item in waiting.OrderBy(w => w.QueuedAt).ThenBy(w => w.Target.ConversationId))
        {
            var target = item.Target;
            var pick = AgentPicker.Pick(membersByQueue[target.QueueId!.Value].Select(id => loads[id]), target.Needed);
            if (pick is null) continue;
            var now = clock.GetUtcNow();
            var stamp = await assignments.TryAssignAsync(target, pick.AgentId, checkCapacity: true, L.Line("Assigned to {0}", names.GetValueOrDefault(pick.AgentId, "")), now, ct);
            if (stamp is null)
            {
                // Taken meanwhile, or the agent's load changed elsewhere: the next pass sees the new state.
                continue;
            }
            loads[pick.AgentId] = pick with { Used = pick.Used + target.Needed, LastAssignedAt = stamp };
            assigned.Add(target.ConversationId);
            logger.LogInformation("Conversation {ConversationId} pushed to agent {AgentId}", target.ConversationId, pick.AgentId);
            events.Publish(new ConversationAssigned(target.ConversationId, target.QueueId, pick.AgentId, now, null, null));
        }
        foreach (var id in assigned) await automated.AgentAssignedAsync(id, ct);
        return assigned.Count;
    }

    /// <summary>
    /// Pick mode: the acting user takes a waiting conversation of one of their queues. Refused, with the reason, when
    /// they are not a member of its queue, it is already taken or closed, its workstream pushes work itself, or they
    /// have no free capacity for it.
    /// </summary>
    public async Task<Result> TakeAsync(int conversationId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await Assignments.TargetAsync(db, conversationId, ct);
        if (await RefuseTakeAsync(db, target, actor.UserId, ct) is { } refused) return refused;

        var now = clock.GetUtcNow();
        var name = (await Assignments.NamesAsync(db, [actor.UserId], ct)).GetValueOrDefault(actor.UserId, "");
        if (await assignments.TryAssignAsync(target!, actor.UserId, checkCapacity: true, L.Line("Taken by {0}", name), now, ct) is null)
        {
            // Someone was quicker, or the agent's load changed meanwhile: say which.
            return await RefuseTakeAsync(db, await Assignments.TargetAsync(db, conversationId, ct), actor.UserId, ct)
                ?? Result.Fail(L["The conversation changed meanwhile; reload it and try again."]);
        }
        logger.LogInformation("Conversation {ConversationId} taken by {AgentId}", conversationId, actor.UserId);
        events.Publish(new ConversationAssigned(conversationId, target!.QueueId, actor.UserId, now, null, null));
        await automated.AgentAssignedAsync(conversationId, ct);
        return Result.Ok();
    }

    private async Task<Result?> RefuseTakeAsync(OmniDbContext db, Assignments.Target? target, string agentId, CancellationToken ct)
    {
        if (target is null) return Result.Fail(L["The conversation no longer exists."]);
        if (!ConversationRules.MayMove(target.Status, ConversationStatus.Active)) return Result.Fail(L["The conversation is closed."]);
        if (target.Status == ConversationStatus.WithBot) return Result.Fail(L["The bot is answering this customer; a supervisor can take it over."]);
        if (target.Status == ConversationStatus.Active)
        {
            if (target.AgentId == agentId) return Result.Fail(L["This conversation is already yours."]);
            var holder = (await Assignments.NamesAsync(db, [target.AgentId!], ct)).GetValueOrDefault(target.AgentId!, "");
            return Result.Fail(L["{0} already took this conversation.", holder]);
        }
        var queue = await db.Queues.Where(q => q.Id == target.QueueId).Select(q => q.Name).FirstOrDefaultAsync(ct);
        if (queue is null || !await db.QueueMembers.AnyAsync(m => m.QueueId == target.QueueId && m.UserId == agentId, ct))
        {
            return Result.Fail(L["You are not a member of this conversation's queue."]);
        }
        var mode = await db.Conversations.Where(c => c.Id == target.ConversationId).Select(c => c.Workstream!.DistributionMode).FirstOrDefaultAsync(ct);
        if (mode == DistributionMode.Push) return Result.Fail(L["Conversations of this queue's workstream are assigned automatically."]);
        var load = (await Assignments.LoadsAsync(db, [agentId], ct)).Single();
        if (load.Free < target.Needed)
        {
            return Result.Fail(L["You have no free capacity: {0} of {1} in use, and this conversation needs {2}. Resolve a conversation first.", load.Used, load.Capacity, target.Needed]);
        }
        return null;
    }

    /// <summary>
    /// A supervisor or admin gives a waiting conversation to an agent who is a member of its queue. The agent's
    /// capacity and presence do not stop it: it is the supervisor's explicit choice (the dashboard shows the load).
    /// Refused when the conversation was assigned meanwhile (use <see cref="ReassignAsync"/>).
    /// </summary>
    public Task<Result> AssignAsync(int conversationId, string agentId, Actor actor, CancellationToken ct = default) =>
        MoveAsync(conversationId, agentId, actor, ConversationStatus.Waiting, ct);

    /// <summary>
    /// A supervisor or admin moves an active conversation to another agent who is a member of its queue, whatever
    /// that agent's capacity and presence.
    /// </summary>
    public Task<Result> ReassignAsync(int conversationId, string agentId, Actor actor, CancellationToken ct = default) =>
        MoveAsync(conversationId, agentId, actor, ConversationStatus.Active, ct);

    private async Task<Result> MoveAsync(int conversationId, string agentId, Actor actor, ConversationStatus expected, CancellationToken ct)
    {
        if (!actor.SeesEverything) return Result.Fail(L["Only supervisors and admins can assign conversations."]);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await Assignments.TargetAsync(db, conversationId, ct);
        if (target is null) return Result.Fail(L["The conversation no longer exists."]);
        if (!ConversationRules.MayMove(target.Status, ConversationStatus.Active)) return Result.Fail(L["The conversation is closed."]);
        var names = await Assignments.NamesAsync(db, new[] { agentId, actor.UserId, target.AgentId ?? "" }, ct);
        if (!names.TryGetValue(agentId, out var agentName)) return Result.Fail(L["The agent no longer exists."]);
        if (target.AgentId == agentId) return Result.Fail(L["The conversation is already assigned to {0}.", agentName]);
        if (target.Status == ConversationStatus.WithBot) return Result.Fail(L["The bot is answering this customer: take it over from the bot instead."]);
        if (target.Status != expected)
        {
            return expected == ConversationStatus.Waiting
                ? Result.Fail(L["{0} already has this conversation; reassign it instead.", names.GetValueOrDefault(target.AgentId ?? "", "")])
                : Result.Fail(L["The conversation is waiting in its queue; assign it instead."]);
        }
        if (await NotAMemberAsync(db, target, agentId, agentName, ct) is { } notMember) return notMember;

        var now = clock.GetUtcNow();
        var actorName = names.GetValueOrDefault(actor.UserId, "");
        var line = expected == ConversationStatus.Waiting ? L.Line("Assigned to {0} by {1}", agentName, actorName) : L.Line("Reassigned to {0} by {1}", agentName, actorName);
        if (await assignments.TryAssignAsync(target, agentId, checkCapacity: false, line, now, ct) is null)
        {
            return Result.Fail(L["The conversation changed meanwhile; reload it and try again."]);
        }
        logger.LogInformation("Conversation {ConversationId} assigned to {AgentId} by {ActorId}", conversationId, agentId, actor.UserId);
        events.Publish(new ConversationAssigned(conversationId, target.QueueId, agentId, now, target.AgentId, null));
        await automated.AgentAssignedAsync(conversationId, ct);
        return Result.Ok();
    }

    /// <summary>
    /// A supervisor or admin takes a conversation over from the bot: it becomes active with <paramref name="agentId"/>
    /// (themself, or an agent who is a member of its queue), whatever that agent's capacity and presence. One conditional
    /// update, like every assignment: of a take-over and the bot's own hand-off racing, the first wins and the second
    /// changes nothing; a take-over that comes second is refused with what happened instead.
    /// </summary>
    public async Task<Result> TakeOverAsync(int conversationId, string agentId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.SeesEverything) return Result.Fail(L["Only supervisors and admins can take a conversation over from the bot."]);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await Assignments.TargetAsync(db, conversationId, ct);
        if (await NotWithBotAsync(db, target, ct) is { } gone) return gone;
        var names = await Assignments.NamesAsync(db, [agentId, actor.UserId], ct);
        if (!names.TryGetValue(agentId, out var agentName)) return Result.Fail(L["The agent no longer exists."]);
        // The supervisor may answer it themself, member of its queue or not; an agent only gets what their queues hold.
        if (agentId != actor.UserId && await NotAMemberAsync(db, target!, agentId, agentName, ct) is { } notMember) return notMember;

        var now = clock.GetUtcNow();
        var actorName = names.GetValueOrDefault(actor.UserId, "");
        var line = agentId == actor.UserId
            ? L.Line("Taken over from the bot by {0}", actorName)
            : L.Line("Taken over from the bot by {0} and assigned to {1}", actorName, agentName);
        if (await assignments.TryAssignAsync(target!, agentId, checkCapacity: false, line, now, ct) is null)
        {
            return await NotWithBotAsync(db, await Assignments.TargetAsync(db, conversationId, ct), ct)
                ?? Result.Fail(L["The conversation changed meanwhile; reload it and try again."]);
        }
        logger.LogInformation("Conversation {ConversationId} taken over from the bot for {AgentId} by {ActorId}", conversationId, agentId, actor.UserId);
        events.Publish(new ConversationAssigned(conversationId, target!.QueueId, agentId, now, null, null));
        // The channel's greeting waited while the bot held the conversation: it goes out now, then the agent-assigned message.
        await automated.GreetAsync(conversationId, ct);
        await automated.AgentAssignedAsync(conversationId, ct);
        return Result.Ok();
    }

    /// <summary>Why a conversation cannot be taken over from the bot (any more); null while the bot holds it.</summary>
    private async Task<Result?> NotWithBotAsync(OmniDbContext db, Assignments.Target? target, CancellationToken ct)
    {
        if (target is null) return Result.Fail(L["The conversation no longer exists."]);
        switch (target.Status)
        {
            case ConversationStatus.WithBot:
                return null;
            case ConversationStatus.Waiting:
                return Result.Fail(L["The bot has already handed this conversation to the agents: it is waiting in its queue."]);
            case ConversationStatus.Active:
                var holder = (await Assignments.NamesAsync(db, [target.AgentId ?? ""], ct)).GetValueOrDefault(target.AgentId ?? "", "");
                return Result.Fail(L["The bot no longer has this conversation: {0} has it.", holder]);
            default:
                return Result.Fail(L["The conversation is closed."]);
        }
    }

    /// <summary>Agents get conversations of their queues only, so what they hold is always theirs to see.</summary>
    internal async Task<Result?> NotAMemberAsync(OmniDbContext db, Assignments.Target target, string agentId, string agentName, CancellationToken ct)
    {
        if (target.QueueId is not { } queueId) return null;
        if (await db.QueueMembers.AnyAsync(m => m.QueueId == queueId && m.UserId == agentId, ct)) return null;
        var queue = await db.Queues.Where(q => q.Id == queueId).Select(q => q.Name).FirstOrDefaultAsync(ct) ?? "";
        return Result.Fail(L["{0} is not a member of the queue {1}.", agentName, queue]);
    }
}
