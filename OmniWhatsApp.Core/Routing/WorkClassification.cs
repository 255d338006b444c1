using System.Globalization;

namespace OmniWhatsApp.Core.Routing;

/// <summary>What routing knows about a new conversation.</summary>
public sealed record RoutingFacts(int NumberId, string? Language, string? FirstMessage);

/// <summary>
/// Work classification: the first rule (in order) whose conditions all hold picks the queue of a new conversation.
/// Rules with button/list payloads are not tried on a first message but on each choice a customer makes
/// (<see cref="PickByPayload"/>), which may move an open conversation.
/// </summary>
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

    /// <summary>
    /// The first rule (in order) that lists <paramref name="payload"/>, the id of a button or list row the customer
    /// chose, and whose number and language conditions hold; null when none does. Payloads are ids the business wrote,
    /// not words: they are compared ordinally, ignoring case by the invariant rules, so no culture (the server's or the
    /// conversation's) changes what matches.
    /// </summary>
    public static RoutingRule? PickByPayload(IEnumerable<RoutingRule> rules, RoutingFacts facts, string payload)
    {
        var chosen = payload.Trim();
        if (chosen.Length == 0) return null;
        return rules.OrderBy(r => r.Order).FirstOrDefault(rule =>
            rule.PayloadList().Any(p => string.Equals(p, chosen, StringComparison.OrdinalIgnoreCase)) && HoldsFor(rule, facts));
    }

    private static bool HoldsFor(RoutingRule rule, RoutingFacts facts) =>
        (rule.NumberId is null || rule.NumberId == facts.NumberId)
        && (string.IsNullOrEmpty(rule.Language) || string.Equals(rule.Language, facts.Language, StringComparison.OrdinalIgnoreCase));

    public static bool Matches(RoutingRule rule, RoutingFacts facts)
    {
        if (rule.PayloadList().Any()) return false;
        if (!HoldsFor(rule, facts)) return false;
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
