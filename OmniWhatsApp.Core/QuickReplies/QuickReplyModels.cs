namespace OmniWhatsApp.Core.QuickReplies;

public sealed class QuickReplyInput
{
    public string Shortcut { get; set; } = "";
    public string Text { get; set; } = "";
}

public sealed record QuickReplySummary(int Id, string Shortcut, string Text);
