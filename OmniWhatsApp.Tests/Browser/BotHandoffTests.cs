using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>
/// The whole flow: an admin switches the FAQ bot on in the wizard; a customer in the simulator gets the bot's
/// answer, types "agent", and the conversation reaches the agent's inbox with the bot exchange above it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BotHandoffTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task Admin_switches_the_FAQ_bot_on_in_the_wizard_the_customer_gets_its_answer_asks_for_an_agent_and_the_agent_sees_the_exchange()
    {
        var channel = await app.CreateChannelAsync();
        var queueId = await app.AddQueueAsync("Bot desk");
        string queue;
        await using (var db = await app.CreateDbContextAsync()) queue = await db.Queues.Where(q => q.Id == queueId).Select(q => q.Name).SingleAsync();
        var agent = await app.AddSignInAgentAsync("Handoff Hana", [queueId]);
        await app.SetPresenceAsync(agent.Id, Presence.Available);

        // The admin: the wizard's Bot step, the built-in FAQ bot with one question.
        var admin = await app.AddSignInAdminAsync("Bot switcher");
        await using var adminSession = await browser.SignInAsync(app, admin);
        var workstream = await WorkstreamPage.OpenAsync(adminSession.Page, channel.WorkstreamId);
        var wizard = await workstream.SetUpWhatsAppAsync();
        await wizard.ChooseFallbackQueueAsync(queue);
        foreach (var step in new[] { wizard.LanguageStep, wizard.BehavioursStep, wizard.TemplatesStep, wizard.BotStep }) await wizard.NextAsync(step);
        await wizard.Bot.Mode("Faq").ClickAsync();
        await wizard.Bot.FillEntryAsync(0, "opening hours, open", "We are open on weekdays from 9:00 to 18:00.");
        await wizard.Bot.Greeting.FillAsync("Hello! I am the desk's assistant.");
        await wizard.Bot.Fallback.FillAsync("I'll connect you with a colleague.");
        await wizard.NextAsync(wizard.SummaryStep);
        await wizard.NextButton.ClickAsync();
        await Expect(workstream.Toast("WhatsApp is set up")).ToBeVisibleAsync();
        await Expect(workstream.Summary.Bot).ToContainTextAsync("Built-in FAQ bot");

        // The customer asks, and the bot answers in the simulator: its greeting, then the answer.
        var customer = TestData.UniqueNumber();
        await using var customerSession = await browser.SignInAsync(app, DemoData.Supervisor);
        var simulator = await SimulatorPage.OpenAsync(customerSession.Page);
        await simulator.ChooseBusinessNumberAsync(channel.Number.Number);
        await simulator.AsCustomerAsync("Olga Open", customer);
        await simulator.SendAsync("When are you open?");
        await Expect(simulator.Message("Hello! I am the desk's assistant.")).ToBeVisibleAsync();
        await Expect(simulator.Message("We are open on weekdays from 9:00 to 18:00.")).ToBeVisibleAsync();
        var id = await app.ConversationOfCustomerAsync(customer);
        var held = await app.ConversationAsync(id);
        Assert.Equal(ConversationStatus.WithBot, held.Status);

        // The agent has nothing yet: the bot holds it.
        await using var agentSession = await browser.SignInAsync(app, agent.User);
        var inbox = await InboxPage.OpenAsync(agentSession.Page);
        await Expect(inbox.Item(id)).ToHaveCountAsync(0);

        // "agent": the bot says its fallback and hands the conversation to the agents; distribution gives it to Hana.
        await simulator.SendAsync("agent");
        await Expect(simulator.Message("I'll connect you with a colleague.")).ToBeVisibleAsync();
        await customerSession.ScreenshotAsync("bot-simulator");
        await app.AssignedAsync(id, agent.Id, TimeSpan.FromSeconds(15));
        await Expect(inbox.Item(id)).ToBeVisibleAsync();
        await inbox.Item(id).ClickAsync();

        var conversation = inbox.Conversation;
        await Expect(conversation.Message("When are you open?")).ToBeVisibleAsync();
        await Expect(conversation.BotMessages.Filter(new() { HasText = "We are open on weekdays from 9:00 to 18:00." })).ToBeVisibleAsync();
        await Expect(ConversationPanel.BotMark(conversation.Message("We are open on weekdays from 9:00 to 18:00."))).ToBeVisibleAsync();
        await Expect(conversation.BotMessages).ToHaveCountAsync(3);
        await Expect(conversation.SystemLine("the customer asked for an agent")).ToBeVisibleAsync();
        // The exchange comes first, the hand-off after it: the customer's question is above the hand-off line.
        var question = await conversation.Message("When are you open?").BoundingBoxAsync();
        var line = await conversation.SystemLine("the customer asked for an agent").BoundingBoxAsync();
        Assert.True(question!.Y < line!.Y, "the bot exchange is above the hand-off line");
        await agentSession.ScreenshotAsync("bot-handoff-agent");

        Assert.Empty(adminSession.Errors);
        Assert.Empty(customerSession.Errors);
        Assert.Empty(agentSession.Errors);
    }
}
