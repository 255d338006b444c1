using System.Text.RegularExpressions;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>The inbox follows the customer live: new conversations and messages appear without a reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class InboxLiveTests(AppHost app, BrowserFixture browser)
{
    [GeneratedRegex(@"^Inbox · OmniWhatsApp$")]
    private static partial Regex NoUnreadTitle();

    [Fact]
    public async Task A_simulated_customer_message_appears_in_the_agents_inbox_within_two_seconds_with_an_unread_badge_and_a_tab_count()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var agent = await app.AddSignInAgentAsync("Live Lena", [channel.QueueId]);
        await using var agentSession = await browser.SignInAsync(app, agent.User);
        var inbox = await InboxPage.OpenAsync(agentSession.Page);
        await Expect(inbox.Heading).ToHaveTextAsync("Inbox");
        await Expect(agentSession.Page).ToHaveTitleAsync(NoUnreadTitle());
        await Blazor.MarkDocumentAsync(agentSession.Page);

        // The customer's side is played by an admin: the simulator shows any customer's thread, so agents do not get it.
        await using var customerSession = await browser.SignInAsync(app, DemoData.Admin);
        var simulator = await SimulatorPage.OpenAsync(customerSession.Page);
        await simulator.ChooseBusinessNumberAsync(channel.Number);
        var customer = TestData.UniqueNumber();
        await simulator.AsCustomerAsync("Grace Hopper", customer);
        await simulator.SendAsync("Hi, where is my order?");

        var item = inbox.Items.Filter(new() { HasText = "Grace Hopper" });
        await Expect(item).ToBeVisibleAsync(new() { Timeout = 2_000 });
        await Expect(item).ToContainTextAsync("Hi, where is my order?");
        await Expect(item.Locator("[data-testid=unread-badge]")).ToHaveTextAsync("1");
        await Expect(agentSession.Page).ToHaveTitleAsync("(1) Inbox · OmniWhatsApp");

        await simulator.SendAsync("It was due yesterday.");
        await Expect(item.Locator("[data-testid=unread-badge]")).ToHaveTextAsync("2", new() { Timeout = 2_000 });
        await Expect(item).ToContainTextAsync("It was due yesterday.");
        await agentSession.ScreenshotAsync("new-conversation-unread");

        // Opening it marks it read: the badge and the tab count go.
        await item.ClickAsync();
        var conversation = inbox.Conversation;
        await Expect(conversation.CustomerName).ToHaveTextAsync("Grace Hopper");
        await Expect(conversation.CustomerPhone).ToHaveTextAsync(customer);
        await Expect(conversation.Message("It was due yesterday.")).ToBeVisibleAsync();
        await Expect(item.Locator("[data-testid=unread-badge]")).ToHaveCountAsync(0);
        await Expect(agentSession.Page).ToHaveTitleAsync(NoUnreadTitle());

        // The reply shows at once with a clock, then its ticks as the emulated Twilio reports them; the customer gets it.
        await conversation.SendTextAsync("Let me check that for you.");
        var reply = conversation.Message("Let me check that for you.");
        await Expect(reply).ToBeVisibleAsync();
        await Expect(ConversationPanel.Ticks(reply)).ToHaveAttributeAsync("data-status", "read", new() { Timeout = 10_000 });
        await Expect(conversation.Text).ToHaveValueAsync("");
        await Expect(simulator.Message("Let me check that for you.")).ToBeVisibleAsync();

        // A message in the open conversation appears there and is read at once.
        await simulator.SendAsync("Thanks!");
        await Expect(conversation.Message("Thanks!")).ToBeVisibleAsync(new() { Timeout = 2_000 });
        await Expect(item.Locator("[data-testid=unread-badge]")).ToHaveCountAsync(0);
        await agentSession.ScreenshotAsync("conversation-open");

        Assert.False(await Blazor.WasReloadedAsync(agentSession.Page), "the inbox reloaded instead of updating live");
        Assert.Empty(agentSession.Errors);
        Assert.Empty(customerSession.Errors);
    }
}
