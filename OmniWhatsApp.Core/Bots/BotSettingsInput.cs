namespace OmniWhatsApp.Core.Bots;

/// <summary>
/// The bot of a WhatsApp channel as the admin edits it (the setup wizard's Bot step and the workstream page). Only the
/// chosen mode's fields are checked and saved: the other mode's settings stay as they were, so switching back finds them.
/// </summary>
public sealed class BotSettingsInput
{
    public BotMode Mode { get; set; }

    public string? Greeting { get; set; }
    public string? Fallback { get; set; }
    public string HandoffWords { get; set; } = BotSettings.DefaultHandoffWords;
    public int HandoffAfterMisses { get; set; } = BotSettings.DefaultHandoffAfterMisses;
    public List<BotFaqEntryInput> Entries { get; set; } = [];

    public string? ExternalUrl { get; set; }

    /// <summary>Write-only: a new shared secret, or blank to keep the saved one.</summary>
    public string? Secret { get; set; }

    /// <summary>The saved secret's last four characters (null: none saved yet); shown masked, never the secret itself.</summary>
    public string? SavedSecretHint { get; set; }

    public int TimeoutSeconds { get; set; } = BotSettings.DefaultTimeoutSeconds;

    public bool HasSavedSecret => SavedSecretHint is not null;

    /// <summary>A deep copy, so an editor's changes reach the stored settings only through Save.</summary>
    public BotSettingsInput Clone()
    {
        var copy = (BotSettingsInput)MemberwiseClone();
        copy.Entries = Entries.Select(e => e.Clone()).ToList();
        return copy;
    }

    /// <summary>The input for settings as stored (the secret itself is never read back).</summary>
    public static BotSettingsInput From(BotSettings settings, IEnumerable<BotFaqEntry> entries) => new()
    {
        Mode = settings.Mode,
        Greeting = settings.Greeting,
        Fallback = settings.Fallback,
        HandoffWords = settings.HandoffWords,
        HandoffAfterMisses = settings.HandoffAfterMisses,
        Entries = entries.OrderBy(e => e.Position).ThenBy(e => e.Id)
            .Select(e => new BotFaqEntryInput { Language = e.Language, Phrases = e.Phrases, Answer = e.Answer }).ToList(),
        ExternalUrl = settings.ExternalUrl,
        SavedSecretHint = settings.ProtectedSecret is null ? null : settings.SecretHint ?? "",
        TimeoutSeconds = settings.TimeoutSeconds,
    };
}

/// <summary>One FAQ entry as the admin edits it: the phrases (separated by commas) a customer may write, and the answer.</summary>
public sealed class BotFaqEntryInput
{
    public string Language { get; set; } = "en";
    public string Phrases { get; set; } = "";
    public string Answer { get; set; } = "";

    public BotFaqEntryInput Clone() => (BotFaqEntryInput)MemberwiseClone();
}
