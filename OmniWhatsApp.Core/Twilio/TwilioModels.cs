namespace OmniWhatsApp.Core.Twilio;

/// <summary>What the product asks Twilio's Messages API to send.</summary>
public sealed record OutgoingMessage
{
    /// <summary>The customer, as <c>whatsapp:+E164</c>.</summary>
    public required string To { get; init; }
    /// <summary>The business number, as <c>whatsapp:+E164</c>.</summary>
    public required string From { get; init; }
    public string? Body { get; init; }
    public string? MediaUrl { get; init; }
    public string? ContentSid { get; init; }
    /// <summary>JSON object string such as <c>{"1":"Sarah"}</c>; only with <see cref="ContentSid"/>.</summary>
    public string? ContentVariables { get; init; }
    public string? StatusCallback { get; init; }
}

/// <summary>A message as Twilio reports it (what the app reads of the SDK's <c>MessageResource</c>).</summary>
public sealed record TwilioMessage(
    string Sid,
    string? AccountSid,
    string? From,
    string? To,
    string? Body,
    string? Status,
    string? Direction,
    int? ErrorCode,
    string? ErrorMessage,
    string? NumMedia,
    DateTimeOffset? DateCreated)
{
    public DateTimeOffset? DateSent { get; init; }
}

/// <summary>The first page of a Messages list, newest first.</summary>
public sealed record TwilioMessagePage(IReadOnlyList<TwilioMessage> Messages);

/// <summary>One template of Twilio's Content API, with its WhatsApp approval when the list carried it.</summary>
public sealed record TwilioContent(
    string Sid,
    string? FriendlyName,
    string? Language,
    IReadOnlyDictionary<string, string>? Variables,
    string? BodyText)
{
    /// <summary>WhatsApp's approval status ("approved", "pending", "rejected"…).</summary>
    public string? ApprovalStatus { get; init; }

    /// <summary>The name WhatsApp approved the template under (lowercase and underscores).</summary>
    public string? ApprovalName { get; init; }

    /// <summary>WhatsApp's category (UTILITY, MARKETING, AUTHENTICATION) as the approval reports it.</summary>
    public string? ApprovalCategory { get; init; }

    /// <summary>Why WhatsApp rejected it, in Twilio's words.</summary>
    public string? RejectionReason { get; init; }

    /// <summary>The template's first type the console knows (text, media, buttons, list, card, location), read from its <c>types</c>.</summary>
    public Templates.RichContent? Content { get; init; }
}

/// <summary>WhatsApp's approval of one Content template, as Twilio reports it.</summary>
/// <param name="Status">received, pending, approved, rejected, paused, disabled (or unsubmitted).</param>
public sealed record TwilioApproval(string? Status, string? Category, string? RejectionReason, string? Name, string? ContentType);

/// <summary>A downloaded media file.</summary>
public sealed record TwilioMedia(byte[] Content, string ContentType);
