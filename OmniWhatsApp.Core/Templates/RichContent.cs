namespace OmniWhatsApp.Core.Templates;

/// <summary>
/// Twilio's WhatsApp content types the console builds (Content API <c>twilio/…</c>). A template has one; an agent's
/// in-session rich message is a <see cref="QuickReply"/>, a <see cref="ListPicker"/> or a <see cref="Location"/>.
/// </summary>
public enum RichContentType
{
    /// <summary><c>twilio/text</c>: text only.</summary>
    Text = 0,
    /// <summary><c>twilio/media</c>: text with one image, video or document.</summary>
    Media = 1,
    /// <summary><c>twilio/quick-reply</c>: text with reply buttons (at most 3 in a session, 10 in a template).</summary>
    QuickReply = 2,
    /// <summary><c>twilio/call-to-action</c>: text with buttons that open a URL or call a number.</summary>
    CallToAction = 3,
    /// <summary><c>twilio/list-picker</c>: text with a button that opens a list of up to 10 choices.</summary>
    ListPicker = 4,
    /// <summary><c>twilio/card</c>: text (Twilio's <c>title</c>), optional subtitle and image, and buttons.</summary>
    Card = 5,
    /// <summary><c>twilio/location</c>: a place on the map; in a session only, WhatsApp does not approve it.</summary>
    Location = 6,
}

/// <summary>What kind of button: a reply (sends its id back as <c>ButtonPayload</c>), a link or a phone call.</summary>
public enum RichButtonKind
{
    QuickReply = 0,
    Url = 1,
    PhoneNumber = 2,
}

/// <param name="Title">The text on the button.</param>
/// <param name="Id">A reply button's payload (what comes back as <c>ButtonPayload</c>).</param>
/// <param name="Url">A link button's address (may end in a <c>{{n}}</c> placeholder).</param>
/// <param name="Phone">A call button's number, +E.164.</param>
public sealed record RichButton(RichButtonKind Kind, string Title, string? Id = null, string? Url = null, string? Phone = null);

/// <param name="Id">What comes back as the choice's payload (<c>ListId</c>/<c>ButtonPayload</c>).</param>
/// <param name="Item">The row's title.</param>
/// <param name="Description">Optional second line.</param>
public sealed record RichListItem(string Id, string Item, string? Description = null);

/// <summary>
/// One WhatsApp rich message as the console builds it, whatever sends it: a template made in the template studio
/// (stored on <see cref="MessageTemplate.Definition"/> as JSON, its text in <see cref="MessageTemplate.Body"/>) or an
/// agent's in-session buttons, list or location (stored on <c>Message.RichContent</c>). Only the parts of its
/// <see cref="Type"/> are used; the others stay empty.
/// </summary>
public sealed record RichContent
{
    public RichContentType Type { get; init; }

    /// <summary>The text (<c>body</c>; a card's <c>title</c>, its main text); may hold <c>{{n}}</c> placeholders in a template.</summary>
    public string Body { get; init; } = "";

    /// <summary>Media and card: the image/video/document address.</summary>
    public string? MediaUrl { get; init; }

    /// <summary>Card: the small line under the card's text (<c>subtitle</c>).</summary>
    public string? Subtitle { get; init; }

    /// <summary>Quick-reply, call-to-action and card buttons.</summary>
    public IReadOnlyList<RichButton> Buttons { get; init; } = [];

    /// <summary>List picker: the text on the button that opens the list.</summary>
    public string? ListButton { get; init; }

    /// <summary>List picker: the rows.</summary>
    public IReadOnlyList<RichListItem> Items { get; init; } = [];

    /// <summary>Location: where.</summary>
    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    /// <summary>Location: the place's name.</summary>
    public string? Label { get; init; }

    /// <summary>Location: its address.</summary>
    public string? Address { get; init; }
}

/// <summary>WhatsApp's template categories; since July 2025 marketing (and authentication) templates are billed per message.</summary>
public enum TemplateCategory
{
    Utility = 1,
    Marketing = 2,
    Authentication = 3,
}

/// <summary>Where a template stands with WhatsApp (Twilio's approval statuses, plus the console's own first two).</summary>
public enum TemplateApproval
{
    /// <summary>Not known: typed in by hand, or a Content SID pasted in and not checked yet.</summary>
    Unknown = 0,
    /// <summary>Built in the template studio and not submitted yet.</summary>
    Draft = 1,
    Received = 2,
    Pending = 3,
    Approved = 4,
    Rejected = 5,
    Paused = 6,
    Disabled = 7,
}
