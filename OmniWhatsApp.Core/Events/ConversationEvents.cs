using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.Events;

/// <summary>Something the live screens (inbox, queue dashboard, hub clients) should learn about at once.</summary>
public abstract record LiveEvent(DateTimeOffset At)
{
    /// <summary>The name clients see (SignalR method, JSON "type").</summary>
    public abstract string Name { get; }
}

/// <summary>
/// Something that happened to a conversation. Every event names the conversation's queue and agent as they
/// are after the event, so a subscriber can decide who may see it without reading the database.
/// </summary>
public abstract record ConversationEvent(int ConversationId, int? QueueId, string? AgentId, DateTimeOffset At) : LiveEvent(At);

/// <summary>A person's queues changed: what they may see changes with them.</summary>
public sealed record QueueMembershipChanged(string UserId, IReadOnlyList<int> QueueIds, DateTimeOffset At) : LiveEvent(At)
{
    public override string Name => "queueMembershipChanged";
}

/// <summary>
/// A person's role changed or they were locked out (their security stamp is new): sessions and hub connections
/// they already have open must stop and start over with their new rights, or be refused.
/// </summary>
public sealed record UserAccessChanged(string UserId, DateTimeOffset At) : LiveEvent(At)
{
    public override string Name => "userAccessChanged";
}

/// <summary>An agent's presence changed (chosen by them, or Offline after their last browser session closed).</summary>
public sealed record AgentPresenceChanged(string AgentId, Presence Presence, DateTimeOffset At) : LiveEvent(At)
{
    public override string Name => "agentPresenceChanged";
}

/// <summary>An admin saved a user's settings (capacity among them): distribution may have room now, dashboards recount.</summary>
public sealed record AgentSettingsChanged(string AgentId, DateTimeOffset At) : LiveEvent(At)
{
    public override string Name => "agentSettingsChanged";
}

public sealed record ConversationOpened(int ConversationId, int? QueueId, string? AgentId, DateTimeOffset At, string CustomerPhone, string? CustomerName)
    : ConversationEvent(ConversationId, QueueId, AgentId, At)
{
    public override string Name => "conversationOpened";
}

/// <summary>
/// The conversation got an agent (pushed, taken, assigned by a supervisor, transferred to an agent), or went back to
/// waiting in a queue (transferred to a queue: <see cref="ConversationEvent.AgentId"/> is then null).
/// </summary>
public sealed record ConversationAssigned(int ConversationId, int? QueueId, string? AgentId, DateTimeOffset At, string? PreviousAgentId, int? PreviousQueueId)
    : ConversationEvent(ConversationId, QueueId, AgentId, At)
{
    public override string Name => "conversationAssigned";
}

public sealed record ConversationClosed(int ConversationId, int? QueueId, string? AgentId, DateTimeOffset At)
    : ConversationEvent(ConversationId, QueueId, AgentId, At)
{
    public override string Name => "conversationClosed";
}

/// <summary>A message was stored: a customer's inbound one, or an outbound one entering the outbox.</summary>
public sealed record MessageAdded(int ConversationId, int? QueueId, string? AgentId, DateTimeOffset At, long MessageId, MessageDirection Direction, MessageKind Kind)
    : ConversationEvent(ConversationId, QueueId, AgentId, At)
{
    public override string Name => Direction == MessageDirection.Inbound ? "messageReceived" : "messageAdded";
}

public sealed record MessageStatusChanged(int ConversationId, int? QueueId, string? AgentId, DateTimeOffset At, long MessageId, MessageStatus Status, int? ErrorCode, string? ErrorMessage)
    : ConversationEvent(ConversationId, QueueId, AgentId, At)
{
    public override string Name => "messageStatusChanged";
}

/// <summary>An attachment of a message was stored (or could not be): the UI can show it now.</summary>
public sealed record MessageMediaChanged(int ConversationId, int? QueueId, string? AgentId, DateTimeOffset At, long MessageId, long MediaId)
    : ConversationEvent(ConversationId, QueueId, AgentId, At)
{
    public override string Name => "messageMediaChanged";
}

/// <summary>The assigned agent read the conversation up to a message: unread badges and tab titles update.</summary>
public sealed record ConversationRead(int ConversationId, int? QueueId, string? AgentId, DateTimeOffset At, long LastReadMessageId)
    : ConversationEvent(ConversationId, QueueId, AgentId, At)
{
    public override string Name => "conversationRead";
}

/// <summary>
/// The 24-hour window closed: its 24 hours ran out (<see cref="Conversations.WindowWatch"/>), or it closed early because
/// Twilio refused a session message with 63016. <see cref="LiveEvent.At"/> is when it closed.
/// </summary>
public sealed record WindowClosed(int ConversationId, int? QueueId, string? AgentId, DateTimeOffset At)
    : ConversationEvent(ConversationId, QueueId, AgentId, At)
{
    public override string Name => "windowClosed";
}

/// <summary>
/// WhatsApp's approval of a template changed (submitted, approved, rejected, paused…), as read from Twilio by the
/// studio, the background refresh or a sync. For admins: the template studio and the workstream page.
/// (<see cref="TemplateName"/>, since <see cref="LiveEvent.Name"/> is the event's own name.)
/// </summary>
public sealed record TemplateApprovalChanged(int TemplateId, int WorkstreamId, string TemplateName, string Language, TemplateApproval Approval, string? RejectionReason, DateTimeOffset At)
    : LiveEvent(At)
{
    public override string Name => "templateApprovalChanged";
}

/// <summary>
/// The in-process event bus the UI and the hub subscribe to. The contract is publish/subscribe with no
/// ordering promise across conversations, so an implementation can fan out across instances (PostgreSQL
/// LISTEN/NOTIFY) without changing subscribers.
/// </summary>
public interface IConversationEvents
{
    void Publish(LiveEvent @event);

    /// <summary>Registers a handler; dispose the result to unsubscribe (components do so when disposed).</summary>
    IDisposable Subscribe(Func<LiveEvent, Task> handler);

    /// <summary>
    /// Registers a receiver called at once, on the publishing thread, for each event in the order this instance gets
    /// them (published here, or with several instances as they arrive from the shared stream), so events published one
    /// after another reach it in that order (<see cref="Subscribe"/> hands each to the thread pool, where two can
    /// overtake each other). It must return at once: put the event in a queue and work elsewhere.
    /// </summary>
    IDisposable SubscribeInOrder(Action<LiveEvent> receive);
}
