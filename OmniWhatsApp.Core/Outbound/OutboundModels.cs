using OmniWhatsApp.Core.Templates;

namespace OmniWhatsApp.Core.Outbound;

/// <summary>A free-form (session) message: text, an attachment, or both. Its author is the acting user.</summary>
public sealed record SessionMessageInput(int ConversationId, string? Text)
{
    /// <summary>One file (WhatsApp takes one per message) at a public URL Twilio can fetch.</summary>
    public OutgoingAttachment? Attachment { get; init; }

    /// <summary>
    /// One file the agent uploaded (instead of <see cref="Attachment"/>): stored with the other media and given to
    /// Twilio as a short-lived signed link (<see cref="PublicMediaLinks"/>) when the message is sent.
    /// </summary>
    public AttachmentUpload? Upload { get; init; }
}

/// <summary>A file Twilio fetches from <see cref="Url"/>; its Content-Type must match the file.</summary>
public sealed record OutgoingAttachment(string Url, string ContentType, string? FileName = null, long? Size = null);

/// <summary>A file an agent picked in the composer, with the type the browser reported.</summary>
public sealed record AttachmentUpload(byte[] Content, string ContentType, string FileName);

/// <summary>An approved template with one value per placeholder, in placeholder order. Its author is the acting user.</summary>
public sealed record TemplateMessageInput(int ConversationId, int TemplateId, IReadOnlyList<string> Values)
{
    /// <summary>
    /// The language to send in; null: the template's own. Another language picks the template of the same name in
    /// that language, so a picker can offer one name and switch language.
    /// </summary>
    public string? Language { get; init; }
}

/// <summary>What the composer of a conversation may offer (<see cref="OutboundService.ComposerOptionsAsync"/>).</summary>
/// <param name="Language">The conversation's language (or its channel's), whose templates are offered.</param>
/// <param name="AgentsCanSendAttachments">The channel lets agents attach files.</param>
/// <param name="MaxImageBytes">WhatsApp's limit for images.</param>
/// <param name="MaxFileBytes">WhatsApp's limit for other files.</param>
public sealed record ComposerOptions(
    string? Language,
    IReadOnlyList<TemplateOption> Templates,
    bool AgentsCanSendAttachments,
    long MaxImageBytes,
    long MaxFileBytes);

/// <param name="VariableCount">How many values it takes ({{1}}…{{n}}).</param>
/// <summary>A template the composer offers; <paramref name="Samples"/> holds Twilio's example value per placeholder, where known.</summary>
public sealed record TemplateOption(int Id, string Name, string Language, string Body, int VariableCount, IReadOnlyList<string?> Samples)
{
    /// <summary>WhatsApp's category, where known (marketing and authentication are billed per message).</summary>
    public TemplateCategory? Category { get; init; }

    /// <summary>Why it cannot be sent at all now ("pending approval"…), in the reader's language; null when it can.</summary>
    public string? Unavailable { get; init; }

    /// <summary>Why it cannot be sent outside the 24-hour window; null when it can.</summary>
    public string? UnavailableOutsideWindow { get; init; }

    /// <summary>Whether it can be sent with the window <paramref name="open"/> or closed.</summary>
    public bool IsAvailable(bool windowOpen) => Unavailable is null && (windowOpen || UnavailableOutsideWindow is null);
}
