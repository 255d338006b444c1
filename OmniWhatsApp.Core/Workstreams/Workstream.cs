using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Templates;

namespace OmniWhatsApp.Core.Workstreams;

public enum DistributionMode
{
    /// <summary>Conversations are assigned to an available agent automatically.</summary>
    Push = 0,
    /// <summary>Agents take conversations from their queues' waiting list.</summary>
    Pick = 1,
}

/// <summary>Routing and work distribution for a channel, plus its WhatsApp setup once that is done.</summary>
public class Workstream
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public DistributionMode DistributionMode { get; set; }

    /// <summary>Capacity units one conversation of this workstream takes from an agent.</summary>
    public int CapacityPerConversation { get; set; } = 1;

    /// <summary>Minutes without activity after which a conversation closes by itself.</summary>
    public int AutoCloseAfterMinutes { get; set; } = 24 * 60;

    public int? FallbackQueueId { get; set; }
    public Queue? FallbackQueue { get; set; }

    /// <summary>Null until "Set up WhatsApp" finishes; then the WhatsApp channel of this workstream.</summary>
    public WhatsAppSetup? WhatsApp { get; set; }

    public List<MessageTemplate> Templates { get; set; } = [];
    public List<RoutingRule> RoutingRules { get; set; } = [];

    /// <summary>The built-in FAQ bot's questions and answers (used when the channel's bot is <see cref="BotMode.Faq"/>).</summary>
    public List<BotFaqEntry> BotFaq { get; set; } = [];
}

/// <summary>The WhatsApp channel of a workstream: its number, language and behaviours.</summary>
public class WhatsAppSetup
{
    public int WorkstreamId { get; set; }
    public int NumberId { get; set; }
    public WhatsAppNumber? Number { get; set; }
    public required string Language { get; set; }
    public Behaviours Behaviours { get; set; } = new();

    /// <summary>The bot that answers customers before the agents; <see cref="BotMode.Off"/> by default.</summary>
    public BotSettings Bot { get; set; } = new();
}

/// <summary>Automated messages, survey and attachment switches of a WhatsApp channel.</summary>
public class Behaviours
{
    public string? GreetingMessage { get; set; }
    public string? AgentAssignedMessage { get; set; }
    public string? ConversationClosedMessage { get; set; }
    public string? OutsideBusinessHoursMessage { get; set; }

    /// <summary>
    /// The name of a template of the workstream (in the channel's language, without placeholders) sent instead of the
    /// closing message when the customer's 24-hour window is closed; null: the closing message is skipped then.
    /// </summary>
    public string? ConversationClosedTemplate { get; set; }

    /// <summary>Business hours, for the outside-business-hours message. Null hours: always open.</summary>
    public TimeOnly? BusinessHoursStart { get; set; }
    public TimeOnly? BusinessHoursEnd { get; set; }
    public BusinessDays BusinessDays { get; set; } = BusinessDays.Weekdays;
    public string TimeZoneId { get; set; } = "UTC";

    public bool SurveyEnabled { get; set; }
    public string? SurveyText { get; set; }

    /// <summary>As <see cref="ConversationClosedTemplate"/>, for the survey.</summary>
    public string? SurveyTemplate { get; set; }

    public bool AttachmentsEnabled { get; set; }
    public bool CustomersCanSendAttachments { get; set; }
    public bool AgentsCanSendAttachments { get; set; }

    /// <summary>Sent when a customer sends a file the channel does not accept.</summary>
    public string? AttachmentsRefusedMessage { get; set; }

    public Behaviours Clone() => (Behaviours)MemberwiseClone();
}

[Flags]
public enum BusinessDays
{
    None = 0,
    Monday = 1, Tuesday = 2, Wednesday = 4, Thursday = 8, Friday = 16, Saturday = 32, Sunday = 64,
    Weekdays = Monday | Tuesday | Wednesday | Thursday | Friday,
    All = Weekdays | Saturday | Sunday,
}
