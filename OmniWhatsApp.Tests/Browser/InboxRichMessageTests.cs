using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>An agent's list reaches the simulated customer, whose choice comes back to the agent's timeline and routes the conversation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InboxRichMessageTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task An_agent_sends_a_list_the_customer_picks_Billing_in_the_simulator_and_the_conversation_moves_to_the_Billing_queue()
    {
        var channel = await app.CreateChannelAsync();
        var general = await app.AddQueueAsync("General");
        var billing = await app.AddQueueAsync("Billing");
        var routed = await app.WithServiceAsync((RoutingService s) => s.SaveRoutingAsync(channel.WorkstreamId, new RoutingInput
        {
            FallbackQueueId = general,
            Rules = [new RoutingRuleInput { Name = "Billing choice", Payloads = "billing", QueueId = billing }],
        }));
        Assert.True(routed.Succeeded, routed.FirstMessage);
        // In both queues, so the agent still sees the conversation once the choice has moved it.
        var agent = await app.AddSignInAgentAsync("List Lena", [general, billing]);
        await app.SetPresenceAsync(agent.Id, Presence.Available);
        var customer = TestData.UniqueNumber();
        var wrote = await app.GetRequiredService<EmulatorCustomerChannel>().SendFromCustomerAsync(channel.Number.Number, customer, "Ivy Invoice", "I have a question");
        Assert.Equal(CustomerMessageOutcome.Delivered, wrote.Outcome);
        var id = await app.ConversationOfCustomerAsync(customer);
        await app.AssignedAsync(id, agent.Id);

        await using var agentSession = await browser.SignInAsync(app, agent.User);
        var conversation = (await InboxPage.OpenAsync(agentSession.Page, id)).Conversation;
        await conversation.SendListAsync("What is your question about?", "Topics", "Billing", "Delivery");

        var list = conversation.Message("What is your question about?");
        await Expect(list.Locator("[data-testid=rich-list-button]")).ToHaveTextAsync("Topics");
        await Expect(list.Locator("[data-testid=rich-row]")).ToHaveCountAsync(2);
        await agentSession.ScreenshotAsync("agent-list");

        await using var customerSession = await browser.SignInAsync(app, DemoData.Supervisor);
        var simulator = await SimulatorPage.OpenAsync(customerSession.Page);
        await simulator.ChooseBusinessNumberAsync(channel.Number.Number);
        await simulator.AsCustomerAsync("Ivy Invoice", customer);
        var offered = simulator.Message("What is your question about?");
        await Expect(SimulatorPage.ListButton(offered)).ToHaveTextAsync("Topics");
        await SimulatorPage.ListButton(offered).ClickAsync();
        await customerSession.ScreenshotAsync("simulator-list");
        await SimulatorPage.Row(offered, "Billing").ClickAsync();

        await Expect(simulator.Message("Billing").Last).ToBeVisibleAsync();
        await Expect(conversation.Message("Billing").Last).ToBeVisibleAsync();
        await Expect(conversation.SystemLine("by the customer's choice")).ToBeVisibleAsync();
        await Eventually.GetAsync(() => app.ConversationAsync(id), c => c.QueueId == billing, what: "the conversation in the Billing queue");
        Assert.Empty(agentSession.Errors);
        Assert.Empty(customerSession.Errors);
    }

    [Fact]
    public async Task A_reply_button_can_be_tapped_once_and_the_agents_reply_shows_the_message_it_answers()
    {
        var channel = await app.CreateChannelAsync();
        var queue = await app.AddQueueAsync("Support");
        var routed = await app.WithServiceAsync((RoutingService s) => s.SaveRoutingAsync(channel.WorkstreamId, new RoutingInput { FallbackQueueId = queue }));
        Assert.True(routed.Succeeded, routed.FirstMessage);
        var agent = await app.AddSignInAgentAsync("Button Ben", [queue]);
        await app.SetPresenceAsync(agent.Id, Presence.Available);
        var customer = TestData.UniqueNumber();
        await app.GetRequiredService<EmulatorCustomerChannel>().SendFromCustomerAsync(channel.Number.Number, customer, "Bo Buttons", "Is the shop open on Sunday?");
        var id = await app.ConversationOfCustomerAsync(customer);
        await app.AssignedAsync(id, agent.Id);

        await using var agentSession = await browser.SignInAsync(app, agent.User);
        var conversation = (await InboxPage.OpenAsync(agentSession.Page, id)).Conversation;
        // Reply to the customer's question with buttons: the quote shows above the composer, then above the sent message.
        await conversation.Message("Is the shop open on Sunday?").Locator("[data-testid=message-reply]").ClickAsync();
        await Expect(conversation.ReplyQuote).ToContainTextAsync("Is the shop open on Sunday?");
        await conversation.RichMenu.ClickAsync();
        await agentSession.Page.Locator("[data-testid=rich-buttons-item]").ClickAsync();
        var dialog = conversation.RichDialog;
        await dialog.Locator("[data-testid=rich-body]").FillAsync("Yes, 10 to 16. Shall we reserve a table?");
        await dialog.Locator("[data-testid=rich-button-title]").Nth(0).FillAsync("Yes please");
        await dialog.Locator("[data-testid=rich-button-title]").Nth(1).FillAsync("No thanks");
        await agentSession.ScreenshotAsync("agent-buttons-form");
        await dialog.Locator("[data-testid=rich-send]").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(conversation.ReplyQuote).ToHaveCountAsync(0);
        var sent = conversation.Message("Shall we reserve a table?");
        await Expect(sent.Locator("[data-testid=rich-button]")).ToHaveTextAsync(["Yes please", "No thanks"]);
        await Expect(sent).ToContainTextAsync("Is the shop open on Sunday?");

        await using var customerSession = await browser.SignInAsync(app, DemoData.Supervisor);
        var simulator = await SimulatorPage.OpenAsync(customerSession.Page);
        await simulator.ChooseBusinessNumberAsync(channel.Number.Number);
        await simulator.AsCustomerAsync("Bo Buttons", customer);
        var offered = simulator.Message("Shall we reserve a table?");
        await SimulatorPage.ReplyButton(offered, "Yes please").ClickAsync();

        await Expect(conversation.Message("Yes please").Last).ToBeVisibleAsync();
        // WhatsApp takes one tap: the buttons are spent.
        await Expect(SimulatorPage.ReplyButton(offered, "No thanks")).ToBeDisabledAsync();
        await customerSession.ScreenshotAsync("simulator-buttons");
        await customerSession.UsePhoneWidthAsync();
        await Expect(SimulatorPage.ReplyButton(offered, "Yes please")).ToBeVisibleAsync();
        await customerSession.ScreenshotAsync("simulator-buttons-phone");
        await agentSession.UsePhoneWidthAsync();
        await conversation.RichMenu.ClickAsync();
        await agentSession.Page.Locator("[data-testid=rich-list-item]").ClickAsync();
        await Expect(conversation.RichDialog.Locator("[data-testid=rich-row-title]")).ToHaveCountAsync(2);
        await agentSession.ScreenshotAsync("agent-list-form-phone");
        Assert.Empty(agentSession.Errors);
        Assert.Empty(customerSession.Errors);
    }
}
