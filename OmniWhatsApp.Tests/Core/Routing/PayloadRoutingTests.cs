using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Routing;

/// <summary>Rules with button/list payloads: which rule a customer's choice picks, and that they never route a first message.</summary>
public sealed class PayloadRoutingTests
{
    public static TheoryData<string> Cultures => new("tr-TR", "ru-RU", "en-US");

    [Fact]
    public void A_choice_picks_the_first_rule_by_order_that_lists_its_payload()
    {
        RoutingRule[] rules = [Rule(order: 3, queue: 30, payloads: "billing"), Rule(order: 1, queue: 10, payloads: "support, billing"), Rule(order: 2, queue: 20, payloads: "refund")];

        Assert.Equal(10, WorkClassification.PickByPayload(rules, Facts(), "billing")?.QueueId);
        Assert.Equal(20, WorkClassification.PickByPayload(rules, Facts(), " refund ")?.QueueId);
        Assert.Null(WorkClassification.PickByPayload(rules, Facts(), "sales"));
        Assert.Null(WorkClassification.PickByPayload(rules, Facts(), ""));
    }

    [Fact]
    public void A_payload_rule_keeps_its_number_and_language_conditions()
    {
        RoutingRule[] rules = [Rule(order: 1, queue: 10, payloads: "billing", number: 5, language: "tr"), Rule(order: 2, queue: 20, payloads: "billing")];

        Assert.Equal(10, WorkClassification.PickByPayload(rules, Facts(number: 5, language: "TR"), "billing")?.QueueId);
        Assert.Equal(20, WorkClassification.PickByPayload(rules, Facts(number: 6, language: "tr"), "billing")?.QueueId);
        Assert.Equal(20, WorkClassification.PickByPayload(rules, Facts(number: 5, language: "en"), "billing")?.QueueId);
    }

    [Fact]
    public void A_payload_rule_never_routes_a_first_message_even_one_that_reads_like_its_payload()
    {
        RoutingRule[] rules = [Rule(order: 1, queue: 10, payloads: "billing"), Rule(order: 2, queue: 20, keywords: "invoice")];

        Assert.Equal(99, WorkClassification.PickQueue(rules, 99, new RoutingFacts(1, "en", "billing")));
        Assert.Equal(20, WorkClassification.PickQueue(rules, 99, new RoutingFacts(1, "en", "my invoice")));
    }

    /// <summary>
    /// Payloads are ids: compared ordinally, ignoring case the invariant way, whatever the server's culture. Under tr-TR
    /// "billing".ToUpper() is "BİLLİNG", which must not stop "BILLING" from matching; the Turkish letters themselves match
    /// only as written (İ is not I, ı is not i), since an id is not a word.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cultures))]
    public void Payloads_match_the_same_way_in_every_culture_including_Turkish_dotted_and_dotless_i(string culture) => InCulture.Run(culture, () =>
    {
        RoutingRule[] rules = [Rule(order: 1, queue: 10, payloads: "BILLING, İADE, çıkış")];

        Assert.Equal(10, WorkClassification.PickByPayload(rules, Facts(language: "tr"), "billing")?.QueueId);
        Assert.Equal(10, WorkClassification.PickByPayload(rules, Facts(language: "tr"), "Billing")?.QueueId);
        Assert.Equal(10, WorkClassification.PickByPayload(rules, Facts(language: "tr"), "İADE")?.QueueId);
        Assert.Equal(10, WorkClassification.PickByPayload(rules, Facts(language: "tr"), "Çıkış")?.QueueId);
        Assert.Null(WorkClassification.PickByPayload(rules, Facts(language: "tr"), "ÇIKIŞ"));
        Assert.Null(WorkClassification.PickByPayload(rules, Facts(language: "tr"), "iade"));
        Assert.Null(WorkClassification.PickByPayload(rules, Facts(language: "tr"), "IADE"));
        Assert.Null(WorkClassification.PickByPayload(rules, Facts(language: "tr"), "bılling"));
    });

    private static RoutingRule Rule(int order, int queue, string? payloads = null, string? keywords = null, int? number = null, string? language = null) =>
        new() { Name = $"rule {order}", Order = order, QueueId = queue, Payloads = payloads, Keywords = keywords, NumberId = number, Language = language };

    private static RoutingFacts Facts(int number = 1, string? language = "en") => new(number, language, null);
}
