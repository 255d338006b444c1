using System.Collections.Concurrent;
using OmniWhatsApp.Core.Events;

namespace OmniWhatsApp.Web.Hubs;

/// <summary>
/// Who is connected to the hub and what each connection may see. An event goes to each connection that may see
/// it exactly once (SignalR's group sends would repeat it to a connection in two matching groups, e.g. an agent's
/// own group and their queue's).
/// </summary>
public sealed class HubAudience
{
    private readonly ConcurrentDictionary<string, Member> members = new(StringComparer.Ordinal);

    /// <param name="SeesEverything">Admins and supervisors.</param>
    /// <param name="Queues">The queues an agent belongs to.</param>
    public sealed record Member(string UserId, bool SeesEverything, IReadOnlySet<int> Queues);

    public int Count => members.Count;

    public void Add(string connectionId, Member member) => members[connectionId] = member;

    public void Remove(string connectionId) => members.TryRemove(connectionId, out _);

    /// <summary>Refreshes an agent's queues on their open connections after a membership change.</summary>
    public void SetQueues(string userId, IReadOnlySet<int> queues)
    {
        foreach (var (id, member) in members)
        {
            if (member.UserId == userId) members[id] = member with { Queues = queues };
        }
    }

    public IReadOnlyList<string> ConnectionsFor(LiveEvent live)
    {
        var targets = new List<string>();
        foreach (var (id, member) in members)
        {
            if (member.SeesEverything || MaySee(member, live)) targets.Add(id);
        }
        return targets;
    }

    private static bool MaySee(Member member, LiveEvent live) => live switch
    {
        AgentPresenceChanged presence => presence.AgentId == member.UserId,
        AgentSettingsChanged settings => settings.AgentId == member.UserId,
        QueueMembershipChanged membership => membership.UserId == member.UserId,
        ConversationAssigned assigned => Concerns(member, assigned)
            || assigned.PreviousAgentId == member.UserId
            || (assigned.PreviousQueueId is { } previous && member.Queues.Contains(previous)),
        ConversationEvent e => Concerns(member, e),
        _ => false,
    };

    private static bool Concerns(Member member, ConversationEvent e) =>
        e.AgentId == member.UserId || (e.QueueId is { } queue && member.Queues.Contains(queue));
}
