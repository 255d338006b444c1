using Microsoft.Playwright;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Tests.Browser.Mud;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class QueuesPageTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task Admin_renames_a_queue_sets_its_members_and_deletes_it_after_confirming()
    {
        var name = TestData.UniqueName("Returns");
        var renamed = TestData.UniqueName("Refunds");
        var created = await app.WithServiceAsync((RoutingService s) => s.CreateQueueAsync(new QueueInput { Name = name }));
        Assert.True(created.Succeeded, created.FirstMessage);
        var (_, agent) = await app.AddSignInAgentAsync(TestData.UniqueName("Rita Returns"), []);
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var queues = await QueuesPage.OpenAsync(session.Page);

        // Rename in place; an empty name is refused at the field and changes nothing.
        await queues.RenameButton(name).ClickAsync();
        await queues.RenameField.FillAsync("");
        await queues.RenameField.PressAsync("Enter");
        await Expect(queues.RenameMessage).ToHaveTextAsync("Enter a name for the queue.");
        await queues.RenameField.FillAsync(renamed);
        await queues.RenameField.PressAsync("Enter");
        await Expect(queues.Row(renamed)).ToBeVisibleAsync();
        await Expect(queues.Row(name)).ToHaveCountAsync(0);

        // Members are picked from the people who can take conversations.
        Assert.Contains(agent.DisplayName, await queues.Members(renamed).OptionsAsync());
        await queues.Members(renamed).ToggleChoiceAsync(agent.DisplayName);
        await Expect(queues.Members(renamed)).ToHaveValueAsync(agent.DisplayName);
        var members = (await app.WithServiceAsync((RoutingService s) => s.ListQueuesAsync())).Single(q => q.Name == renamed).Members;
        Assert.Equal([agent.DisplayName], members.Select(m => m.DisplayName));

        // Delete asks first: Cancel keeps the queue, Delete removes it.
        await queues.DeleteButton(renamed).ClickAsync();
        await Expect(session.Page.OpenDialog()).ToContainTextAsync($"Delete {renamed}?");
        await session.Page.DialogButton("Cancel").ClickAsync();
        await Expect(session.Page.OpenDialog()).ToHaveCountAsync(0);
        await Expect(queues.Row(renamed)).ToBeVisibleAsync();

        await queues.DeleteButton(renamed).ClickAsync();
        await session.Page.DialogButton("Delete").ClickAsync();
        await Expect(queues.Row(renamed)).ToHaveCountAsync(0);
        Assert.DoesNotContain(await app.WithServiceAsync((RoutingService s) => s.ListQueuesAsync()), q => q.Name == renamed);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_queue_list_sorts_by_name_and_its_headers_are_whole_at_desktop_width()
    {
        foreach (var name in new[] { TestData.UniqueName("Zulu"), TestData.UniqueName("Alpha") })
        {
            Assert.True((await app.WithServiceAsync((RoutingService s) => s.CreateQueueAsync(new QueueInput { Name = name }))).Succeeded);
        }
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        await session.Page.SetViewportSizeAsync(1440, 900);
        var queues = await QueuesPage.OpenAsync(session.Page);

        Assert.Equal(["Queue", "Members", "Actions"], (await queues.HeadersAsync()).Select(h => h.Trim()));
        foreach (var header in await queues.Table.Locator("thead th .column-header").AllAsync())
        {
            Assert.True(await header.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), $"header '{await header.InnerTextAsync()}' is cut");
        }

        // Listed by name; a click on the header sorts again, a second click turns the order round.
        var cells = queues.Table.Locator("tbody tr td[data-label='Queue']");
        var names = (await cells.AllInnerTextsAsync()).Select(n => n.Trim()).ToList();
        Assert.Equal(names.Order(StringComparer.OrdinalIgnoreCase), names, StringComparer.OrdinalIgnoreCase);
        var queueHeader = queues.Table.Locator("thead th").Filter(new() { HasText = "Queue" }).Locator(".column-header");
        await queueHeader.ClickAsync();
        await queueHeader.ClickAsync();
        await Expect(cells.First).ToHaveTextAsync(names.Last());
        await Expect(cells.Last).ToHaveTextAsync(names.First());
    }
}
