namespace OmniWhatsApp.Core.QuickReplies;

/// <summary>A canned response agents insert by typing <c>/</c> and its shortcut.</summary>
public class QuickReply
{
    public int Id { get; set; }

    /// <summary>Lowercase letters, digits, hyphens: what follows the slash (<c>/refund</c>).</summary>
    public required string Shortcut { get; set; }
    public required string Text { get; set; }
}
