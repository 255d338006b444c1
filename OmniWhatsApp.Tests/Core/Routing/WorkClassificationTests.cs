using OmniWhatsApp.Core.Routing;

namespace OmniWhatsApp.Tests.Core.Routing;

public sealed class WorkClassificationTests
{
    private const int Fallback = 99;

    [Fact]
    public void First_matching_rule_by_order_wins_not_by_list_position()
    {
        RoutingRule[] rules = [Rule(order: 2, queue: 20), Rule(order: 1, queue: 10)];

        Assert.Equal(10, WorkClassification.PickQueue(rules, Fallback, Facts()));
    }

    [Fact]
    public void Rule_for_another_number_does_not_match()
    {
        RoutingRule[] rules = [Rule(order: 1, queue: 10, number: 5), Rule(order: 2, queue: 20, number: 6)];

        Assert.Equal(20, WorkClassification.PickQueue(rules, Fallback, Facts(number: 6)));
    }

    [Theory]
    [InlineData("tr", 10)]
    [InlineData("TR", 10)]
    [InlineData("en", Fallback)]
    [InlineData(null, Fallback)]
    public void Language_condition_ignores_case(string? language, int expected)
    {
        RoutingRule[] rules = [Rule(order: 1, queue: 10, language: "tr")];

        Assert.Equal(expected, WorkClassification.PickQueue(rules, Fallback, Facts(language: language)));
    }

    [Theory]
    [InlineData("I want a REFUND please", 10)]
    [InlineData("where is my invoice?", 10)]
    [InlineData("hello", Fallback)]
    [InlineData(null, Fallback)]
    public void Keyword_condition_holds_when_the_first_message_contains_any_keyword(string? message, int expected)
    {
        RoutingRule[] rules = [Rule(order: 1, queue: 10, keywords: "refund, invoice")];

        Assert.Equal(expected, WorkClassification.PickQueue(rules, Fallback, Facts(message: message)));
    }

    [Fact]
    public void All_conditions_of_a_rule_must_hold()
    {
        RoutingRule[] rules = [Rule(order: 1, queue: 10, number: 5, language: "de", keywords: "rechnung")];

        Assert.Equal(10, WorkClassification.PickQueue(rules, Fallback, Facts(number: 5, language: "de", message: "Meine Rechnung")));
        Assert.Equal(Fallback, WorkClassification.PickQueue(rules, Fallback, Facts(number: 6, language: "de", message: "Meine Rechnung")));
        Assert.Equal(Fallback, WorkClassification.PickQueue(rules, Fallback, Facts(number: 5, language: "en", message: "Meine Rechnung")));
        Assert.Equal(Fallback, WorkClassification.PickQueue(rules, Fallback, Facts(number: 5, language: "de", message: "Hallo")));
    }

    [Fact]
    public void Rule_without_conditions_matches_everything()
    {
        RoutingRule[] rules = [Rule(order: 1, queue: 10)];

        Assert.Equal(10, WorkClassification.PickQueue(rules, Fallback, Facts(number: 123, language: null, message: null)));
    }

    [Fact]
    public void No_matching_rule_goes_to_the_fallback_queue()
    {
        RoutingRule[] rules = [Rule(order: 1, queue: 10, keywords: "refund")];

        Assert.Equal(Fallback, WorkClassification.PickQueue(rules, Fallback, Facts(message: "hi")));
        Assert.Equal(Fallback, WorkClassification.PickQueue([], Fallback, Facts()));
        Assert.Null(WorkClassification.PickQueue(rules, null, Facts(message: "hi")));
    }

    private static RoutingRule Rule(int order, int queue, int? number = null, string? language = null, string? keywords = null) =>
        new() { Name = $"rule {order}", Order = order, QueueId = queue, NumberId = number, Language = language, Keywords = keywords };

    private static RoutingFacts Facts(int number = 1, string? language = "en", string? message = "hello") => new(number, language, message);
}
