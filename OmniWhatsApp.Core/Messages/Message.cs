using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.Messages;

public enum MessageDirection
{
    Inbound = 0,
    Outbound = 1,
}

public enum MessageKind
{
    /// <summary>Free-form text (a session message when outbound).</summary>
    Text = 0,
    /// <summary>An approved template with its values.</summary>
    Template = 1,
    /// <summary>Sent by the system: greeting, agent assigned, closed, outside business hours, survey.</summary>
    Automated = 2,
    /// <summary>A line the system writes for the team ("window closed", "greeting skipped", "transferred"); never sent.</summary>
    System = 3,
    /// <summary>An agent's internal note; never sent.</summary>
    Note = 4,
    /// <summary>Sent by the channel's bot (built-in FAQ bot or external bot), through the outbox like any other.</summary>
    Bot = 5,
}

/// <summary>Where an outbound message is in the outbox.</summary>
public enum DispatchState
{
    /// <summary>Nothing to send (inbound, system lines).</summary>
    None = 0,
    /// <summary>Stored, waiting for the dispatcher (or its next retry).</summary>
    Pending = 1,
    /// <summary>A send attempt has started; its outcome is not recorded yet.</summary>
    InFlight = 2,
    /// <summary>Twilio accepted it (it has a SID).</summary>
    Accepted = 3,
    /// <summary>Twilio refused it, or retries ran out.</summary>
    Failed = 4,
}

/// <summary>One message of a conversation, in either direction.</summary>
public class Message
{
    public long Id { get; set; }
    public int ConversationId { get; set; }
    public Conversation? Conversation { get; set; }
    public MessageDirection Direction { get; set; }
    public MessageKind Kind { get; set; }
    public string? Body { get; set; }

    /// <summary>Twilio's SID (<c>SM…</c>/<c>MM…</c>); unique, so a retried webhook is stored once.</summary>
    public string? TwilioSid { get; set; }
    public MessageStatus Status { get; set; }
    public int? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StatusAt { get; set; }
    public string? AuthorId { get; set; }
    public AppUser? Author { get; set; }

    public int? TemplateId { get; set; }
    /// <summary>Template values as a JSON array of strings.</summary>
    public string? TemplateValues { get; set; }
    public string? ContentSid { get; set; }

    // A location the customer shared (all null otherwise): see MessageLocation.
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? LocationLabel { get; set; }
    public string? LocationAddress { get; set; }

    public MessageLocation? Location => Latitude is { } latitude && Longitude is { } longitude
        ? new MessageLocation(latitude, longitude, LocationLabel, LocationAddress)
        : null;

    /// <summary>The message this one answers: a customer's quoted reply (<c>OriginalRepliedMessageSid</c>) or an agent's reply to a message.</summary>
    public long? ReplyToMessageId { get; set; }
    public Message? ReplyTo { get; set; }

    /// <summary>A customer's quoted reply as Twilio named it (kept when the quoted message is not in the console).</summary>
    public string? QuotedSid { get; set; }

    /// <summary>A customer's button or list choice: its payload (<c>ButtonPayload</c>/<c>ListId</c>).</summary>
    public string? ChoiceId { get; set; }

    /// <summary>A customer's button or list choice: the text they tapped (<c>ButtonText</c>/<c>ListTitle</c>).</summary>
    public string? ChoiceTitle { get; set; }

    /// <summary>An agent's in-session buttons, list or location (<see cref="Templates.RichContent"/> as JSON).</summary>
    public string? RichContent { get; set; }

    /// <summary>A contact card the customer shared: the name and number read from its vCard.</summary>
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }

    // Outbox: an outbound message is stored first and sent by the dispatcher.
    public DispatchState Dispatch { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>
    /// When the latest send attempt whose outcome is unknown started: set while InFlight, kept after a timeout
    /// or a 5xx (Twilio may have created the message), cleared once the outcome is known. A message that still
    /// has it is looked up at Twilio before it is sent again (ADR 0004).
    /// </summary>
    public DateTimeOffset? AttemptStartedAt { get; set; }

    public List<MessageMedia> Media { get; set; } = [];
}

/// <summary>An attachment of a message: inbound ones are fetched from Twilio by the media worker.</summary>
public class MessageMedia
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    public Message? Message { get; set; }
    public int Index { get; set; }
    public required string ContentType { get; set; }

    /// <summary>Where Twilio serves the file (inbound), or null for an agent's upload.</summary>
    public string? SourceUrl { get; set; }
    public string? FileName { get; set; }
    public long? Size { get; set; }

    /// <summary>Path under the media folder (never under wwwroot) once stored.</summary>
    public string? StoragePath { get; set; }
    public MediaState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? Error { get; set; }
}

public enum MediaState
{
    Pending = 0,
    Stored = 1,
    Failed = 2,
    /// <summary>Not fetched: the workstream does not accept customers' attachments.</summary>
    Refused = 3,
}
