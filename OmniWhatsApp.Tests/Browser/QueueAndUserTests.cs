using OmniWhatsApp.Tests.Browser.Mud;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class QueueAndUserTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task Admin_creates_a_queue_and_an_agent_in_it_and_a_second_queue_of_the_same_name_is_refused()
    {
        var queueName = TestData.UniqueName("Billing");
        var agentName = TestData.UniqueName("Bea Billing");
        var agentEmail = $"bea.{Guid.NewGuid():N}@example.test";
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var shell = new ShellPage(session.Page);
        await shell.WaitUntilInteractiveAsync();

        // A queue.
        await shell.MenuLink("Queues").ClickAsync();
        var queues = new QueuesPage(session.Page);
        await Expect(queues.Table).ToBeVisibleAsync();
        await queues.CreateQueueAsync(queueName);
        await Expect(queues.Row(queueName)).ToBeVisibleAsync();
        await Expect(queues.QueueName).ToHaveValueAsync("");

        // The same name again is refused at the name field.
        await queues.CreateQueueAsync(queueName);
        await Expect(queues.NameMessage).ToHaveTextAsync("A queue with this name already exists.");
        await Expect(queues.Row(queueName)).ToHaveCountAsync(1);
        await session.ScreenshotAsync("duplicate-queue");

        // An agent with a capacity, in that queue.
        await shell.MenuLink("Users").ClickAsync();
        var users = new UsersPage(session.Page);
        await Expect(users.Grid).ToBeVisibleAsync();
        await users.NewUserButton.ClickAsync();
        await Expect(users.Form).ToBeVisibleAsync();
        await users.Name.FillAsync(agentName);
        await users.Email.FillAsync(agentEmail);
        await Expect(users.Role).ToHaveValueAsync("Agent");
        await users.Capacity.FillAsync("5");
        await users.Password.FillAsync("Bea#Billing2026");
        await users.Queues.ToggleChoiceAsync(queueName);
        await Expect(users.Queues).ToHaveValueAsync(queueName);
        await session.ScreenshotAsync("new-user");
        await users.SaveButton.ClickAsync();

        await Expect(users.Form).ToHaveCountAsync(0);
        await Expect(users.Toast("Saved")).ToContainTextAsync(agentName);
        var row = users.Row(agentEmail);
        await Expect(row).ToContainTextAsync(agentName);
        Assert.Equal("Agent", await users.CellAsync(row, "Role"));
        Assert.Equal("5", await users.CellAsync(row, "Capacity"));
        Assert.Equal(queueName, await users.CellAsync(row, "Queues"));

        // The queue lists the agent as a member.
        await shell.MenuLink("Queues").ClickAsync();
        await Expect(queues.Members(queueName)).ToHaveValueAsync(agentName);
        await session.ScreenshotAsync("queue-with-member");
        Assert.Empty(session.Errors);
    }
}
