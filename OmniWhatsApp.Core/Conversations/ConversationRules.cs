using System.Linq.Expressions;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.Conversations;

/// <summary>The answer to "may this person act (or send) in this conversation?".</summary>
public enum Permission
{
    Allowed,
    /// <summary>The conversation is closed: read-only for everyone.</summary>
    Closed,
    /// <summary>An agent, and the conversation is not active with them.</summary>
    NotHandler,
}

/// <summary>
/// The rules of a conversation, in one place: WhatsApp's 24-hour window, who may see it, who may act and send in it,
/// and which status moves are allowed. Pure: callers read the facts (through EF, SQL or an event) and ask here; SQL
/// paths act on the decision, or on the values it produced, instead of restating the rule.
/// </summary>
public static class ConversationRules
{
    /// <summary>
    /// WhatsApp's customer-service window: free-form messages are allowed until 24 hours after the customer's most
    /// recent message. Agent replies do not extend it.
    /// </summary>
    public static readonly TimeSpan WindowLength = TimeSpan.FromHours(24);

    public static DateTimeOffset? WindowEndsAt(DateTimeOffset? lastInboundAt) => lastInboundAt + WindowLength;

    /// <summary>
    /// Open until (not including) <paramref name="windowEndsAt"/>: last inbound + 24 h, or earlier when Twilio
    /// reported 63016 (<see cref="Conversation.WindowEndsAt"/>).
    /// </summary>
    public static bool IsWindowOpen(DateTimeOffset? windowEndsAt, DateTimeOffset now) => windowEndsAt is { } end && now < end;

    /// <summary><see cref="IsWindowOpen"/> as a query filter, so the database applies the same comparison.</summary>
    public static Expression<Func<Conversation, bool>> WindowOpenAt(DateTimeOffset now) => c => c.WindowEndsAt > now;

    /// <summary>The window ran out by <paramref name="now"/> (one that never opened did not run out).</summary>
    public static Expression<Func<Conversation, bool>> WindowClosedBy(DateTimeOffset now) => c => c.WindowEndsAt <= now;

    /// <summary>
    /// Templates go out at any time; outside the window live Twilio takes one only by its Content SID (the emulator
    /// and demo mode take its text).
    /// </summary>
    public static bool MaySendTemplate(bool live, bool hasContentSid, DateTimeOffset? windowEndsAt, DateTimeOffset now) =>
        !live || hasContentSid || IsWindowOpen(windowEndsAt, now);

    /// <summary>
    /// Whether the conversation is in a user's own reach: assigned to them, or in one of <paramref name="queues"/>
    /// (the queues they belong to). All an agent sees.
    /// </summary>
    public static bool IsWithinReach(string userId, IReadOnlySet<int> queues, string? assignedAgentId, int? queueId) =>
        assignedAgentId == userId || (queueId is { } queue && queues.Contains(queue));

    /// <summary>Admins and supervisors see every conversation; an agent those within their reach.</summary>
    public static bool MaySee(bool seesEverything, string userId, IReadOnlySet<int> queues, string? assignedAgentId, int? queueId) =>
        seesEverything || IsWithinReach(userId, queues, assignedAgentId, queueId);

    /// <summary>
    /// Whether a change to a conversation concerns a user's reach: it is within it now, or, for a transfer, it just
    /// left it (their own conversation, or one of their queues').
    /// </summary>
    public static bool Concerns(string userId, IReadOnlySet<int> queues, ConversationEvent e) =>
        IsWithinReach(userId, queues, e.AgentId, e.QueueId)
        || (e is ConversationAssigned assigned && IsWithinReach(userId, queues, assigned.PreviousAgentId, assigned.PreviousQueueId));

    /// <summary>The agent handling the conversation: it is active and assigned to them.</summary>
    public static bool IsHandler(string userId, ConversationStatus status, string? assignedAgentId) =>
        status == ConversationStatus.Active && assignedAgentId == userId;

    /// <summary>
    /// Who may act on a conversation (send, transfer, resolve): nobody on a closed one; an agent only on an active one
    /// assigned to them; a supervisor or admin on any open one.
    /// </summary>
    public static Permission MayAct(Actor actor, ConversationStatus status, string? assignedAgentId) =>
        status == ConversationStatus.Closed ? Permission.Closed
        : actor.SeesEverything || IsHandler(actor.UserId, status, assignedAgentId) ? Permission.Allowed
        : Permission.NotHandler;

    /// <summary>
    /// Who may send: the team as <see cref="MayAct"/> says; the system (no <paramref name="sender"/>) always, since
    /// its automated messages (the closing message, the survey) go out after a close too. The window is separate.
    /// </summary>
    public static Permission MaySend(Actor? sender, ConversationStatus status, string? assignedAgentId) =>
        sender is null ? Permission.Allowed : MayAct(sender, status, assignedAgentId);

    /// <summary>Waiting, active or with the bot: not closed.</summary>
    public static bool IsOpen(ConversationStatus status) => status is ConversationStatus.Waiting or ConversationStatus.Active or ConversationStatus.WithBot;

    /// <summary><see cref="IsOpen"/> as a query filter (an IN the (Status, …) indexes serve).</summary>
    public static readonly Expression<Func<Conversation, bool>> Open =
        c => c.Status == ConversationStatus.Waiting || c.Status == ConversationStatus.Active || c.Status == ConversationStatus.WithBot;

    /// <summary>
    /// A conversation opens Waiting, becomes Active when assigned, goes back to Waiting when transferred to a queue
    /// and is Closed when resolved or idle; open ones also move within their status (to another queue or agent). A
    /// closed one never reopens: the customer writing again opens a new conversation.
    /// </summary>
    public static bool MayMove(ConversationStatus from, ConversationStatus to) =>
        IsOpen(from) && Enum.IsDefined(to);
}
