using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OmniWhatsApp.Core.Inbound;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Browser.Mud;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>The customer simulator: its messages reach the app through the real, signed inbound webhook.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CustomerSimulatorTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task A_simulated_customer_message_is_stored_and_the_agents_reply_arrives_with_its_ticks()
    {
        var channel = await app.CreateChannelAsync();
        var customer = TestData.UniqueNumber();
        await using var session = await browser.SignInAsync(app, DemoData.Supervisor);
        var simulator = await SimulatorPage.OpenAsync(session.Page);
        await simulator.ChooseBusinessNumberAsync(channel.Number.Number);
        await simulator.AsCustomerAsync("Grace Hopper", customer);

        await simulator.SendAsync("Hi, is my order on its way?");

        var mine = simulator.Message("Hi, is my order on its way?");
        await Expect(mine).ToBeVisibleAsync();
        await Expect(mine.Locator("[data-testid=sim-webhook]")).ToHaveAttributeAsync("title", "Delivered to the app");
        var stored = await Eventually.GetAsync(async () =>
        {
            await using var db = await app.CreateDbContextAsync();
            return await db.Messages.Include(m => m.Conversation).ThenInclude(c => c!.Customer)
                .SingleOrDefaultAsync(m => m.Body == "Hi, is my order on its way?" && m.Conversation!.Customer!.Phone == customer);
        }, m => m is not null, what: "the simulated message in the database");
        Assert.Equal("Grace Hopper", stored!.Conversation!.Customer!.ProfileName);
        Assert.Equal(MessageDirection.Inbound, stored.Direction);

        var reply = await app.SendTextAsync(new SessionMessageInput(stored.ConversationId, "Yes, it arrives tomorrow."));
        Assert.True(reply.Succeeded, reply.FirstMessage);

        var answer = simulator.Message("Yes, it arrives tomorrow.");
        await Expect(answer).ToBeVisibleAsync();
        await Expect(answer.Locator("[data-testid=sim-status]")).ToHaveAttributeAsync("data-status", "read", new() { Timeout = 10_000 });
        await session.ScreenshotAsync("simulator-conversation");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_chat_follows_new_messages_unless_the_reader_scrolled_up_who_gets_a_new_messages_button_instead()
    {
        var channel = await app.CreateChannelAsync();
        var customer = TestData.UniqueNumber();
        // A thread longer than the phone's screen: the customer wrote twenty times already.
        var phone = app.GetRequiredService<EmulatorCustomerChannel>();
        for (var i = 1; i <= 20; i++)
        {
            var sent = await phone.SendFromCustomerAsync(channel.Number.Number, customer, "Ivy Scroll", $"Line {i} of my long story");
            Assert.Equal(CustomerMessageOutcome.Delivered, sent.Outcome);
        }
        var conversation = await app.ConversationOfCustomerAsync(customer);
        await using var session = await browser.SignInAsync(app, DemoData.Supervisor);
        var simulator = await SimulatorPage.OpenAsync(session.Page);
        await simulator.ChooseBusinessNumberAsync(channel.Number.Number);
        await simulator.AsCustomerAsync("Ivy Scroll", customer);

        // The newest message shows, not the oldest.
        await Expect(simulator.Message("Line 20 of my long story")).ToBeInViewportAsync();
        await Expect(simulator.Message("Line 1 of my long story")).Not.ToBeInViewportAsync();

        // A reply while the reader is at the newest message: the chat moves on to it.
        await ReplyAsync(conversation, "First answer");
        await Expect(simulator.Message("First answer")).ToBeInViewportAsync();
        await Eventually.GetAsync(simulator.IsAtNewestAsync, atEnd => atEnd, what: "the chat at its newest message");
        await Expect(simulator.NewMessagesButton).ToHaveCountAsync(0);

        // A reader gone back up keeps their place; a button says there is more below.
        await simulator.ScrollToOldestAsync();
        await ReplyAsync(conversation, "Second answer");
        await Expect(simulator.NewMessagesButton).ToBeVisibleAsync();
        await Expect(simulator.Message("Line 1 of my long story")).ToBeInViewportAsync();
        await Expect(simulator.Message("Second answer")).Not.ToBeInViewportAsync();
        await session.ScreenshotAsync("new-messages-button");

        await simulator.NewMessagesButton.ClickAsync();

        await Expect(simulator.Message("Second answer")).ToBeInViewportAsync();
        await Expect(simulator.NewMessagesButton).ToHaveCountAsync(0);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task A_customers_file_shows_its_size_as_the_conversation_view_shows_it()
    {
        var channel = await app.CreateChannelAsync();
        var customer = TestData.UniqueNumber();
        await using var session = await browser.SignInAsync(app, DemoData.Supervisor);
        var simulator = await SimulatorPage.OpenAsync(session.Page);
        await simulator.ChooseBusinessNumberAsync(channel.Number.Number);
        await simulator.AsCustomerAsync("Fay File", customer);
        // 1,500 bytes: "2 KB" in the conversation view (kilobytes rounded up); the simulator used to say "1 KB".
        var pdf = new byte[1500];
        "%PDF-1.4\n"u8.CopyTo(pdf);

        await simulator.FileInput.SetInputFilesAsync(new FilePayload { Name = "invoice.pdf", MimeType = "application/pdf", Buffer = pdf });
        await Expect(simulator.ChosenFile).ToContainTextAsync("invoice.pdf (2 KB)");
        await simulator.Send.ClickAsync();

        var sent = simulator.Message("invoice.pdf");
        await Expect(SimulatorPage.FileSize(sent)).ToHaveTextAsync("2 KB");
        var conversation = await app.ConversationOfCustomerAsync(customer);
        await Eventually.GetAsync(async () =>
        {
            await using var db = await app.CreateDbContextAsync();
            return await db.Messages.Where(m => m.ConversationId == conversation).SelectMany(m => m.Media).Select(m => m.State).ToListAsync();
        }, states => states is [MediaState.Stored], what: "the customer's file stored by the app");
        var view = await session.Context.NewPageAsync();
        await view.GotoAsync($"conversations/{conversation}");
        var panel = new ConversationPanel(view.Locator("[data-testid=conversation]"));
        // WhatsApp does not pass the file's name on; the customer's message is the conversation's first.
        await Expect(panel.Messages.First).ToContainTextAsync("2 KB");
        await session.ScreenshotAsync("file-size");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task A_message_the_app_refuses_shows_the_apps_reason_on_the_phone_not_only_its_status()
    {
        var channel = await app.CreateChannelAsync();
        await using var session = await browser.SignInAsync(app, DemoData.Supervisor);
        var simulator = await SimulatorPage.OpenAsync(session.Page);
        await simulator.ChooseBusinessNumberAsync(channel.Number.Number);
        await simulator.AsCustomerAsync("Long Larry", TestData.UniqueNumber());

        await simulator.SendAsync(new string('x', InboundForm.MaxBodyLength + 1));

        await Expect(simulator.Problem).ToHaveTextAsync($"The app refused the message (HTTP 400): Body is longer than {InboundForm.MaxBodyLength} characters");
        await Expect(simulator.Messages.Last.Locator("[data-testid=sim-webhook]")).ToHaveAttributeAsync("title", "Not delivered to the app");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Closing_the_window_from_the_simulator_turns_the_agents_composer_to_templates_at_once_until_the_customer_writes_again()
    {
        var channel = await WebhookChannel.CreateAsync(app, templates: [new TemplateInput { Name = "follow_up", Language = "en", Body = TestChannels.FollowUp.Body }]);
        var agent = await app.AddSignInAgentAsync("Demo Dana", [channel.QueueId]);
        await app.SetPresenceAsync(agent.Id, Presence.Available);
        var customer = TestData.UniqueNumber();
        await using var supervisor = await browser.SignInAsync(app, DemoData.Supervisor);
        var simulator = await SimulatorPage.OpenAsync(supervisor.Page);
        await simulator.ChooseBusinessNumberAsync(channel.Number);
        await simulator.AsCustomerAsync("Demo Customer", customer);
        // A customer who never wrote has no window to close.
        await Expect(simulator.WindowState).ToContainTextAsync("Closed");
        await Expect(simulator.EndWindow).ToBeDisabledAsync();
        await simulator.SendAsync("Can someone help me?");
        await Expect(simulator.WindowState).ToContainTextAsync("Open until");
        var id = await app.ConversationOfCustomerAsync(customer);
        await app.AssignedAsync(id, agent.Id);

        await using var agentSession = await browser.SignInAsync(app, agent.User);
        var conversation = (await InboxPage.OpenAsync(agentSession.Page, id)).Conversation;
        await Expect(conversation.Text).ToBeEnabledAsync();
        await Expect(conversation.TemplatePicker).ToHaveCountAsync(0);
        await Blazor.MarkDocumentAsync(agentSession.Page);

        await simulator.EndWindow.ClickAsync();

        await Expect(supervisor.Page.Snackbar("The window is closed")).ToBeVisibleAsync();
        await Expect(simulator.WindowState).ToContainTextAsync("Closed");
        await Expect(simulator.EndWindow).ToBeDisabledAsync();
        // The agent sees it at once, without a reload.
        await Expect(conversation.Text).ToBeDisabledAsync();
        await Expect(conversation.Countdown).ToHaveTextAsync("Window closed — templates only");
        await Expect(conversation.TemplatePicker).ToBeVisibleAsync();
        Assert.False(await Blazor.WasReloadedAsync(agentSession.Page), "the agent's page was reloaded");
        // The emulated Twilio agrees: its window with the customer is closed too.
        Assert.Null(app.GetRequiredService<EmulatorCustomerChannel>().WindowEndsAt(channel.Number, customer));
        await agentSession.ScreenshotAsync("window-closed-from-simulator");

        // The customer's next message opens it again.
        await simulator.SendAsync("Hello again");
        await Expect(conversation.Text).ToBeEnabledAsync();
        await Expect(conversation.TemplatePicker).ToHaveCountAsync(0);
        await Expect(simulator.WindowState).ToContainTextAsync("Open until");
        Assert.Empty(supervisor.Errors);
        Assert.Empty(agentSession.Errors);
    }


    private async Task ReplyAsync(int conversation, string text)
    {
        var reply = await app.SendTextAsync(new SessionMessageInput(conversation, text));
        Assert.True(reply.Succeeded, reply.FirstMessage);
    }

    [Fact]
    public async Task An_agent_has_no_simulator_link_and_is_refused_the_page()
    {
        await using var session = await browser.SignInAsync(app, DemoData.Agent);
        var shell = new ShellPage(session.Page);
        await shell.WaitUntilInteractiveAsync();
        await Expect(shell.MenuLink("Inbox")).ToBeVisibleAsync();
        await Expect(shell.MenuLink("Customer simulator")).ToHaveCountAsync(0);

        await session.Page.GotoAsync("simulator");

        await Expect(shell.Heading).ToHaveTextAsync("Access denied");
        await Expect(session.Page.Locator("[data-testid=sim-chat], [data-testid=sim-text], [data-testid=sim-phone]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_admin_has_the_simulator_link()
    {
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var shell = new ShellPage(session.Page);
        await shell.WaitUntilInteractiveAsync();

        await Expect(shell.MenuLink("Customer simulator")).ToBeVisibleAsync();
    }
}
