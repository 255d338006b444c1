using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.Inbox;

/// <summary>One conversation in an agent's list (<see cref="InboxQueries.MyConversationsAsync"/>).</summary>
/// <param name="Unanswered">The customer wrote after the team's last reply (an agent's text or template; automated messages do not count).</param>
/// <param name="UnreadCount">Customer messages newer than the last one the agent marked read.</param>
/// <param name="LastMessagePreview">The latest text or template either way (not system lines or notes), cut to 120 characters; a shared location without text is "📍" and its place name, a contact "👤" and its name, a button or list choice "🔘" and its title.</param>
/// <param name="LastMessageMediaType">The content type of that message's first attachment, if it has one (an image-only message has no text).</param>
public sealed record InboxItem(
    int ConversationId,
    string CustomerPhone,
    string? CustomerName,
    int? QueueId,
    string? QueueName,
    DateTimeOffset? WindowEndsAt,
    DateTimeOffset? LastInboundAt,
    DateTimeOffset? LastOutboundAt,
    DateTimeOffset LastMessageAt,
    DateTimeOffset? AssignedAt,
    bool Unanswered,
    int UnreadCount,
    string? LastMessagePreview,
    string? LastMessageMediaType = null);

/// <summary>One conversation waiting in a pick-mode queue (<see cref="InboxQueries.WaitingInMyQueuesAsync"/>).</summary>
/// <param name="Needed">Capacity units taking it uses.</param>
public sealed record WaitingItem(
    int ConversationId,
    string CustomerPhone,
    string? CustomerName,
    int QueueId,
    string QueueName,
    DateTimeOffset QueuedAt,
    DateTimeOffset? WindowEndsAt,
    int Needed,
    string? LastMessagePreview,
    string? LastMessageMediaType = null);

/// <summary>The oldest waiting conversations of the agent's pick-mode queues, and how many wait in all.</summary>
public sealed record WaitingList(IReadOnlyList<WaitingItem> Items, int Total);

/// <summary>A conversation as its page shows it: header and one page of messages, oldest first.</summary>
/// <param name="HasOlder">Older messages exist: ask again with <c>before</c> = the first message's id.</param>
public sealed record ConversationView(ConversationHeader Header, IReadOnlyList<MessageView> Messages, bool HasOlder);

/// <param name="IsMine">The viewer is the agent the conversation is assigned to (and it is active): they can reply.</param>
/// <param name="CanAct">The viewer may transfer or resolve it: its agent, or a supervisor/admin, while it is open.</param>
/// <param name="CanTake">The viewer may take it: waiting, pick mode, and in one of their queues.</param>
public sealed record ConversationHeader(
    int Id,
    ConversationStatus Status,
    string CustomerPhone,
    string? CustomerName,
    string Number,
    string NumberName,
    int? WorkstreamId,
    string? WorkstreamName,
    int? QueueId,
    string? QueueName,
    string? AgentId,
    string? AgentName,
    string? Language,
    DateTimeOffset CreatedAt,
    DateTimeOffset? QueuedAt,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? LastInboundAt,
    DateTimeOffset? WindowEndsAt,
    bool WindowOpen,
    long? LastReadMessageId,
    bool IsMine,
    bool CanAct,
    bool CanTake);

/// <param name="AuthorName">The agent who wrote it (outbound texts, templates, notes); null for the customer and the system.</param>
/// <param name="ErrorMessage">Why sending failed, in words (Twilio's error explained).</param>
public sealed record MessageView(
    long Id,
    MessageDirection Direction,
    MessageKind Kind,
    string? Body,
    MessageStatus Status,
    DispatchState Dispatch,
    int? ErrorCode,
    string? ErrorMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StatusAt,
    string? AuthorId,
    string? AuthorName,
    IReadOnlyList<MediaView> Media,
    MessageLocation? Location = null,
    MessageChoice? Choice = null,
    MessageQuote? Quote = null,
    MessageContact? Contact = null)
{
    /// <summary>An agent's buttons, list or location, as sent (null for anything else).</summary>
    public RichContent? Rich { get; init; }
}

/// <summary>A customer's tap on a button or list row: what it said, and the id (payload) the business gave it, if any.</summary>
public sealed record MessageChoice(string Title, string? Payload);

/// <summary>
/// The message a reply quotes, as a small block above the reply. <see cref="MessageId"/> is null when the quoted
/// message is not in this conversation (Twilio named one the console does not have here).
/// </summary>
/// <param name="AuthorName">The customer's name (or number) for their messages, the agent's for the team's; null for the system's.</param>
/// <param name="Text">Its text, or in words what it carried (a place, a contact), cut short; null for a file without caption.</param>
/// <param name="MediaType">The content type of its first attachment, if any.</param>
public sealed record MessageQuote(long? MessageId, MessageDirection? Direction, string? AuthorName, string? Text, string? MediaType = null)
{
    public bool Found => MessageId is not null;
}

/// <summary>A contact card the customer shared; both parts null while its file is being fetched.</summary>
public sealed record MessageContact(string? Name, string? Phone)
{
    /// <summary>A <c>tel:</c> link for the number, keeping only what a dialler understands; null without a number.</summary>
    public string? TelUrl
    {
        get
        {
            var digits = new string((Phone ?? "").Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());
            return digits.Any(char.IsAsciiDigit) ? "tel:" + digits : null;
        }
    }
}

/// <param name="Url">Where the browser gets it: the app's /media/{id} for stored files, the public address of an agent's upload; null while not fetched.</param>
public sealed record MediaView(long Id, string ContentType, string? FileName, long? Size, MediaState State, string? Error, string? Url)
{
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Where a conversation can be transferred (<see cref="InboxQueries.TransferTargetsAsync"/>).</summary>
/// <param name="Agents">The members of the conversation's queue, except the one who holds it, by name.</param>
/// <param name="Needed">Capacity units the conversation takes from the agent who receives it.</param>
public sealed record TransferTargets(IReadOnlyList<QueueOption> Queues, IReadOnlyList<AgentOption> Agents, int Needed = 1);

/// <param name="IsCurrent">The conversation's own queue (transferring there puts it back to waiting).</param>
public sealed record QueueOption(int QueueId, string Name, bool IsCurrent);

/// <param name="CanReceive">
/// Whether the viewer may choose them: for an agent, a colleague who is not Offline and has room for the conversation;
/// for a supervisor or admin, any member.
/// </param>
public sealed record AgentOption(string AgentId, string Name, Presence Presence, int Used, int Capacity, bool CanReceive) : IAgentLoad;

/// <summary>An agent as a supervisor chooses among them: who, their presence, and their load against capacity.</summary>
public interface IAgentLoad
{
    string AgentId { get; }
    string Name { get; }
    Presence Presence { get; }
    int Used { get; }
    int Capacity { get; }
}
