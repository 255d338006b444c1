using Microsoft.Playwright;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>
/// Live pages subscribe to the in-process events while they are open and unsubscribe when the tab goes, so
/// thousands of agents opening and closing tabs over a day leave no handlers (and no work per event) behind.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveSubscriptionTests(BrowserFixture browser)
{
    [Fact]
    public async Task Closing_inbox_and_dashboard_tabs_removes_their_event_subscriptions()
    {
        // A host of its own: no other test's tabs open or close meanwhile.
        await using var app = await AppHost.StartAsync();
        var events = (InProcessConversationEvents)app.GetRequiredService<IConversationEvents>();
        var before = events.SubscriberCount;

        await using var agent = await browser.SignInAsync(app, DemoData.Agent);
        await using var supervisor = await browser.SignInAsync(app, DemoData.Supervisor);
        var tabs = new List<IPage>();
        for (var i = 0; i < 3; i++)
        {
            var tab = await agent.Context.NewPageAsync();
            var inbox = await InboxPage.OpenAsync(tab);
            await Expect(inbox.Heading).ToHaveTextAsync("Inbox");
            tabs.Add(tab);
        }
        var dashboard = await supervisor.Context.NewPageAsync();
        await QueueDashboardPage.OpenAsync(dashboard);
        tabs.Add(dashboard);

        var open = await Eventually.GetAsync(() => Task.FromResult(events.SubscriberCount), n => n >= before + 3,
            what: "the open inbox tabs' subscriptions");
        Assert.True(open >= before + 3, $"{open} subscriptions with three inbox tabs open, {before} before");

        foreach (var tab in tabs) await tab.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
        // The sign-in sessions' own first pages go too.
        await agent.Page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
        await supervisor.Page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });

        var after = await Eventually.GetAsync(() => Task.FromResult(events.SubscriberCount), n => n <= before,
            TimeSpan.FromSeconds(15), "the closed tabs' subscriptions to go");
        Assert.Equal(before, after);
    }
}
