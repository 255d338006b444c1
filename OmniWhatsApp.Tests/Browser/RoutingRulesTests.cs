using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Browser.Mud;
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
        foreach (var queue in new[] { billing, general })
        {
            Assert.True((await app.WithServiceAsync((RoutingService s) => s.CreateQueueAsync(new QueueInput { Name = queue }))).Succeeded);
        }
        var channel = await app.CreateChannelAsync(numbers: 2);
        var workstreamName = await WorkstreamNameAsync(channel.WorkstreamId);
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var page = await WorkstreamPage.OpenAsync(session.Page, channel.WorkstreamId);
        await Expect(page.Shell.Heading).ToHaveTextAsync(workstreamName);

        await page.EditRoutingButton.ClickAsync();
        var routing = new RoutingRulesPage(session.Page);
        await Expect(routing.Shell.Heading).ToHaveTextAsync($"Routing rules of {workstreamName}");
        await Expect(routing.RuleRows).ToHaveCountAsync(0);
        await Expect(routing.RoutingFacts).ToHaveTextAsync($"Conversations of this workstream come to {channel.Number.Number} and are in English (en).");
        // Only the workstream's own number: not the account's other number, nor another workstream's.
        Assert.Equal([channel.Number.Number], await routing.RuleNumber.OptionsAsync());
        await routing.AddKeywordRuleAsync("Invoices", "invoice, refund", billing);
        await routing.FallbackQueue.SelectAsync(general);
        await Expect(routing.UnsavedChanges).ToBeVisibleAsync();
        await routing.SaveButton.ClickAsync();
        await Expect(routing.Toast("Routing saved")).ToBeVisibleAsync();
        await Expect(routing.UnsavedChanges).ToHaveCountAsync(0);

        await session.Page.ReloadAsync();
        await routing.Shell.WaitUntilInteractiveAsync();
        await Expect(routing.RuleRows).ToHaveCountAsync(1);
        await Expect(routing.RuleRow("Invoices")).ToContainTextAsync("invoice, refund");
        await Expect(routing.RuleRow("Invoices")).ToContainTextAsync(billing);
        await Expect(routing.FallbackQueue).ToHaveValueAsync(general);

        // "Try the rules": a first message with a keyword goes to the rule's queue, anything else to the fallback.
        await Expect(routing.TryResult).ToHaveTextAsync("Goes to: choose a number");
        await routing.TryNumber.SelectAsync(channel.Number.Number);
        await routing.TryMessage.FillAsync("Where is my invoice?");
        await Expect(routing.TryResult).ToHaveTextAsync($"Goes to: {billing}");
        await session.ScreenshotAsync("try-keyword");
        await routing.TryMessage.FillAsync("Hello there");
        await Expect(routing.TryResult).ToHaveTextAsync($"Goes to: {general}");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task A_saved_rule_on_another_workstreams_number_is_shown_at_its_number_field_until_cleared()
    {
        var channel = await app.CreateChannelAsync();
        var queue = await app.WithServiceAsync((RoutingService s) => s.CreateQueueAsync(new QueueInput { Name = TestData.UniqueName("Queue") }));
        await using (var db = await app.CreateDbContextAsync())
        {
            // As rules were saved before a rule's number had to be the workstream's own.
            var demoNumber = await db.Numbers.Where(n => n.Number == DemoData.DemoNumber).Select(n => n.Id).SingleAsync();
            (await db.Workstreams.SingleAsync(w => w.Id == channel.WorkstreamId)).FallbackQueueId = queue.Value;
            db.RoutingRules.Add(new RoutingRule { WorkstreamId = channel.WorkstreamId, Order = 1, Name = "Old rule", NumberId = demoNumber, QueueId = queue.Value });
            await db.SaveChangesAsync();
        }
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var routing = await RoutingRulesPage.OpenAsync(session.Page, channel.WorkstreamId);
        await Expect(routing.RuleRow("Old rule")).ToContainTextAsync(DemoData.DemoNumber);

        await routing.SaveButton.ClickAsync();

        await Expect(routing.RuleName).ToHaveValueAsync("Old rule");
        await Expect(routing.RuleNumberMessage).ToHaveTextAsync(
            "Conversations of this workstream never come to this number; choose the workstream's number or leave it empty.");
        await session.ScreenshotAsync("refused");

        await routing.RuleNumber.SelectAsync(channel.Number.Number);
        await Expect(routing.RuleNumberMessage).ToHaveCountAsync(0);
        await routing.AddRuleButton.ClickAsync();
        await routing.SaveButton.ClickAsync();
        await Expect(routing.Toast("Routing saved")).ToBeVisibleAsync();
        await Expect(routing.RuleRow("Old rule")).ToContainTextAsync(channel.Number.Number);
        Assert.Empty(session.Errors);
    }

    private async Task<string> WorkstreamNameAsync(int id) =>
        (await app.WithServiceAsync((WorkstreamService s) => s.ListAsync())).Single(w => w.Id == id).Name;
}
