using System.Globalization;

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
            var compare = KeywordComparison(facts.Language);
            if (!keywords.Any(k => compare.IndexOf(text, k, CompareOptions.IgnoreCase) >= 0)) return false;
        }
        return true;
    }

    /// <summary>
    /// Keywords match whatever the case, by the rules of the conversation's language: in Turkish "İADE" is "iade" and
    /// "IRMAK" is "ırmak" (an ordinal comparison would miss the first); elsewhere by the invariant rules. Never by the
    /// server's culture, which has nothing to do with the customer's text.
    /// </summary>
    private static CompareInfo KeywordComparison(string? language) =>
        language is { Length: >= 2 } && language.StartsWith("tr", StringComparison.OrdinalIgnoreCase) && (language.Length == 2 || language[2] is '_' or '-')
            ? CultureInfo.GetCultureInfo("tr-TR").CompareInfo
            : CultureInfo.InvariantCulture.CompareInfo;
}
