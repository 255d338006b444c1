using System.Text.Json.Serialization;

namespace OmniWhatsApp.Web.Emulator;

/// <summary>
/// A message as the emulated Twilio knows it, either way. Immutable: a status change stores a new copy, so a
/// reader (the simulator page) never sees one half-updated.
/// </summary>
public sealed record EmulatorMessage
{
    public const string Outbound = "outbound-api";
    public const string Inbound = "inbound";
    /// <summary>Twilio's own replies, e.g. the sandbox's join confirmation.</summary>
    public const string OutboundReply = "outbound-reply";

    public required string Sid { get; init; }
    public required string AccountSid { get; init; }
    /// <summary><c>whatsapp:+E164</c>.</summary>
    public required string From { get; init; }
    public required string To { get; init; }
    public string? Body { get; init; }
    public required string Direction { get; init; }
    public required string Status { get; init; }
    public int? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public IReadOnlyList<EmulatorMedia> Media { get; init; } = [];
    /// <summary>What an outbound message asked Twilio to fetch (not stored by the emulator).</summary>
    public IReadOnlyList<string> MediaUrls { get; init; } = [];
    public string? ContentSid { get; init; }
    /// <summary>An outbound content message: its content's types as created (JSON object), so the customer sees its buttons, list or place.</summary>
    public string? ContentTypes { get; init; }
    public string? StatusCallback { get; init; }
    public string? ProfileName { get; init; }
    /// <summary>What a customer's message carries beyond text and files: a choice, a quote, a place (Twilio's extra webhook fields).</summary>
    public CustomerExtras? Extras { get; init; }
    public DateTimeOffset DateCreated { get; init; }
    public DateTimeOffset DateUpdated { get; init; }
    public DateTimeOffset? DateSent { get; init; }

    /// <summary>For an accepted outbound message that WhatsApp will refuse: the error its failed callback carries.</summary>
    public int? PlannedErrorCode { get; init; }

    [JsonIgnore] public bool IsOutbound => Direction != Inbound;
    [JsonIgnore] public int NumMedia => Direction == Inbound ? Media.Count : MediaUrls.Count;
}

/// <summary>
/// A customer's tap or share beyond text, as the emulator posts it in Twilio's inbound fields: a quick-reply button
/// (<c>ButtonPayload</c>, <c>ButtonText</c>), a list row (<c>ListId</c>, <c>ListTitle</c>), the message quoted
/// (<c>OriginalRepliedMessageSid</c>) and a shared place (<c>Latitude</c>, <c>Longitude</c>, <c>Label</c>, <c>Address</c>).
/// </summary>
public sealed record CustomerExtras
{
    public string? ButtonPayload { get; init; }
    public string? ButtonText { get; init; }
    public string? ListId { get; init; }
    public string? ListTitle { get; init; }
    public string? RepliedToSid { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? Label { get; init; }
    public string? Address { get; init; }
}

/// <summary>A stored attachment of an inbound message, served at Twilio's media URL.</summary>
public sealed record EmulatorMedia(string Sid, string ContentType, long Size, string? FileName);

/// <summary>A file a simulated customer sends.</summary>
public sealed record EmulatorFile(byte[] Content, string ContentType, string? FileName = null);

/// <summary>What happened to a simulated customer's message.</summary>
public enum CustomerMessageOutcome
{
    /// <summary>Posted to the app's inbound webhook, which answered 2xx.</summary>
    Delivered,
    /// <summary>Posted, but the app answered an error (or nothing) on every try.</summary>
    WebhookFailed,
    /// <summary>The number's sender has no incoming-message webhook, so there is nothing to call (Twilio would log 11200).</summary>
    NoWebhook,
    /// <summary>The sandbox join code: the customer is now a member; the text was not forwarded.</summary>
    JoinedSandbox,
    /// <summary>"stop" to the sandbox: membership ended; not forwarded.</summary>
    LeftSandbox,
    /// <summary>A message to the sandbox from a customer who has not joined: answered by Twilio, not forwarded.</summary>
    NotInSandbox,
}

/// <param name="WebhookStatus">The app's HTTP answer to the last try, when the message was posted.</param>
/// <param name="Reply">Twilio's own answer to the customer (sandbox), if any.</param>
/// <param name="WebhookReason">What the app said when it refused the message (the body of its error answer), if anything.</param>
public sealed record CustomerMessageResult(string MessageSid, CustomerMessageOutcome Outcome, int? WebhookStatus = null, string? Reply = null,
    string? WebhookReason = null);

/// <summary>
/// A WhatsApp sender of the emulated account (Messaging API v2 Channels Senders): a number and where Twilio posts
/// what happens on it, as the app (or its admin) configured it.
/// </summary>
public sealed record EmulatorSender(string Sid, string AccountSid, string SenderId)
{
    /// <summary>Where customers' messages to the number are posted; empty or null: nowhere.</summary>
    public string? CallbackUrl { get; init; }
    public string? FallbackUrl { get; init; }
    /// <summary>Where status callbacks go for messages sent from the number without their own StatusCallback.</summary>
    public string? StatusCallbackUrl { get; init; }
    public string? FriendlyName { get; init; }
    public DateTimeOffset DateCreated { get; init; }
    public DateTimeOffset DateUpdated { get; init; }
}
