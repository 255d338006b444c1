using OmniWhatsApp.Tests.Browser.Radzen;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>The supervisor's queue dashboard: live figures, assigning from it, and who may open it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class QueueDashboardTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task The_waiting_count_rises_while_the_supervisor_watches_when_a_customer_writes()
    {
        // A pick-mode queue: the conversation stays waiting until someone takes it.
        var channel = await WebhookChannel.CreateAsync(app);
        await app.SetWorkstreamAsync(channel.WorkstreamId, w => w.DistributionMode = DistributionMode.Pick);
        await using var supervisor = await browser.SignInAsync(app, DemoData.Supervisor);
        // The start page of a supervisor is the dashboard.
        await Expect(supervisor.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/supervisor$"));
        var dashboard = await QueueDashboardPage.OpenAsync(supervisor.Page);
        var queue = dashboard.Queue(channel.QueueId);
        await Expect(queue.Waiting).ToHaveTextAsync("0");
        await Expect(queue.LongestWait).ToHaveTextAsync("—");
        var totalBefore = int.Parse(await dashboard.TotalWaiting.InnerTextAsync());

        // The customer writes from the simulator, in another browser.
        await using var customer = await browser.SignInAsync(app, DemoData.Admin);
        var simulator = await SimulatorPage.OpenAsync(customer.Page);
        await simulator.ChooseBusinessNumberAsync(channel.Number);
        await simulator.AsCustomerAsync("Wendy Waiting", TestData.UniqueNumber());
        await simulator.SendAsync("Is anyone there?");

        await Expect(queue.Waiting).ToHaveTextAsync("1");
        await Expect(dashboard.TotalWaiting).Not.ToHaveTextAsync(totalBefore.ToString());
        // The wait runs on by itself.
        var longest = await queue.LongestWait.InnerTextAsync();
        await Expect(queue.LongestWait).Not.ToHaveTextAsync(longest);
        await Expect(queue.LongestWait).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ s$"));
        await supervisor.ScreenshotAsync("waiting");
        Assert.Empty(supervisor.Errors);
    }

    [Fact]
    public async Task Assigning_a_waiting_conversation_from_the_dashboard_puts_it_in_the_agents_load()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        await app.SetWorkstreamAsync(channel.WorkstreamId, w => w.DistributionMode = DistributionMode.Pick);
        var dana = await app.AddAgentAsync("Dana Dashboard", [channel.QueueId], capacity: 3);
        await app.AddAgentAsync("Omar Offline", [channel.QueueId], capacity: 2, presence: null);
        var conversation = await channel.OpenConversationAsync(body: "My parcel never arrived");
        await using var supervisor = await browser.SignInAsync(app, DemoData.Supervisor);
        var dashboard = await QueueDashboardPage.OpenAsync(supervisor.Page, channel.QueueId);
        var queue = dashboard.Queue(channel.QueueId);
        await Expect(queue.Waiting).ToHaveTextAsync("1");
        await Expect(queue.AgentLoad(dana)).ToHaveTextAsync("0 / 3");
        await Expect(queue.PresenceCount(nameof(Presence.Available))).ToHaveTextAsync("1");
        await Expect(queue.PresenceCount(nameof(Presence.Offline))).ToHaveTextAsync("1");
        await Expect(dashboard.WaitingRow(conversation).Locator("[data-testid=open]")).ToHaveAttributeAsync("href", $"conversations/{conversation}");
        await supervisor.ScreenshotAsync("before-assign");

        await dashboard.AssignAsync(dashboard.WaitingRow(conversation), dana);

        await Expect(supervisor.Page.Notification("Dana Dashboard now has the conversation")).ToBeVisibleAsync();
        await Expect(queue.AgentLoad(dana)).ToHaveTextAsync("1 / 3");
        await Expect(queue.Waiting).ToHaveTextAsync("0");
        await Expect(queue.Active).ToHaveTextAsync("1");
        await Expect(dashboard.ActiveRow(conversation)).ToContainTextAsync("Dana Dashboard");
        await Expect(dashboard.WaitingRow(conversation)).ToHaveCountAsync(0);
        var assigned = await app.ConversationAsync(conversation);
        Assert.Equal((ConversationStatus.Active, dana), (assigned.Status, assigned.AssignedAgentId));
        await supervisor.ScreenshotAsync("after-assign");
        Assert.Empty(supervisor.Errors);
    }

    [Fact]
    public async Task Reassigning_an_active_conversation_moves_the_load_to_the_other_agent()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var ruth = await app.AddAgentAsync("Ruth Reassigned", [channel.QueueId], capacity: 2);
        var conversation = await channel.OpenConversationAsync();
        await app.AssignedAsync(conversation, ruth);
        var sam = await app.AddAgentAsync("Sam Second", [channel.QueueId], capacity: 2, presence: Presence.Busy);
        await using var supervisor = await browser.SignInAsync(app, DemoData.Supervisor);
        var dashboard = await QueueDashboardPage.OpenAsync(supervisor.Page, channel.QueueId);
        var queue = dashboard.Queue(channel.QueueId);
        await Expect(queue.AgentLoad(ruth)).ToHaveTextAsync("1 / 2");

        await dashboard.AssignAsync(dashboard.ActiveRow(conversation), sam);

        await Expect(queue.AgentLoad(sam)).ToHaveTextAsync("1 / 2");
        await Expect(queue.AgentLoad(ruth)).ToHaveTextAsync("0 / 2");
        await Expect(dashboard.ActiveRow(conversation)).ToContainTextAsync("Sam Second");
        Assert.Equal(sam, (await app.ConversationAsync(conversation)).AssignedAgentId);
        Assert.Empty(supervisor.Errors);
    }

    [Fact]
    public async Task Windows_closing_on_unanswered_customers_show_their_time_left_beside_every_queues_figures()
    {
        // A host of its own, so the picture holds only this team: three queues, agents in every presence, waits of all ages.
        await using var own = await AppHost.StartAsync();
        var billing = await QueueAsync(own, "Billing", DistributionMode.Push);
        var orders = await QueueAsync(own, "Orders", DistributionMode.Pick);
        var returns = await QueueAsync(own, "Returns", DistributionMode.Pick);
        var amira = await own.AddAgentAsync("Amira Haddad", [billing.QueueId, orders.QueueId], capacity: 3);
        await own.AddAgentAsync("Ben Okafor", [billing.QueueId], capacity: 2);
        await CustomerAsync(own, billing, "Lena Fischer", waited: 0);
        await CustomerAsync(own, billing, "Marco Rossi", waited: 0, windowLeft: TimeSpan.FromMinutes(8));
        await CustomerAsync(own, billing, "Priya Nair", waited: 0);
        await own.AddAgentAsync("Chloé Martin", [orders.QueueId], capacity: 3, presence: Presence.Busy);
        await own.AddAgentAsync("Diego Alvarez", [orders.QueueId, returns.QueueId], capacity: 2, presence: Presence.DoNotDisturb);
        await own.AddAgentAsync("Emma Larsen", [returns.QueueId], capacity: 2, presence: Presence.Away);
        await own.AddAgentAsync("Farid Khan", [returns.QueueId], capacity: 2, presence: null);
        var closing = await CustomerAsync(own, orders, "Sofia Costa", waited: 17, windowLeft: TimeSpan.FromMinutes(25));
        await CustomerAsync(own, orders, "Tom Becker", waited: 6);
        await CustomerAsync(own, orders, "Yuki Tanaka", waited: 2);
        await CustomerAsync(own, returns, "Noah Schmidt", waited: 3);

        await using var supervisor = await browser.SignInAsync(own, DemoData.Supervisor);
        await supervisor.Page.SetViewportSizeAsync(1280, 1640);
        var dashboard = await QueueDashboardPage.OpenAsync(supervisor.Page, orders.QueueId);

        await Expect(dashboard.ClosingRow(closing).Locator("[data-testid=time-left]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^2[45] min \d+ s$"));
        await Expect(dashboard.ClosingRow(closing)).ToContainTextAsync("Sofia Costa");
        var ordersCard = dashboard.Queue(orders.QueueId);
        await Expect(ordersCard.Waiting).ToHaveTextAsync("3");
        await Expect(ordersCard.LongestWait).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^17 min \d+ s$"));
        await Expect(ordersCard.LongestWait.Locator("xpath=..")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("alert"));
        await Expect(dashboard.Queue(billing.QueueId).AgentLoad(amira)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d / 3$"));
        await Expect(dashboard.WaitingRow(closing)).ToBeVisibleAsync();
        await supervisor.ScreenshotAsync("team");
        Assert.Empty(supervisor.Errors);
    }

    /// <summary>A channel whose queue has a readable name.</summary>
    private static async Task<WebhookChannel> QueueAsync(AppHost host, string name, DistributionMode mode)
    {
        var channel = await WebhookChannel.CreateAsync(host);
        var renamed = await host.WithServiceAsync((RoutingService s) => s.RenameQueueAsync(channel.QueueId, new QueueInput { Name = name }));
        Assert.True(renamed.Succeeded, renamed.FirstMessage);
        await host.SetWorkstreamAsync(channel.WorkstreamId, w => w.DistributionMode = mode);
        return channel;
    }

    /// <summary>A customer who wrote <paramref name="waited"/> minutes ago (as far as the queue is concerned), optionally with a window about to close.</summary>
    private static async Task<int> CustomerAsync(AppHost host, WebhookChannel channel, string name, int waited, TimeSpan? windowLeft = null)
    {
        var id = await channel.OpenConversationAsync(body: "Hello, I have a question about my order");
        var now = DateTimeOffset.UtcNow;
        await using var db = await host.CreateDbContextAsync();
        var conversation = await db.Conversations.Include(c => c.Customer).SingleAsync(c => c.Id == id);
        conversation.Customer!.ProfileName = name;
        if (conversation.Status == ConversationStatus.Waiting) conversation.QueuedAt = now.AddMinutes(-waited);
        if (windowLeft is { } left)
        {
            conversation.WindowEndsAt = now + left;
            conversation.LastInboundAt = conversation.WindowEndsAt - TimeSpan.FromHours(24);
        }
        await db.SaveChangesAsync();
        return id;
    }

    [Fact]
    public async Task An_agent_cannot_open_the_queue_dashboard()
    {
        await using var agent = await browser.SignInAsync(app, DemoData.Agent);
        var shell = new ShellPage(agent.Page);
        await Expect(shell.MenuLink("Queue dashboard")).ToHaveCountAsync(0);

        await agent.Page.GotoAsync(QueueDashboardPage.Path);

        await Expect(shell.Heading).ToHaveTextAsync("Access denied");
        await Expect(agent.Page.Locator("[data-testid=totals], [data-testid=queue-card]")).ToHaveCountAsync(0);
        Assert.Empty(agent.Errors);
    }
}
