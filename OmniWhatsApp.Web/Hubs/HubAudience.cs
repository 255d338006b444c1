using System.Collections.Concurrent;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Events;

namespace OmniWhatsApp.Web.Hubs;

/// <summary>
/// Who is connected to the hub and what each connection may see. An event goes to each connection that may see
/// it exactly once (SignalR's group sends would repeat it to a connection in two matching groups, e.g. an agent's
/// own group and their queue's). Admins and supervisors see everything: they are also in
/// <see cref="EveryoneGroup"/>, so the forwarder reaches them all with one group send and looks through the agents'
/// connections only (<see cref="AgentConnectionsFor(IReadOnlyList{LiveEvent})"/>).
/// </summary>
public sealed class HubAudience
{
    /// <summary>The SignalR group of the connections that see every event.</summary>
    public const string EveryoneGroup = "sees-everything";

    private readonly ConcurrentDictionary<string, Member> members = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Member> agents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Action> aborts = new(StringComparer.Ordinal);

    /// <param name="SeesEverything">Admins and supervisors.</param>
    /// <param name="Queues">The queues an agent belongs to.</param>
    public sealed record Member(string UserId, bool SeesEverything, IReadOnlySet<int> Queues);

    public int Count => members.Count;

    /// <summary>How many connections see everything (reached through <see cref="EveryoneGroup"/>).</summary>
    public int EveryoneCount => members.Count - agents.Count;

    /// <param name="abort">Closes the connection (the hub's <c>Context.Abort</c>), for <see cref="Disconnect"/>.</param>
    public void Add(string connectionId, Member member, Action? abort = null)
    {
        if (abort is not null) aborts[connectionId] = abort;
        members[connectionId] = member;
        if (!member.SeesEverything) agents[connectionId] = member;
    }

    public void Remove(string connectionId)
    {
        members.TryRemove(connectionId, out _);
        agents.TryRemove(connectionId, out _);
        aborts.TryRemove(connectionId, out _);
    }

    /// <summary>
    /// Stops sending to every connection of the user and closes them, after their role changed or they were locked:
    /// what a connection may see was decided when it opened. Returns how many were closed.
    /// </summary>
    public int Disconnect(string userId)
    {
        var closed = 0;
        foreach (var (id, member) in members)
        {
            if (member.UserId != userId) continue;
            aborts.TryGetValue(id, out var abort);
            Remove(id);
            abort?.Invoke();
            closed++;
        }
        return closed;
    }

    /// <summary>Refreshes an agent's queues on their open connections after a membership change.</summary>
    public void SetQueues(string userId, IReadOnlySet<int> queues)
    {
        foreach (var (id, member) in agents)
        {
            if (member.UserId != userId) continue;
            var updated = member with { Queues = queues };
            agents[id] = updated;
            members[id] = updated;
        }
    }

    /// <summary>The connections that see every event (the members of <see cref="EveryoneGroup"/> on this instance).</summary>
    public IReadOnlyList<string> EveryoneConnections() =>
        members.Where(m => m.Value.SeesEverything).Select(m => m.Key).ToList();

    /// <summary>The agents' connections that may see the event (not the ones in <see cref="EveryoneGroup"/>).</summary>
    public IReadOnlyList<string> AgentConnectionsFor(LiveEvent live)
    {
        List<string>? targets = null;
        foreach (var (id, member) in agents)
        {
            if (MaySee(member, live)) (targets ??= []).Add(id);
        }
        return targets ?? (IReadOnlyList<string>)[];
    }

    /// <summary>
    /// For a batch of events, which agents' connections may see which of them: connections that may see the same
    /// events (in their order) are together, so the forwarder sends each such part once. Connections that may see none
    /// are left out.
    /// </summary>
    public IReadOnlyList<(IReadOnlyList<string> Connections, IReadOnlyList<LiveEvent> Seen)> AgentConnectionsFor(IReadOnlyList<LiveEvent> batch)
    {
        if (agents.IsEmpty || batch.Count == 0) return [];
        var parts = new List<(IReadOnlyList<string>, IReadOnlyList<LiveEvent>)>();
        // 64 events at a time, so that which ones a connection sees is one bit mask.
        for (var start = 0; start < batch.Count; start += 64)
        {
            var count = Math.Min(64, batch.Count - start);
            var byMask = new Dictionary<ulong, List<string>>();
            foreach (var (id, member) in agents)
            {
                var mask = 0UL;
                for (var i = 0; i < count; i++)
                {
                    if (MaySee(member, batch[start + i])) mask |= 1UL << i;
                }
                if (mask == 0) continue;
                if (!byMask.TryGetValue(mask, out var ids)) byMask[mask] = ids = [];
                ids.Add(id);
            }
            foreach (var (mask, ids) in byMask)
            {
                var seen = new List<LiveEvent>(System.Numerics.BitOperations.PopCount(mask));
                for (var i = 0; i < count; i++)
                {
                    if ((mask & (1UL << i)) != 0) seen.Add(batch[start + i]);
                }
                parts.Add((ids, seen));
            }
        }
        return parts;
    }

    private static bool MaySee(Member member, LiveEvent live) => live switch
    {
        AgentPresenceChanged presence => presence.AgentId == member.UserId,
        AgentSettingsChanged settings => settings.AgentId == member.UserId,
        QueueMembershipChanged membership => membership.UserId == member.UserId,
        ConversationEvent e => ConversationRules.Concerns(member.UserId, member.Queues, e),
        _ => false,
    };
}
