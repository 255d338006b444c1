using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Core.Bots;

/// <summary>Who answers a WhatsApp customer first on a channel: nobody but the agents, the built-in FAQ bot, or the team's own bot.</summary>
public enum BotMode
{
    Off = 0,
    /// <summary>The built-in FAQ bot: the channel's <see cref="BotFaqEntry"/> list, greeting, fallback and hand-off words.</summary>
    Faq = 1,
    /// <summary>A bot of the team's own behind an HTTPS URL, called as <c>docs/bot-api.md</c> describes.</summary>
    External = 2,
}

/// <summary>
/// The bot of a WhatsApp channel (stored with its <see cref="WhatsAppSetup"/>). While a bot holds a conversation it
/// is <see cref="Conversations.ConversationStatus.WithBot"/>; it goes to the agents (routing and distribution as
/// usual) when the customer asks for one, when the bot cannot help, or when the bot fails.
/// </summary>
public class BotSettings
{
    public BotMode Mode { get; set; }

    /// <summary>FAQ bot: sent before its first answer in a conversation; none when null.</summary>
    public string? Greeting { get; set; }

    /// <summary>FAQ bot: what it says when it hands the conversation to the agents ("I'll connect you with a colleague").</summary>
    public string? Fallback { get; set; }

    /// <summary>FAQ bot: words or phrases, separated by commas, that make it hand the conversation to the agents at once.</summary>
    public string HandoffWords { get; set; } = DefaultHandoffWords;

    /// <summary>FAQ bot: hands off after this many customer messages in a row it found no answer for.</summary>
    public int HandoffAfterMisses { get; set; } = DefaultHandoffAfterMisses;

    /// <summary>External bot: the HTTPS URL the app POSTs each customer message to.</summary>
    public string? ExternalUrl { get; set; }

    /// <summary>External bot: the shared secret that signs requests and replies, encrypted (Data Protection); never shown or logged.</summary>
    public string? ProtectedSecret { get; set; }

    /// <summary>External bot: the secret's last four characters, to show that one is saved.</summary>
    public string? SecretHint { get; set; }

    /// <summary>External bot: how long the app waits for its answer before handing the conversation to the agents.</summary>
    public int TimeoutSeconds { get; set; } = DefaultTimeoutSeconds;

    public const string DefaultHandoffWords = "agent, temsilci, оператор";
    public const int DefaultHandoffAfterMisses = 2;
    public const int DefaultTimeoutSeconds = 10;

    public BotSettings Clone() => (BotSettings)MemberwiseClone();

    /// <summary>The hand-off words, one by one.</summary>
    public IEnumerable<string> HandoffWordList() => BotFaqEntry.SplitList(HandoffWords);
}

/// <summary>One question the FAQ bot answers: the phrases a customer may write (separated by commas) and the answer, in a language.</summary>
public class BotFaqEntry
{
    public int Id { get; set; }
    public int WorkstreamId { get; set; }
    public Workstream? Workstream { get; set; }

    /// <summary>The order on the page; among equally good matches the earlier entry wins.</summary>
    public int Position { get; set; }

    /// <summary>The language of the phrases and the answer (<c>en</c>, <c>tr</c>, <c>ru</c>, …).</summary>
    public required string Language { get; set; }

    /// <summary>Keywords or phrases, separated by commas as routing keywords are; matching ignores case and accents (Turkish İ/ı included).</summary>
    public required string Phrases { get; set; }

    public required string Answer { get; set; }

    /// <summary>The phrases, one by one.</summary>
    public IEnumerable<string> PhraseList() => SplitList(Phrases);

    /// <summary>A comma-separated list (phrases, hand-off words), trimmed, without empty entries.</summary>
    public static string[] SplitList(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
