using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Core.Routing;

/// <summary>
/// One work-classification rule of a workstream. Rules are tried in <see cref="Order"/>; the first whose
/// conditions all hold sends the conversation to <see cref="QueueId"/>. Empty conditions always hold.
/// </summary>
public class RoutingRule
{
    public int Id { get; set; }
    public int WorkstreamId { get; set; }
    public Workstream? Workstream { get; set; }
    public int Order { get; set; }
    public required string Name { get; set; }

    public int? NumberId { get; set; }
    public WhatsAppNumber? Number { get; set; }
    public string? Language { get; set; }

    /// <summary>Comma-separated; the rule holds when the first message contains any of them (case-insensitive).</summary>
    public string? Keywords { get; set; }

    /// <summary>
    /// Comma-separated button/list payloads; the rule holds when the customer's choice has one of them (compared
    /// ordinally, ignoring case). A rule with payloads is tried on each choice, not on the first message.
    /// </summary>
    public string? Payloads { get; set; }

    public int QueueId { get; set; }
    public Queue? Queue { get; set; }

    public IEnumerable<string> KeywordList() =>
        (Keywords ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IEnumerable<string> PayloadList() =>
        (Payloads ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
