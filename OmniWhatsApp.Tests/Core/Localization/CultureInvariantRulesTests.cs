using System.Globalization;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.QuickReplies;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Localization;

/// <summary>
/// The core rules give the same answers whatever the server's or the person's culture: under tr-TR "INFO".ToLower() is
/// "ınfo" and "info".ToUpper() is "İNFO", which breaks identifiers compared that way. Each test runs in tr-TR and ru-RU.
/// </summary>
public sealed class CultureInvariantRulesTests
{
    public static TheoryData<string> Cultures => new("tr-TR", "ru-RU");

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Identifiers_numbers_and_sids_read_the_same(string culture) => InCulture.Run(culture, () =>
    {
        Assert.Equal(MessageStatus.Failed, MessageStatuses.Parse("FAILED"));
        Assert.Equal(MessageStatus.Delivered, MessageStatuses.Parse("Delivered"));
        Assert.True(PhoneNumber.TryParse("WHATSAPP:+905321234567", out var number));
        Assert.Equal("+905321234567", number.ToString());
        Assert.True(TwilioSids.IsAccountSid("AC0e5a7d1c9b3f48e6a2d4c8b1f7e3a9d5"));
        Assert.True(TwilioSids.IsAccountSid("AC0E5A7D1C9B3F48E6A2D4C8B1F7E3A9D5"));
        Assert.False(TwilioSids.IsAccountSid("ac0e5a7d1c9b3f48e6a2d4c8b1f7e3a9d5"));
        Assert.Equal("tr", UiLanguages.Normalize("TR-tr"));
        Assert.Equal("ru", UiLanguages.Normalize("RU"));
        Assert.Null(UiLanguages.Normalize("İng"));
    });

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Shortcuts_template_names_and_placeholders_follow_the_same_rules(string culture) => InCulture.Run(culture, () =>
    {
        var shortcuts = new QuickReplyInputValidator(TestLocalizer.Strings);
        Assert.True(shortcuts.Validate(new QuickReplyInput { Shortcut = "shipping-info", Text = "…" }).IsValid);
        Assert.False(shortcuts.Validate(new QuickReplyInput { Shortcut = "İade", Text = "…" }).IsValid);
        var found = QuickReplyService.Filter([new QuickReplySummary(1, "shipping-info", "We ship in 2 days.")], "INFO");
        Assert.Single(found);

        var templates = new TemplateInputValidator(TestLocalizer.Strings);
        Assert.True(templates.Validate(new TemplateInput { Name = "shipping_info", Language = "tr", Body = "Merhaba {{1}}, siparİşİnİz {{2}} yolda." }).IsValid);
        var scan = TemplatePlaceholders.Scan("Merhaba {{1}}, siparİşİnİz {{2}} yolda.");
        Assert.Equal((2, PlaceholderProblem.None), (scan.VariableCount, scan.Problem));
        Assert.Equal("Merhaba Ayşe, siparİşİnİz 4711 yolda.", TemplatePlaceholders.Fill("Merhaba {{1}}, siparİşİnİz {{2}} yolda.", ["Ayşe", "4711"]));
        Assert.True(Languages.IsKnown("tr"));
        Assert.False(Languages.IsKnown("TR"));
    });

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Routing_keywords_match_Turkish_text_by_Turkish_casing_and_other_text_invariantly(string culture) => InCulture.Run(culture, () =>
    {
        RoutingRule[] rules = [new() { Name = "returns", Order = 1, QueueId = 10, Keywords = "iade, ırmak" }];

        // Turkish customers write the dotted capital İ for i and the plain I for ı.
        Assert.Equal(10, WorkClassification.PickQueue(rules, 99, new RoutingFacts(1, "tr", "İADE etmek istiyorum")));
        Assert.Equal(10, WorkClassification.PickQueue(rules, 99, new RoutingFacts(1, "tr", "IRMAK kenarındaki mağaza")));
        Assert.Equal(99, WorkClassification.PickQueue(rules, 99, new RoutingFacts(1, "tr", "Merhaba")));
        // In English, "IADE" is "iade", whatever the server's culture.
        Assert.Equal(10, WorkClassification.PickQueue(rules, 99, new RoutingFacts(1, "en", "IADE please")));
    });
}
