namespace OmniWhatsApp.Core.Routing;

public sealed class QueueInput
{
    public string Name { get; set; } = "";
}

public sealed class RoutingRuleInput
{
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public int? NumberId { get; set; }
    public string? Language { get; set; }
    public string? Keywords { get; set; }
    /// <summary>Comma-separated ids of buttons or list rows: a customer's choice of one moves the conversation to the rule's queue.</summary>
    public string? Payloads { get; set; }
    public int? QueueId { get; set; }

    public RoutingRuleInput Clone() => (RoutingRuleInput)MemberwiseClone();
}

/// <summary>A workstream's routing: ordered rules and the queue for everything no rule matches.</summary>
public sealed class RoutingInput
{
    public List<RoutingRuleInput> Rules { get; set; } = [];
    public int? FallbackQueueId { get; set; }
}

public sealed record QueueSummary(int Id, string Name, IReadOnlyList<QueueMemberSummary> Members);

public sealed record QueueMemberSummary(string UserId, string DisplayName, string Email);
