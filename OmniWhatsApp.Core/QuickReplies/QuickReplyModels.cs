namespace OmniWhatsApp.Core.QuickReplies;

/// <summary>What a supervisor or admin enters for a quick reply.</summary>
public sealed class QuickReplyInput
{
    /// <summary>What the agent types after the slash: lowercase letters, digits and hyphens.</summary>
    public string Shortcut { get; set; } = "";
    public string Text { get; set; } = "";
}

public sealed record QuickReplySummary(int Id, string Shortcut, string Text);
