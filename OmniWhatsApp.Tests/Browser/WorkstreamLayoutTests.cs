using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Tests.Browser.Mud;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>The workstream pages read well on a desktop and work on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkstreamLayoutTests(AppHost app, BrowserFixture browser)
{
    /// <summary>Walkthrough (issue 9, §3.4): the select's label was drawn over its value.</summary>
    [Fact]
    public async Task The_closed_window_template_select_shows_its_label_above_its_value()
    {
        var channel = await app.CreateChannelAsync(templates: [TestChannels.FollowUp, new("goodbye", "Thanks for writing to us.")]);
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var workstream = await WorkstreamPage.OpenAsync(session.Page, channel.WorkstreamId);
        var wizard = await workstream.SetUpWhatsAppAsync();
        await wizard.ChooseFallbackQueueAsync(DemoData.DemoQueue);
        await wizard.NextAsync(wizard.LanguageStep);
        await wizard.NextAsync(wizard.BehavioursStep);

        await Expect(wizard.ClosedTemplateSelect).ToHaveValueAsync("Nothing (skip it)");
        Assert.False(await wizard.ClosedTemplateSelect.LabelCoversValueAsync(), "the label is drawn over \"Nothing (skip it)\"");
        await wizard.Page.Keyboard.PressAsync("Escape");
        await wizard.Greeting.FillAsync("Hello!");
        var closing = wizard.BehavioursStep.Field("closed-message");
        await closing.FillAsync("Goodbye!");
        await wizard.ClosedTemplateSelect.SelectAsync("goodbye");
        Assert.False(await wizard.ClosedTemplateSelect.LabelCoversValueAsync(), "the label is drawn over \"goodbye\"");
        await session.ScreenshotAsync("closed-template");
        Assert.Empty(session.Errors);
    }

    /// <summary>Walkthrough (issue 9, §3.12): grid headers were cut at 1440 px ("Open conv…").</summary>
    [Fact]
    public async Task Headers_of_the_workstreams_templates_and_rules_are_not_cut_at_1440_px()
    {
        var channel = await app.CreateChannelAsync(templates:
            [TestChannels.FollowUp, new("appointment_reminder", "See you on {{1}} at {{2}}.", "HX" + new string('a', 32))]);
        var queue = TestData.UniqueName("Queue");
        var queueId = (await app.WithServiceAsync((RoutingService s) => s.CreateQueueAsync(new QueueInput { Name = queue }))).Value;
        var saved = await app.WithServiceAsync((RoutingService s) => s.SaveRoutingAsync(channel.WorkstreamId, new RoutingInput
        {
            FallbackQueueId = queueId,
            Rules = [new RoutingRuleInput { Name = "Invoices", Keywords = "invoice, refund, receipt", QueueId = queueId }],
        }));
        Assert.True(saved.Succeeded, saved.FirstMessage);
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        await session.Page.SetViewportSizeAsync(1440, 900);

        var workstreams = await WorkstreamsPage.OpenAsync(session.Page);
        await Expect(workstreams.Grid.Locator("tbody tr").First).ToBeVisibleAsync();
        Assert.Empty(await workstreams.Grid.CutHeadersAsync());

        var workstream = await WorkstreamPage.OpenAsync(session.Page, channel.WorkstreamId);
        var wizard = await workstream.SetUpWhatsAppAsync();
        foreach (var step in new[] { wizard.LanguageStep, wizard.BehavioursStep, wizard.TemplatesStep }) await wizard.NextAsync(step);
        await Expect(wizard.TemplateRows).ToHaveCountAsync(2);
        Assert.Empty(await wizard.TemplatesGrid.CutHeadersAsync());
        await session.ScreenshotAsync("templates");

        var routing = await RoutingRulesPage.OpenAsync(session.Page, channel.WorkstreamId);
        await Expect(routing.RuleRows).ToHaveCountAsync(1);
        Assert.Empty(await routing.RulesTable.CutHeadersAsync());
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task On_a_phone_the_WhatsApp_wizard_goes_from_number_to_Finish_without_sideways_scrolling()
    {
        var channel = await app.CreateChannelAsync();
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        await session.UsePhoneWidthAsync();
        var workstream = await WorkstreamPage.OpenAsync(session.Page, channel.WorkstreamId);
        Assert.False(await session.Page.ScrollsSidewaysAsync(), "the workstream page scrolls sideways");
        await Expect(workstream.SetUpWhatsAppButton).ToBeVisibleAsync();

        var wizard = await workstream.SetUpWhatsAppAsync();
        await wizard.ChooseFallbackQueueAsync(DemoData.DemoQueue);
        foreach (var step in new[] { wizard.LanguageStep, wizard.BehavioursStep, wizard.TemplatesStep, wizard.BotStep, wizard.SummaryStep })
        {
            Assert.False(await session.Page.ScrollsSidewaysAsync(), "a wizard step scrolls sideways");
            if (await wizard.BehavioursStep.IsVisibleAsync())
            {
                Assert.False(await wizard.LabelOf("closed-template").IsCutAsync(), "the closing template's label is cut");
            }
            // Every step header fits: the current one says which step this is.
            await Expect(wizard.CurrentStepTitle).ToBeInViewportAsync();
            await wizard.NextAsync(step);
        }
        await session.ScreenshotAsync("summary");
        Assert.False(await session.Page.ScrollsSidewaysAsync(), "the summary scrolls sideways");
        await wizard.NextButton.ClickAsync();

        await Expect(workstream.Toast("WhatsApp is set up")).ToBeVisibleAsync();
        await Expect(workstream.Summary.Number).ToContainTextAsync(channel.Number.Number);

        var routing = await RoutingRulesPage.OpenAsync(session.Page, channel.WorkstreamId);
        Assert.False(await session.Page.ScrollsSidewaysAsync(), "the routing rules page scrolls sideways");
        await Expect(routing.AddRuleButton).ToBeVisibleAsync();
        Assert.Empty(session.Errors);
    }
}
