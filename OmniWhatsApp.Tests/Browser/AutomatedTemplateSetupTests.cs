using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Browser.Mud;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>The template a channel sends instead of its survey when the customer's window is closed, chosen in the wizard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AutomatedTemplateSetupTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task Admin_chooses_the_survey_s_template_for_a_closed_window_and_sees_it_on_the_summary()
    {
        var channel = await app.CreateChannelAsync(templates:
        [
            TestChannels.FollowUp,
            new("survey_link", "Tell us how we did: https://example.com/survey"),
        ]);
        await using (var db = await app.CreateDbContextAsync())
        {
            var setup = await db.WhatsAppSetups.SingleAsync(s => s.WorkstreamId == channel.WorkstreamId);
            setup.Behaviours.SurveyEnabled = true;
            setup.Behaviours.SurveyText = "How did we do? Reply 1 to 5.";
            await db.SaveChangesAsync();
        }
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var workstream = await WorkstreamPage.OpenAsync(session.Page, channel.WorkstreamId);
        await Expect(workstream.Summary.SurveyTemplate).ToHaveTextAsync("Skipped");

        var wizard = await workstream.SetUpWhatsAppAsync();
        await wizard.ChooseFallbackQueueAsync(DemoData.DemoQueue);
        await wizard.NextAsync(wizard.LanguageStep);
        await wizard.NextAsync(wizard.BehavioursStep);
        // Only the templates the system can send as they are: follow_up has placeholders.
        Assert.Equal(["Nothing (skip it)", "survey_link"], await wizard.SurveyTemplateSelect.OptionsAsync());
        await wizard.SurveyTemplateSelect.SelectAsync("survey_link");
        await wizard.NextAsync(wizard.TemplatesStep);
        await wizard.NextAsync(wizard.BotStep);
        await wizard.NextAsync(wizard.SummaryStep);

        await Expect(wizard.Summary.SurveyTemplate).ToHaveTextAsync("Sent as the template survey_link");
        await wizard.NextButton.ClickAsync();

        await Expect(workstream.Summary.SurveyTemplate).ToHaveTextAsync("Sent as the template survey_link");
        await using (var db = await app.CreateDbContextAsync())
        {
            Assert.Equal("survey_link", (await db.WhatsAppSetups.SingleAsync(s => s.WorkstreamId == channel.WorkstreamId)).Behaviours.SurveyTemplate);
        }
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Finish_goes_back_to_the_number_step_when_another_workstream_took_the_number_meanwhile()
    {
        var channel = await app.CreateChannelAsync(numbers: 2);
        var wanted = channel.Numbers[1].Number;
        var newcomer = await app.WithServiceAsync((WorkstreamService s) => s.CreateAsync(new WorkstreamInput { Name = TestData.UniqueName("Newcomer") }));
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var workstream = await WorkstreamPage.OpenAsync(session.Page, newcomer.Value);
        var wizard = await workstream.SetUpWhatsAppAsync();
        await wizard.ChooseNumberAsync(wanted, DemoData.DemoQueue);
        await wizard.ChooseLanguageAsync("English (en)");
        await wizard.NextAsync(wizard.TemplatesStep);
        await wizard.NextAsync(wizard.BotStep);
        await wizard.NextAsync(wizard.SummaryStep);
        // Meanwhile the number goes to another workstream.
        var rival = await app.WithServiceAsync((WorkstreamService s) => s.CreateAsync(new WorkstreamInput { Name = TestData.UniqueName("Rival") }));
        var rivalQueue = await app.AddQueueAsync();
        var taken = await app.WithServiceAsync((WorkstreamService s) => s.SaveWhatsAppSetupAsync(rival.Value, new WhatsAppSetupInput { NumberId = channel.Numbers[1].Id, FallbackQueueId = rivalQueue, Language = "en" }));
        Assert.True(taken.Succeeded, taken.FirstMessage);

        await wizard.NextButton.ClickAsync();

        await Expect(wizard.NumberStep).ToBeVisibleAsync();
        await Expect(wizard.NumberMessage).ToHaveTextAsync("This number is no longer available; another workstream uses it or it was removed.");
        await session.ScreenshotAsync("number-taken");
        await using (var db = await app.CreateDbContextAsync())
        {
            Assert.False(await db.WhatsAppSetups.AnyAsync(s => s.WorkstreamId == newcomer.Value));
        }
        Assert.Empty(session.Errors);
    }
}
