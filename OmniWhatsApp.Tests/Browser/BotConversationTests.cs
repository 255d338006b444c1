using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Browser.Mud;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>
/// A conversation the bot holds, as a supervisor sees it: under With bot on the dashboard, not waiting; taken over from
/// there it is theirs, with the bot's messages marked in the timeline. The first test lets the channel's real FAQ bot
/// answer; the second puts a conversation in the bot's hands straight in the database.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BotConversationTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task The_supervisor_sees_what_the_bot_holds_takes_one_over_and_it_is_active_with_the_bots_messages_marked()
    {
        // The channel's real FAQ bot answers: the conversations are the bot's from their first message.
        var channel = await WebhookChannel.CreateAsync(app);
        await app.SetWorkstreamAsync(channel.WorkstreamId, w => w.DistributionMode = DistributionMode.Pick);
        await channel.SetBotAsync(b => b.Mode = BotMode.Faq,
            ("en", "opening hours", "Hi! We are open 9:00–18:00, Monday to Friday."),
            ("en", "delivery address", "You can change it under My orders → Delivery until the parcel ships. Type \"agent\" to talk to a colleague."),
            ("en", "deliver", "Yes, we deliver everywhere in Türkiye within 3 days."));
        var customer = TestData.UniqueNumber();
        var id = await channel.OpenConversationAsync(customer, "Hello, what are your opening hours?");
        await BotRepliesAsync(id, 1);
        Assert.Equal(id, await channel.OpenConversationAsync(customer, "Can I change my delivery address?"));
        await BotRepliesAsync(id, 2);

        await using var supervisor = await browser.SignInAsync(app, DemoData.Supervisor);
        var dashboard = await QueueDashboardPage.OpenAsync(supervisor.Page, channel.QueueId);
        var queue = dashboard.Queue(channel.QueueId);
        var row = dashboard.WithBotRow(id);
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync(customer);
        await Expect(QueueDashboardPage.LastMessage(row)).ToContainTextAsync("You can change it under My orders");
        await Expect(queue.WithBot).ToHaveTextAsync("1");
        await Expect(queue.Waiting).ToHaveTextAsync("0");
        await Expect(dashboard.WaitingRow(id)).ToHaveCountAsync(0);

        // Live: another customer the bot takes on shows up without a reload.
        var total = int.Parse(await dashboard.TotalWithBot.InnerTextAsync());
        var second = await channel.OpenConversationAsync(body: "Do you deliver to Izmir?");
        await Expect(queue.WithBot).ToHaveTextAsync("2");
        await Expect(dashboard.TotalWithBot).ToHaveTextAsync((total + 1).ToString());
        await Expect(dashboard.WithBotRow(second)).ToBeVisibleAsync();
        await supervisor.ScreenshotAsync("with-bot");
        await supervisor.UsePhoneWidthAsync();
        await Expect(dashboard.WithBotRow(id)).ToBeVisibleAsync();
        await supervisor.ScreenshotAsync("with-bot-phone");
        await supervisor.Page.SetViewportSizeAsync(1280, 900);
        // The layout follows the width after a round trip to the server (the menu drawer opens and pushes the page
        // right): click once it has, or the click lands where the button was.
        await Expect(supervisor.Page.Locator(".mud-drawer--open")).ToBeVisibleAsync();

        await QueueDashboardPage.TakeOverButton(dashboard.WithBotRow(id)).ClickAsync();

        await Expect(supervisor.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/conversations/{id}$"));
        var conversation = new ConversationPanel(supervisor.Page.Locator("[data-testid=conversation]"));
        await Expect(conversation.SystemLine("Taken over from the bot by Sam Supervisor")).ToBeVisibleAsync();
        await Expect(conversation.Composer).ToBeVisibleAsync();
        await Expect(conversation.TakeOver).ToHaveCountAsync(0);
        await Expect(conversation.BotMessages).ToHaveCountAsync(2);
        await Expect(ConversationPanel.BotMark(conversation.BotMessages.First)).ToHaveTextAsync("Bot");
        await Expect(ConversationPanel.Ticks(conversation.BotMessages.First)).ToHaveAttributeAsync("data-status", new System.Text.RegularExpressions.Regex("^(delivered|read)$"));
        await Expect(ConversationPanel.BotMark(conversation.Message("Can I change my delivery address?"))).ToHaveCountAsync(0);
        var taken = await app.ConversationAsync(id);
        Assert.Equal((ConversationStatus.Active, (await app.SupervisorAsync()).UserId), (taken.Status, taken.AssignedAgentId));
        await supervisor.ScreenshotAsync("taken-over");
        await supervisor.UsePhoneWidthAsync();
        await Expect(conversation.BotMessages.First).ToBeVisibleAsync();
        await supervisor.ScreenshotAsync("taken-over-phone");
        Assert.Empty(supervisor.Errors);
    }

    [Fact]
    public async Task A_conversation_with_the_bot_opened_from_the_dashboard_says_the_bot_is_answering_and_offers_take_over()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        await app.SetWorkstreamAsync(channel.WorkstreamId, w => w.DistributionMode = DistributionMode.Pick);
        var id = await channel.OpenConversationAsync(body: "Is my order on its way?");
        await app.HandToBotAsync(id, "Please send me your order number.");

        await using var supervisor = await browser.SignInAsync(app, DemoData.Supervisor);
        await supervisor.Page.GotoAsync($"conversations/{id}");
        await Blazor.WaitUntilInteractiveAsync(supervisor.Page);
        var conversation = new ConversationPanel(supervisor.Page.Locator("[data-testid=conversation]"));

        await Expect(conversation.Status).ToHaveTextAsync("With the bot");
        await Expect(conversation.ReadOnlyNotice).ToHaveTextAsync("The bot is answering this customer; a supervisor can take it over.");
        await Expect(conversation.Composer).ToHaveCountAsync(0);
        await supervisor.ScreenshotAsync("with-bot-conversation");

        await conversation.TakeOver.ClickAsync();

        await Expect(conversation.SystemLine("Taken over from the bot by Sam Supervisor")).ToBeVisibleAsync();
        await Expect(conversation.Composer).ToBeVisibleAsync();
        Assert.Equal(ConversationStatus.Active, (await app.ConversationAsync(id)).Status);
        Assert.Empty(supervisor.Errors);
    }

    /// <summary>Waits until the bot has sent <paramref name="count"/> messages in the conversation (the worker answers on its own).</summary>
    private Task BotRepliesAsync(int conversationId, int count) =>
        Eventually.GetAsync(async () =>
        {
            await using var db = await app.CreateDbContextAsync();
            return await db.Messages.CountAsync(m => m.ConversationId == conversationId && m.Kind == MessageKind.Bot && m.Dispatch == DispatchState.Accepted);
        }, n => n >= count, what: $"{count} bot replies in conversation {conversationId}");
}
