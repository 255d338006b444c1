using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Core.Templates;

namespace OmniWhatsApp.Core.Workstreams;

/// <summary>The workstream's own settings: name and work distribution.</summary>
public sealed class WorkstreamInput
{
    public string Name { get; set; } = "";
    public DistributionMode DistributionMode { get; set; } = DistributionMode.Push;
    public int CapacityPerConversation { get; set; } = 1;
    public int AutoCloseAfterMinutes { get; set; } = 24 * 60;
}

/// <summary>One template row in the WhatsApp setup wizard (Id is null for a new one).</summary>
public sealed class TemplateInput
{
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public string Language { get; set; } = "en";
    public string Body { get; set; } = "";
    public string? ContentSid { get; set; }

    public TemplateInput Clone() => (TemplateInput)MemberwiseClone();
}

/// <summary>Everything "Set up WhatsApp" collects, saved in one transaction on Finish.</summary>
public sealed class WhatsAppSetupInput
{
    public int? NumberId { get; set; }

    /// <summary>
    /// Where the workstream's new conversations go when no routing rule matches. Required: without it a customer would
    /// get the greeting and their conversation would show on no inbox or queue.
    /// </summary>
    public int? FallbackQueueId { get; set; }

    public string Language { get; set; } = "en";
    public Behaviours Behaviours { get; set; } = new();
    public List<TemplateInput> Templates { get; set; } = [];

    /// <summary>The channel's bot, saved with the rest; null leaves the bot as it is (Off on a new setup).</summary>
    public BotSettingsInput? Bot { get; set; }

    /// <summary>
    /// The templates the workstream had when this input was read from it. Saving removes only those of them that are no
    /// longer in <see cref="Templates"/>, so a template added meanwhile (in the template studio, by a sync, in another
    /// tab) is kept. Null: every stored template missing from <see cref="Templates"/> is removed.
    /// </summary>
    public IReadOnlySet<int>? KnownTemplateIds { get; init; }
}

public sealed record WorkstreamSummary(
    int Id,
    string Name,
    DistributionMode DistributionMode,
    int CapacityPerConversation,
    int AutoCloseAfterMinutes,
    string? Number,
    string? NumberName,
    string? Language,
    int TemplateCount,
    int RuleCount,
    int? FallbackQueueId,
    string? FallbackQueueName);

/// <summary>A workstream with its WhatsApp setup and templates, for the detail page and the wizard.</summary>
public sealed record WorkstreamDetails(WorkstreamSummary Summary, WorkstreamInput Settings, WhatsAppSetupInput? WhatsApp, IReadOnlyList<MessageTemplate> Templates);
