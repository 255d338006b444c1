using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Browser.Mud;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>
/// Conversations nobody can see: WhatsApp setup cannot finish without a fallback queue (one can be created on the spot), a
/// conversation that still lands in no queue shows as Unrouted on the supervisor's dashboard with Assign, and the admin's
/// start checklist counts the WhatsApp workstreams without a fallback queue.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FallbackQueueTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task WhatsApp_setup_needs_a_fallback_queue_and_the_admin_creates_one_on_the_number_step()
    {
        var channel = await app.CreateChannelAsync(numbers: 2);
        var number = channel.Numbers[1].Number;
        var created = await app.WithServiceAsync((WorkstreamService s) => s.CreateAsync(new WorkstreamInput { Name = TestData.UniqueName("Fallback") }));
        var queueName = TestData.UniqueName("Returns");
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        await session.Page.SetViewportSizeAsync(1440, 900);
        var workstream = await WorkstreamPage.OpenAsync(session.Page, created.Value);
        var wizard = await workstream.SetUpWhatsAppAsync();
        await wizard.PickNumberAsync(number);

        await wizard.NextButton.ClickAsync();

        await Expect(wizard.FallbackQueueMessage).ToHaveTextAsync("Choose a fallback queue for conversations no rule matches.");
        await Expect(wizard.NumberStep).ToBeVisibleAsync();
        await Expect(wizard.StepsWithError).ToHaveCountAsync(1);
        await session.ScreenshotAsync("fallback-missing");

        await wizard.CreateFallbackQueueAsync(queueName);

        await Expect(wizard.FallbackQueueMessage).ToHaveCountAsync(0);
        await session.ScreenshotAsync("fallback-created");
        await session.UsePhoneWidthAsync();
        await FitsTheScreenAsync(session.Page, "the number step");
        await session.ScreenshotAsync("fallback-created-phone");
        foreach (var step in new[] { wizard.LanguageStep, wizard.BehavioursStep, wizard.TemplatesStep, wizard.BotStep, wizard.SummaryStep }) await wizard.NextAsync(step);
        await Expect(wizard.Summary.FallbackQueue).ToHaveTextAsync(queueName);
        await wizard.NextButton.ClickAsync();

        await Expect(workstream.Toast("WhatsApp is set up")).ToBeVisibleAsync();
        await Expect(workstream.RoutingSummary).ToContainTextAsync(queueName);
        var queue = (await app.WithServiceAsync((RoutingService s) => s.ListQueuesAsync())).Single(q => q.Name == queueName);
        Assert.Equal(queue.Id, (await app.WithServiceAsync((RoutingService s) => s.GetRoutingAsync(created.Value))).FallbackQueueId);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task A_conversation_in_no_queue_appears_live_as_Unrouted_and_Assign_moves_it_into_a_queue_or_to_an_agent()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        await app.SetWorkstreamAsync(channel.WorkstreamId, w => w.DistributionMode = DistributionMode.Pick);
        await channel.WithoutFallbackQueueAsync();
        var rita = await app.AddAgentAsync("Rita Routed", [channel.QueueId]);
        var queueName = (await app.WithServiceAsync((RoutingService s) => s.ListQueuesAsync())).Single(q => q.Id == channel.QueueId).Name;
        var workstreamName = (await app.WithServiceAsync((WorkstreamService s) => s.GetAsync(channel.WorkstreamId)))!.Summary.Name;
        await using var supervisor = await browser.SignInAsync(app, DemoData.Supervisor);
        await supervisor.Page.SetViewportSizeAsync(1440, 900);
        var dashboard = await QueueDashboardPage.OpenAsync(supervisor.Page, channel.QueueId);
        var queue = dashboard.Queue(channel.QueueId);
        await Expect(queue.Waiting).ToHaveTextAsync("0");

        var first = await channel.OpenConversationAsync(body: "Hello? Is anyone there?");
        var second = await channel.OpenConversationAsync(body: "I need help with my order");

        await Expect(dashboard.UnroutedRow(first)).ToBeVisibleAsync();
        await Expect(dashboard.UnroutedRow(first)).ToContainTextAsync(workstreamName);
        await Expect(dashboard.UnroutedRow(second)).ToBeVisibleAsync();
        await Expect(queue.Waiting).ToHaveTextAsync("0");
        await supervisor.ScreenshotAsync("unrouted");
        await supervisor.UsePhoneWidthAsync();
        await Expect(dashboard.UnroutedRow(first)).ToBeVisibleAsync();
        await FitsTheScreenAsync(supervisor.Page, "the dashboard");
        await supervisor.ScreenshotAsync("unrouted-phone");
        await supervisor.Page.SetViewportSizeAsync(1440, 900);

        await dashboard.AssignUnroutedAsync(dashboard.UnroutedRow(first), queueName);

        await Expect(dashboard.UnroutedRow(first)).ToHaveCountAsync(0);
        await Expect(queue.Waiting).ToHaveTextAsync("1");
        await Expect(dashboard.WaitingRow(first)).ToBeVisibleAsync();

        await dashboard.AssignUnroutedAsync(dashboard.UnroutedRow(second), queueName, rita);

        await Expect(dashboard.UnroutedRow(second)).ToHaveCountAsync(0);
        await Expect(queue.Active).ToHaveTextAsync("1");
        await Expect(dashboard.ActiveRow(second)).ToContainTextAsync("Rita Routed");
        var moved = await app.ConversationAsync(second);
        Assert.Equal((ConversationStatus.Active, (int?)channel.QueueId, rita), (moved.Status, moved.QueueId, moved.AssignedAgentId));
        Assert.Empty(supervisor.Errors);
    }

    /// <summary>After a resize the layout settles (the menu drawer closes on a phone): wait until nothing scrolls sideways.</summary>
    private static async Task FitsTheScreenAsync(Microsoft.Playwright.IPage page, string what)
    {
        try
        {
            await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= window.innerWidth", null, new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{what} scrolls sideways on a phone");
        }
    }

    [Fact]
    public async Task The_start_checklist_ticks_the_fallback_step_only_when_every_WhatsApp_workstream_has_one()
    {
        // A host of its own: the demo workstream has a fallback queue, and the one added here has none (1 of 2).
        await using var own = await AppHost.StartAsync();
        var channel = await own.CreateChannelAsync();
        await using var admin = await browser.SignInAsync(own, DemoData.Admin);
        var start = await StartPage.OpenAsync(admin.Page);
        var step = start.Step("Set routing rules and a fallback queue");

        await Expect(step).ToHaveAttributeAsync("data-done", "false");
        await Expect(step).ToContainTextAsync("1 WhatsApp workstream has no fallback queue: its conversations reach no agent.");

        await using (var db = await own.CreateDbContextAsync())
        {
            var demoQueue = await db.Queues.Where(q => q.Name == DemoData.DemoQueue).Select(q => q.Id).SingleAsync();
            var saved = await own.WithServiceAsync((RoutingService s) => s.SaveRoutingAsync(channel.WorkstreamId, new RoutingInput { FallbackQueueId = demoQueue }));
            Assert.True(saved.Succeeded, saved.FirstMessage);
        }
        start = await StartPage.OpenAsync(admin.Page);
        step = start.Step("Set routing rules and a fallback queue");

        await Expect(step).ToHaveAttributeAsync("data-done", "true");
        await Expect(step).ToContainTextAsync("Every WhatsApp workstream has a fallback queue.");
        Assert.Empty(admin.Errors);
    }
}
