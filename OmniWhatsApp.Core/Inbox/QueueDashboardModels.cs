using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.Inbox;

/// <summary>The supervisor's queue dashboard at one moment (<see cref="QueueDashboardQueries.GetAsync"/>).</summary>
/// <param name="ClosingWindows">Open conversations whose window closes within the hour while the customer waits for an answer, soonest first.</param>
/// <param name="Unrouted">Conversations waiting in no queue, longest waiting first: no queue's figures count them and no agent sees them.</param>
/// <param name="WithBot">Conversations the bot holds, longest held first (at most <see cref="QueueDashboardQueries.MaxWithBot"/>); <paramref name="WithBotTotal"/> counts them all.</param>
public sealed record QueueDashboard(DateTimeOffset At, IReadOnlyList<QueueStats> Queues, IReadOnlyList<ClosingWindow> ClosingWindows,
    IReadOnlyList<UnroutedConversation> Unrouted, IReadOnlyList<BotConversation> WithBot, int WithBotTotal);

/// <param name="LongestWait">How long the oldest waiting conversation has waited; null when none waits.</param>
/// <param name="AverageWait">The mean time the waiting conversations have waited so far.</param>
/// <param name="WithBot">Conversations of the queue the bot holds: not waiting for an agent (yet).</param>
/// <param name="Agents">The queue's members, by name.</param>
public sealed record QueueStats(
    int QueueId,
    string Name,
    int Waiting,
    TimeSpan? LongestWait,
    TimeSpan? AverageWait,
    int Active,
    int WithBot,
    IReadOnlyList<AgentLoadView> Agents)
{
    /// <summary>Members per presence, e.g. Available 3, Busy 1, Away 2.</summary>
    public IReadOnlyDictionary<Presence, int> AgentsByPresence { get; } =
        Agents.GroupBy(a => a.Presence).ToDictionary(g => g.Key, g => g.Count());
}

/// <param name="Used">Capacity units held by the agent's active conversations (all queues); may exceed <paramref name="Capacity"/> after a supervisor's assignment.</param>
public sealed record AgentLoadView(string AgentId, string Name, Presence Presence, int Used, int Capacity, int ActiveConversations) : IAgentLoad;

public sealed record ClosingWindow(
    int ConversationId,
    string CustomerPhone,
    string? CustomerName,
    ConversationStatus Status,
    int? QueueId,
    string? QueueName,
    string? AgentId,
    string? AgentName,
    DateTimeOffset? LastInboundAt,
    DateTimeOffset WindowEndsAt);

/// <summary>One queue's open conversations (<see cref="QueueDashboardQueries.ConversationsAsync"/>).</summary>
/// <param name="Waiting">The oldest waiting ones, oldest first; <paramref name="WaitingTotal"/> counts them all.</param>
/// <param name="Active">The active ones by agent name.</param>
public sealed record QueueConversations(
    DateTimeOffset At,
    int QueueId,
    string QueueName,
    IReadOnlyList<QueueConversation> Waiting,
    int WaitingTotal,
    IReadOnlyList<QueueConversation> Active,
    int ActiveTotal);

/// <param name="QueuedAt">When it started waiting in the queue (its creation when it never did).</param>
/// <param name="Unanswered">The customer wrote after the team's last reply.</param>
public sealed record QueueConversation(
    int ConversationId,
    string CustomerPhone,
    string? CustomerName,
    ConversationStatus Status,
    string? AgentId,
    string? AgentName,
    DateTimeOffset QueuedAt,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? WindowEndsAt,
    bool Unanswered);

/// <summary>
/// A conversation waiting in no queue: its workstream had no fallback queue when it came in (or its number belongs to no
/// workstream), so no agent sees it; supervisors and admins do, until one of them assigns it.
/// </summary>
/// <param name="WaitingSince">When it started waiting (its creation when it never did).</param>
public sealed record UnroutedConversation(
    int ConversationId,
    string CustomerPhone,
    string? CustomerName,
    int? WorkstreamId,
    string? WorkstreamName,
    DateTimeOffset WaitingSince,
    DateTimeOffset? WindowEndsAt);

/// <summary>
/// A conversation the channel's bot holds (<see cref="ConversationStatus.WithBot"/>): no agent works on it and none waits
/// for it; a supervisor may take it over. Its queue is the one routing chose, where it waits once the bot hands it off.
/// </summary>
/// <param name="BotSince">Since when the bot has it.</param>
/// <param name="LastMessage">The newest message to or from the customer (not system lines or notes), shortened.</param>
/// <param name="LastMessageFromBot">Whether that message is the bot's (else the customer's, or the team's).</param>
public sealed record BotConversation(
    int ConversationId,
    string CustomerPhone,
    string? CustomerName,
    int? QueueId,
    string? QueueName,
    DateTimeOffset BotSince,
    string? LastMessage,
    bool LastMessageFromBot,
    DateTimeOffset? WindowEndsAt);
