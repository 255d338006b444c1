using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class RoutingRulesTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task Admin_adds_a_keyword_rule_and_a_fallback_queue_that_stay_after_a_reload_and_can_be_tried()
    {
        var billing = TestData.UniqueName("Billing");
        var general = TestData.UniqueName("General");
        var workstreamName = TestData.UniqueName("Routing");
        foreach (var queue in new[] { billing, general })
        {
            Assert.True((await app.WithServiceAsync((RoutingService s) => s.CreateQueueAsync(new QueueInput { Name = queue }))).Succeeded);
        }
        var workstream = await app.WithServiceAsync((WorkstreamService s) => s.CreateAsync(new WorkstreamInput { Name = workstreamName }));
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var page = await WorkstreamPage.OpenAsync(session.Page, workstream.Value);
        await Expect(page.Shell.Heading).ToHaveTextAsync(workstreamName);

        await page.EditRoutingButton.ClickAsync();
        var routing = new RoutingRulesPage(session.Page);
        await Expect(routing.Shell.Heading).ToHaveTextAsync($"Routing rules of {workstreamName}");
        await Expect(routing.RuleRows).ToHaveCountAsync(0);
        await routing.AddKeywordRuleAsync("Invoices", "invoice, refund", billing);
        await routing.FallbackQueue.SelectAsync(general);
        await Expect(routing.UnsavedChanges).ToBeVisibleAsync();
        await routing.SaveButton.ClickAsync();
        await Expect(session.Page.Notification("Routing saved")).ToBeVisibleAsync();
        await Expect(routing.UnsavedChanges).ToHaveCountAsync(0);

        await session.Page.ReloadAsync();
        await routing.Shell.WaitUntilInteractiveAsync();
        await Expect(routing.RuleRows).ToHaveCountAsync(1);
        await Expect(routing.RuleRow("Invoices")).ToContainTextAsync("invoice, refund");
        await Expect(routing.RuleRow("Invoices")).ToContainTextAsync(billing);
        await Expect(routing.FallbackQueue.DropdownLabel()).ToHaveTextAsync(general);

        // "Try the rules": a first message with a keyword goes to the rule's queue, anything else to the fallback.
        await Expect(routing.TryResult).ToHaveTextAsync("Goes to: choose a number");
        await routing.TryNumber.SelectAsync(DemoData.DemoNumber);
        await routing.TryMessage.FillAsync("Where is my invoice?");
        await Expect(routing.TryResult).ToHaveTextAsync($"Goes to: {billing}");
        await session.ScreenshotAsync("try-keyword");
        await routing.TryMessage.FillAsync("Hello there");
        await Expect(routing.TryResult).ToHaveTextAsync($"Goes to: {general}");
        Assert.Empty(session.Errors);
    }
}
