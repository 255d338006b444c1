using Microsoft.Playwright;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Tests.Browser.Mud;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>An admin routes on the buttons and list rows customers choose: the rule's "Button/list payloads".</summary>
[Collection(BrowserCollection.Name)]
public sealed class PayloadRuleTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task Admin_adds_a_payload_rule_that_is_checked_field_by_field_and_stays_after_a_reload()
    {
        var billing = TestData.UniqueName("Billing");
        Assert.True((await app.WithServiceAsync((RoutingService s) => s.CreateQueueAsync(new QueueInput { Name = billing }))).Succeeded);
        var channel = await app.CreateChannelAsync();
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var routing = await RoutingRulesPage.OpenAsync(session.Page, channel.WorkstreamId);

        await routing.RuleName.FillAsync("Billing button");
        await routing.RuleKeywords.FillAsync("invoice");
        await routing.RulePayloads.FillAsync("billing, BILLING");
        await routing.RuleQueue.SelectAsync(billing);
        await routing.AddRuleButton.ClickAsync();
        await Expect(routing.RulePayloadsMessage).ToHaveTextAsync("A payload is listed twice.");
        await routing.RulePayloads.FillAsync("billing, invoice_menu");
        await routing.AddRuleButton.ClickAsync();
        await Expect(routing.RulePayloadsMessage).ToHaveTextAsync("A rule routes either by keywords of the first message or by button/list payloads, not both.");
        await routing.RuleKeywords.FillAsync("");
        await routing.AddRuleButton.ClickAsync();
        await Expect(routing.RuleRow("Billing button")).ToContainTextAsync("Choice: billing, invoice_menu");
        await routing.FallbackQueue.SelectAsync(billing);
        await routing.SaveButton.ClickAsync();
        await Expect(routing.Toast("Routing saved")).ToBeVisibleAsync();

        await session.Page.ReloadAsync();
        await routing.Shell.WaitUntilInteractiveAsync();
        await Expect(routing.RuleRow("Billing button")).ToContainTextAsync("Choice: billing, invoice_menu");
        await Expect(routing.RuleRow("Billing button")).ToContainTextAsync(billing);
        var saved = (await app.WithServiceAsync((RoutingService s) => s.GetRoutingAsync(channel.WorkstreamId))).Rules.Single();
        Assert.Equal(("billing, invoice_menu", (string?)null), (saved.Payloads, saved.Keywords));
        await session.ScreenshotAsync("payload-rule");
        await session.UsePhoneWidthAsync();
        await Expect(routing.RulePayloads).ToBeVisibleAsync();
        await session.ScreenshotAsync("payload-rule-phone");
        Assert.Empty(session.Errors);
    }
}
