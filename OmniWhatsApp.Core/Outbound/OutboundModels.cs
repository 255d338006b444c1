namespace OmniWhatsApp.Core.Outbound;

/// <summary>A free-form (session) message: text, an attachment, or both.</summary>
public sealed record SessionMessageInput(int ConversationId, string? Text)
{
    /// <summary>The agent who writes it; null for the system.</summary>
    public string? AuthorId { get; init; }

    /// <summary>One file (WhatsApp takes one per message) at a public URL Twilio can fetch.</summary>
    public OutgoingAttachment? Attachment { get; init; }
}

/// <summary>A file Twilio fetches from <see cref="Url"/>; its Content-Type must match the file.</summary>
public sealed record OutgoingAttachment(string Url, string ContentType, string? FileName = null, long? Size = null);

/// <summary>An approved template with one value per placeholder, in placeholder order.</summary>
public sealed record TemplateMessageInput(int ConversationId, int TemplateId, IReadOnlyList<string> Values)
{
    /// <summary>
    /// The language to send in; null: the template's own. Another language picks the template of the same name in
    /// that language, so a picker can offer one name and switch language.
    /// </summary>
    public string? Language { get; init; }

    public string? AuthorId { get; init; }
}
