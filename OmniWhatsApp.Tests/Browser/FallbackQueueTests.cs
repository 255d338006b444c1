using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Browser.Mud;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>
/// Conversations nobody can see: WhatsApp setup cannot finish without a fallback queue (one can be created on the spot).
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
        foreach (var step in new[] { wizard.LanguageStep, wizard.BehavioursStep, wizard.TemplatesStep, wizard.SummaryStep }) await wizard.NextAsync(step);
        await Expect(wizard.Summary.FallbackQueue).ToHaveTextAsync(queueName);
        await wizard.NextButton.ClickAsync();

        await Expect(workstream.Toast("WhatsApp is set up")).ToBeVisibleAsync();
        await Expect(workstream.RoutingSummary).ToContainTextAsync(queueName);
        var queue = (await app.WithServiceAsync((RoutingService s) => s.ListQueuesAsync())).Single(q => q.Name == queueName);
        Assert.Equal(queue.Id, (await app.WithServiceAsync((RoutingService s) => s.GetRoutingAsync(created.Value))).FallbackQueueId);
        Assert.Empty(session.Errors);
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
}
