using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Browser.Mud;
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

        await Expect(supervisor.Page.Snackbar("Dana Dashboard now has the conversation")).ToBeVisibleAsync();
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
        // A long wait shows whole, not "17 min 6".
        Assert.Equal(0, await ordersCard.CutFiguresAsync());
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
    public async Task Choosing_an_agent_at_capacity_warns_before_assigning_and_the_supervisor_may_go_above_it()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        await app.SetWorkstreamAsync(channel.WorkstreamId, w => w.DistributionMode = DistributionMode.Pick);
        var full = await app.AddAgentAsync("Fiona Full", [channel.QueueId], capacity: 1);
        var roomy = await app.AddAgentAsync("Rami Roomy", [channel.QueueId], capacity: 3);
        var held = await channel.OpenConversationAsync(body: "I was here first");
        var actor = await app.SupervisorAsync();
        var assigned = await app.WithServiceAsync((DistributionService s) => s.AssignAsync(held, full, actor));
        Assert.True(assigned.Succeeded, assigned.FirstMessage);
        var waiting = await channel.OpenConversationAsync(body: "Me too, please");
        await using var supervisor = await browser.SignInAsync(app, DemoData.Supervisor);
        var dashboard = await QueueDashboardPage.OpenAsync(supervisor.Page, channel.QueueId);
        var queue = dashboard.Queue(channel.QueueId);
        await Expect(queue.AgentLoad(full)).ToHaveTextAsync("1 / 1");

        // Someone with room: nothing to warn about.
        await dashboard.ChooseAsync(dashboard.WaitingRow(waiting), roomy);
        await Expect(dashboard.OverCapacityWarning).ToHaveCountAsync(0);
        await Expect(dashboard.ConfirmButton).ToHaveTextAsync("Assign to Rami Roomy");

        // Someone full: the dialog says what the choice does before it is made.
        await dashboard.DialogChoice(full).ClickAsync();
        await Expect(dashboard.OverCapacityWarning).ToBeVisibleAsync();
        await Expect(dashboard.OverCapacityWarning).ToContainTextAsync("Fiona Full is at capacity (1 / 1); this conversation takes them over it.");
        await supervisor.ScreenshotAsync("over-capacity-warning");
        await dashboard.ConfirmButton.ClickAsync();

        await Expect(dashboard.Dialog).ToHaveCountAsync(0);
        await Expect(queue.AgentLoad(full)).ToHaveTextAsync("2 / 1");
        await Expect(queue.Agent(full).Locator("[data-testid=load]")).ToHaveAttributeAsync("data-state", "Over");
        Assert.Equal(full, (await app.ConversationAsync(waiting)).AssignedAgentId);
        Assert.Empty(supervisor.Errors);
    }

    [Fact]
    public async Task A_closed_window_reads_window_closed_templates_only_never_just_closed()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var agent = await app.AddAgentAsync("Wanda Window", [channel.QueueId], capacity: 3);
        var open = await channel.OpenConversationAsync(body: "Still within the day");
        await app.AssignedAsync(open, agent);
        var late = await channel.OpenConversationAsync(body: "Wrote yesterday");
        await app.AssignedAsync(late, agent);
        await using (var db = await app.CreateDbContextAsync())
        {
            var conversation = await db.Conversations.SingleAsync(c => c.Id == late);
            conversation.LastInboundAt = DateTimeOffset.UtcNow.AddHours(-25);
            conversation.WindowEndsAt = DateTimeOffset.UtcNow.AddHours(-1);
            await db.SaveChangesAsync();
        }
        await using var supervisor = await browser.SignInAsync(app, DemoData.Supervisor);

        var dashboard = await QueueDashboardPage.OpenAsync(supervisor.Page, channel.QueueId);

        // "Closed" alone would read as resolved; this conversation is still active, only free text is over.
        await Expect(QueueDashboardPage.Window(dashboard.ActiveRow(late))).ToHaveTextAsync("Window closed — templates only");
        await Expect(QueueDashboardPage.Window(dashboard.ActiveRow(open))).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^closes in 2[34] h \d+ min$"));
        Assert.Empty(supervisor.Errors);
    }

    [Fact]
    public async Task Open_shows_the_conversation_read_only_beside_the_dashboard()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        await app.SetWorkstreamAsync(channel.WorkstreamId, w => w.DistributionMode = DistributionMode.Pick);
        var conversation = await channel.OpenConversationAsync(body: "Can a supervisor read this?");
        await using var supervisor = await browser.SignInAsync(app, DemoData.Supervisor);
        var dashboard = await QueueDashboardPage.OpenAsync(supervisor.Page, channel.QueueId);
        await Blazor.MarkDocumentAsync(supervisor.Page);

        await QueueDashboardPage.OpenLink(dashboard.WaitingRow(conversation)).ClickAsync();

        var panel = new ConversationPanel(dashboard.ConversationPanel);
        await Expect(panel.Message("Can a supervisor read this?")).ToBeVisibleAsync();
        await Expect(panel.Text).ToHaveCountAsync(0);
        await Expect(supervisor.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/{QueueDashboardPage.Path}\\?queue={channel.QueueId}$"));
        await supervisor.ScreenshotAsync("conversation-beside");

        await dashboard.CloseConversationButton.ClickAsync();
        await Expect(dashboard.ConversationPanel).ToHaveCountAsync(0);
        await Expect(dashboard.WaitingRow(conversation)).ToBeVisibleAsync();
        Assert.False(await Blazor.WasReloadedAsync(supervisor.Page), "Open left the dashboard");
        Assert.Empty(supervisor.Errors);
    }

    [Fact]
    public async Task On_a_phone_the_cards_stack_the_figures_stay_readable_and_assign_is_within_reach()
    {
        var first = await WebhookChannel.CreateAsync(app);
        var second = await WebhookChannel.CreateAsync(app);
        foreach (var channel in new[] { first, second })
        {
            await app.SetWorkstreamAsync(channel.WorkstreamId, w => w.DistributionMode = DistributionMode.Pick);
        }
        var pia = await app.AddAgentAsync("Pia Phone", [first.QueueId, second.QueueId], capacity: 2);
        var conversation = await first.OpenConversationAsync(body: "Writing from the bus");
        // Waiting for a while: the longest figures ("17 min 20 s") must fit too.
        await using (var db = await app.CreateDbContextAsync())
        {
            (await db.Conversations.SingleAsync(c => c.Id == conversation)).QueuedAt = DateTimeOffset.UtcNow.AddMinutes(-17);
            await db.SaveChangesAsync();
        }
        await using var supervisor = await browser.SignInAsync(app, DemoData.Supervisor);
        await supervisor.UsePhoneWidthAsync();

        var dashboard = await QueueDashboardPage.OpenAsync(supervisor.Page, first.QueueId);

        Assert.False(await dashboard.ScrollsSidewaysAsync(), "the dashboard scrolls sideways on a phone");
        // One card under the other, each as wide as the screen allows.
        var top = (await dashboard.Queue(first.QueueId).Card.BoundingBoxAsync())!;
        var below = (await dashboard.Queue(second.QueueId).Card.BoundingBoxAsync())!;
        Assert.True(Math.Abs(top.X - below.X) < 1 && Math.Abs(top.Width - below.Width) < 1, $"cards side by side: {top.X},{top.Width} / {below.X},{below.Width}");
        Assert.True(top.Width > 300 && top.X + top.Width <= BrowserSession.Phone.Width, $"card {top.X} + {top.Width} wide on a {BrowserSession.Phone.Width} px screen");
        // Every figure shows whole: nothing cut off or spilling out of its box.
        var queue = dashboard.Queue(first.QueueId);
        await Expect(queue.Waiting).ToHaveTextAsync("1");
        await Expect(queue.LongestWait).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^17 min \d+ s$"));
        Assert.Equal(0, await queue.CutFiguresAsync());
        Assert.Equal(0, await dashboard.CutTotalsAsync());
        var fontSize = await queue.Waiting.EvaluateAsync<string>("e => getComputedStyle(e).fontSize");
        Assert.True(double.Parse(fontSize.Replace("px", ""), System.Globalization.CultureInfo.InvariantCulture) >= 16, $"figures at {fontSize}");

        // Assign is reachable by scrolling down, and the dialog fits the screen.
        var row = dashboard.WaitingRow(conversation);
        await QueueDashboardPage.AssignButton(row).ScrollIntoViewIfNeededAsync();
        await Expect(QueueDashboardPage.AssignButton(row)).ToBeInViewportAsync();
        await dashboard.ChooseAsync(row, pia);
        var dialog = (await dashboard.Dialog.BoundingBoxAsync())!;
        Assert.True(dialog.X >= 0 && dialog.X + dialog.Width <= BrowserSession.Phone.Width, $"dialog {dialog.X} + {dialog.Width}");
        await supervisor.ScreenshotAsync("phone-assign");
        await dashboard.ConfirmButton.ClickAsync();
        await Expect(dashboard.ActiveRow(conversation)).ToContainTextAsync("Pia Phone");
        await Expect(QueueDashboardPage.AssignButton(dashboard.ActiveRow(conversation))).ToHaveTextAsync("Reassign");
        Assert.False(await dashboard.ScrollsSidewaysAsync(), "the dashboard scrolls sideways on a phone");
        await supervisor.ScreenshotAsync("phone");
        Assert.Empty(supervisor.Errors);
    }

    [Fact]
    public async Task A_supervisor_starts_on_the_dashboard_and_has_no_start_item_that_would_only_lead_back()
    {
        await using var supervisor = await browser.SignInAsync(app, DemoData.Supervisor);
        var shell = new ShellPage(supervisor.Page);

        await supervisor.Page.GotoAsync("");

        await Expect(supervisor.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/{QueueDashboardPage.Path}$"));
        await Expect(shell.Heading).ToHaveTextAsync("Queue dashboard");
        await Expect(shell.MenuLink("Queue dashboard")).ToBeVisibleAsync();
        await Expect(shell.MenuLink("Start")).ToHaveCountAsync(0);
        Assert.Empty(supervisor.Errors);
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
