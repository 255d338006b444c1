using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Core.Conversations;

public enum ConversationStatus
{
    Waiting = 0,
    Active = 1,
    Closed = 2,
    /// <summary>Open, held by the channel's bot: not waiting for an agent until the bot hands it off.</summary>
    WithBot = 3,
}

/// <summary>A WhatsApp customer, known by their number.</summary>
public class Customer
{
    public int Id { get; set; }
    public required string Phone { get; set; }
    public string? ProfileName { get; set; }
}

/// <summary>A conversation between a customer and the team on one WhatsApp number.</summary>
public class Conversation
{
    public int Id { get; set; }
    public int CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public int NumberId { get; set; }
    public WhatsAppNumber? Number { get; set; }
    public int? WorkstreamId { get; set; }
    public Workstream? Workstream { get; set; }
    public int? QueueId { get; set; }
    public Queue? Queue { get; set; }
    public string? AssignedAgentId { get; set; }
    public AppUser? AssignedAgent { get; set; }
    public ConversationStatus Status { get; set; }
    public string? Language { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastInboundAt { get; set; }

    /// <summary>When the 24-hour window closes: last inbound + 24 h, or earlier when Twilio reports 63016.</summary>
    public DateTimeOffset? WindowEndsAt { get; set; }

    /// <summary>Time of the latest message either way, for ordering and auto-close.</summary>
    public DateTimeOffset LastMessageAt { get; set; }

    /// <summary>
    /// The team's latest reply to the customer (a text or template; automated messages are not answers), for the
    /// inbox's "unanswered" ordering. Kept by the outbound service.
    /// </summary>
    public DateTimeOffset? LastOutboundAt { get; set; }

    /// <summary>Since when the conversation waits in its queue (opened or transferred); null once assigned.</summary>
    public DateTimeOffset? QueuedAt { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }

    /// <summary>The newest message the assigned agent has seen: later inbound messages are unread.</summary>
    public long? LastReadMessageId { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>
    /// When the opening automated message (greeting, or outside business hours) was dealt with: sent, skipped
    /// because the window had closed, or none configured. Null until then; claiming it makes the message go once.
    /// </summary>
    public DateTimeOffset? GreetedAt { get; set; }

    /// <summary>Since when the channel's bot holds the conversation (<see cref="ConversationStatus.WithBot"/>); kept after the hand-off.</summary>
    public DateTimeOffset? BotSince { get; set; }

    /// <summary>The newest inbound message the bot has dealt with; later ones are its next turn.</summary>
    public long? BotSeenMessageId { get; set; }

    /// <summary>The FAQ bot's customer messages in a row without an answer, for "hand off after N unanswered messages".</summary>
    public int BotMisses { get; set; }

    public bool IsWindowOpen(DateTimeOffset now) => ConversationRules.IsWindowOpen(WindowEndsAt, now);
}
