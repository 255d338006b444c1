using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>A customer quotes a message in WhatsApp (here: in the simulator); the agent sees which one they answer.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CustomerQuoteTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task A_customer_quotes_the_agents_message_in_the_simulator_and_the_agents_inbox_shows_the_quote_above_the_reply()
    {
        var channel = await app.CreateChannelAsync();
        var customer = TestData.UniqueNumber();
        var first = await app.GetRequiredService<EmulatorCustomerChannel>().SendFromCustomerAsync(channel.Number.Number, customer, "Quinn Customer", "My parcel has not come");
        Assert.Equal(CustomerMessageOutcome.Delivered, first.Outcome);
        var queue = await app.WithServiceAsync((OmniWhatsApp.Core.Routing.RoutingService s) => s.CreateQueueAsync(new() { Name = "Quotes " + Guid.NewGuid().ToString("N")[..6] }));
        var agent = await app.AddSignInAgentAsync("Quote Quentin", [queue.Value]);
        var conversationId = await GiveAsync(customer, queue.Value, agent.Id);
        var question = await app.SendTextAsync(new SessionMessageInput(conversationId, "Is it order 1234, sent on Monday?"), Actor.Agent(agent.Id));
        Assert.True(question.Succeeded, question.FirstMessage);
        await app.WaitForMessageAsync(question.Value, m => m.TwilioSid is not null, "the question to reach Twilio");

        await using var agentSession = await browser.SignInAsync(app, agent.User);
        var conversation = (await InboxPage.OpenAsync(agentSession.Page, conversationId)).Conversation;
        await Expect(conversation.Message("Is it order 1234, sent on Monday?")).ToBeVisibleAsync();

        await using var customerSession = await browser.SignInAsync(app, DemoData.Supervisor);
        var simulator = await SimulatorPage.OpenAsync(customerSession.Page);
        await simulator.ChooseBusinessNumberAsync(channel.Number.Number);
        await simulator.AsCustomerAsync("Quinn Customer", customer);
        var quoted = simulator.Message("Is it order 1234, sent on Monday?");
        await simulator.ReplyToAsync(quoted);
        await Expect(simulator.Replying).ToContainTextAsync("Is it order 1234, sent on Monday?");
        await simulator.SendAsync("Yes, that is the one");

        var mine = simulator.Message("Yes, that is the one");
        await Expect(SimulatorPage.Quote(mine)).ToHaveTextAsync("Is it order 1234, sent on Monday?");
        await Expect(simulator.Replying).ToHaveCountAsync(0);

        var reply = conversation.Message("Yes, that is the one");
        await Expect(ConversationPanel.QuoteAuthor(reply)).ToHaveTextAsync("Quote Quentin");
        await Expect(ConversationPanel.QuoteText(reply)).ToHaveTextAsync("Is it order 1234, sent on Monday?");
        var quoteBox = await ConversationPanel.Quote(reply).BoundingBoxAsync();
        var textBox = await reply.Locator("[data-testid=message-text]").BoundingBoxAsync();
        Assert.True(quoteBox!.Y + quoteBox.Height <= textBox!.Y + 1, "the quote is above the reply's text");
        await agentSession.ScreenshotAsync("customer-quote");
        await agentSession.UsePhoneWidthAsync();
        await Expect(ConversationPanel.Quote(reply)).ToBeVisibleAsync();
        await agentSession.ScreenshotAsync("customer-quote-phone");
        await customerSession.ScreenshotAsync("simulator-quote");
        Assert.Empty(agentSession.Errors);
        Assert.Empty(customerSession.Errors);
    }

    /// <summary>The customer's conversation (in no queue: the test channel has no routing) given to the agent in <paramref name="queueId"/>.</summary>
    private async Task<int> GiveAsync(string customer, int queueId, string agentId)
    {
        var id = await Eventually.GetAsync(async () =>
        {
            await using var db = await app.CreateDbContextAsync();
            return await db.Conversations.Where(c => c.Customer!.Phone == customer).Select(c => c.Id).SingleOrDefaultAsync();
        }, id => id != 0, what: "the customer's conversation");
        await using var db = await app.CreateDbContextAsync();
        await db.Conversations.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.QueueId, queueId).SetProperty(c => c.Status, OmniWhatsApp.Core.Conversations.ConversationStatus.Active)
            .SetProperty(c => c.AssignedAgentId, agentId).SetProperty(c => c.AssignedAt, DateTimeOffset.UtcNow));
        return id;
    }
}
