namespace OmniWhatsApp.Core.Routing;

/// <summary>What routing knows about a new conversation.</summary>
public sealed record RoutingFacts(int NumberId, string? Language, string? FirstMessage);

/// <summary>Work classification: the first rule (in order) whose conditions all hold picks the queue.</summary>
public static class WorkClassification
{
    public static int? PickQueue(IEnumerable<RoutingRule> rules, int? fallbackQueueId, RoutingFacts facts)
    {
        foreach (var rule in rules.OrderBy(r => r.Order))
        {
            if (Matches(rule, facts)) return rule.QueueId;
        }
        return fallbackQueueId;
    }

    public static bool Matches(RoutingRule rule, RoutingFacts facts)
    {
        if (rule.NumberId is not null && rule.NumberId != facts.NumberId) return false;
        if (!string.IsNullOrEmpty(rule.Language) && !string.Equals(rule.Language, facts.Language, StringComparison.OrdinalIgnoreCase)) return false;
        var keywords = rule.KeywordList().ToList();
        if (keywords.Count > 0)
        {
            var text = facts.FirstMessage ?? "";
            if (!keywords.Any(k => text.Contains(k, StringComparison.OrdinalIgnoreCase))) return false;
        }
        return true;
    }
}
