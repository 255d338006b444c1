using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
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
    public async Task An_agent_has_no_simulator_link_and_is_refused_the_page()
    {
        await using var session = await browser.SignInAsync(app, DemoData.Agent);
        var shell = new ShellPage(session.Page);
        await shell.WaitUntilInteractiveAsync();
        await Expect(shell.MenuLink("Inbox")).ToBeVisibleAsync();
        await Expect(shell.MenuLink("Customer simulator")).ToHaveCountAsync(0);

        await session.Page.GotoAsync("simulator");

        await Expect(shell.Heading).ToHaveTextAsync("Access denied");
        await Expect(session.Page.Locator("[data-testid=sim-chat], [data-testid=sim-text], input[name=sim-phone]")).ToHaveCountAsync(0);
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
