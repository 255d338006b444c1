using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Core.Conversations;

/// <summary>Conversations close themselves after their workstream's time without activity (the clock is the test's).</summary>
[Trait("Storage", "Both")]
public sealed class AutoCloseTests(SweepingClockHost host) : IClassFixture<SweepingClockHost>
{
    private AppHost App => host.App;
    private AutomationWorker Worker => App.GetRequiredService<AutomationWorker>();

    [Fact]
    public async Task A_conversation_closes_after_24_h_without_activity_and_the_closing_message_is_skipped_with_the_window_shut()
    {
        var channel = await WebhookChannel.CreateAsync(App, b => b.ConversationClosedMessage = "Thanks for writing to us.");
        var agent = await App.AddAgentAsync("Idle Ida", [channel.QueueId]);
        var id = await channel.OpenConversationAsync();
        await App.AssignedAsync(id, agent);

        host.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        await Worker.AutoClose.RunOnceAsync();
        Assert.Equal(ConversationStatus.Active, (await App.ConversationAsync(id)).Status);

        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var closed = await Eventually.GetAsync(() => App.ConversationAsync(id), c => c.Status == ConversationStatus.Closed, what: "auto-close");

        Assert.Equal(host.Clock.Now, closed.ClosedAt);
        // The closing message comes right after the close.
        var lines = await Eventually.GetAsync(() => App.SystemLinesAsync(id), l => l.Count == 3, what: "the timeline lines");
        Assert.Equal(["Assigned to Idle Ida", "Closed after 24 h without activity", "Closing message not sent: the 24-hour window is closed"], lines);
    }

    [Fact]
    public async Task With_the_window_shut_an_auto_close_sends_the_closing_message_and_the_survey_as_their_templates()
    {
        const string thanks = "Thank you for contacting us. This conversation is now closed.";
        const string survey = "Tell us how we did: https://example.com/survey";
        var channel = await WebhookChannel.CreateAsync(App, b =>
        {
            b.ConversationClosedMessage = "Thanks for writing to us.";
            b.ConversationClosedTemplate = "closed_thanks";
            b.SurveyEnabled = true;
            b.SurveyText = "How did we do? Reply 1 to 5.";
            b.SurveyTemplate = "survey_link";
        },
        [
            new TemplateInput { Name = "closed_thanks", Language = "en", Body = thanks },
            new TemplateInput { Name = "survey_link", Language = "en", Body = survey },
        ]);
        App.ApproveOnEmulator("closed_thanks", thanks);
        App.ApproveOnEmulator("survey_link", survey);
        var customer = TestData.UniqueNumber();
        var id = await channel.OpenConversationAsync(customer);

        host.Clock.Advance(TimeSpan.FromHours(24));

        var lines = await Eventually.GetAsync(() => App.SystemLinesAsync(id), l => l.Count == 3, what: "the timeline lines");
        Assert.Equal([
            "Closed after 24 h without activity",
            "Closing message sent as the template closed_thanks: the 24-hour window is closed",
            "Survey sent as the template survey_link: the 24-hour window is closed",
        ], lines);

        // Stored in the outbox as the system's templates (no author), not as session messages…
        await using (var db = await App.CreateDbContextAsync())
        {
            var outbound = await db.Messages.Where(m => m.ConversationId == id && m.Direction == MessageDirection.Outbound && m.Kind != MessageKind.System)
                .OrderBy(m => m.Id).ToListAsync();
            Assert.Equal([(MessageKind.Template, thanks), (MessageKind.Template, survey)], outbound.Select(m => (m.Kind, m.Body ?? "")));
            Assert.All(outbound, m => Assert.Null(m.AuthorId));
            Assert.All(outbound, m => Assert.NotNull(m.TemplateId));
        }
        // …and WhatsApp (the emulator) accepted them although the window is closed.
        var sent = await Eventually.GetAsync(
            () => Task.FromResult(App.GetRequiredService<EmulatorState>().Messages
                .Where(m => m.IsOutbound && m.To == PhoneNumber.WhatsAppPrefix + customer).ToList()),
            m => m.Count == 2, what: "the templates at the emulator");
        Assert.Equal([survey, thanks], sent.Select(m => m.Body ?? "").Order(StringComparer.Ordinal));
        Assert.All(sent, m => Assert.Null(m.PlannedErrorCode));
    }

    [Fact]
    public async Task A_new_message_restarts_the_count_and_the_workstream_sets_the_time()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        await App.SetWorkstreamAsync(channel.WorkstreamId, w => w.AutoCloseAfterMinutes = 90);
        var customer = TestData.UniqueNumber();
        var id = await channel.OpenConversationAsync(customer);

        host.Clock.Advance(TimeSpan.FromMinutes(80));
        Assert.Equal(id, await channel.OpenConversationAsync(customer, "still there?"));
        host.Clock.Advance(TimeSpan.FromMinutes(80));
        await Worker.AutoClose.RunOnceAsync();
        Assert.Equal(ConversationStatus.Waiting, (await App.ConversationAsync(id)).Status);

        host.Clock.Advance(TimeSpan.FromMinutes(10));
        await Eventually.GetAsync(() => App.ConversationAsync(id), c => c.Status == ConversationStatus.Closed, what: "auto-close");
        Assert.Contains("Closed after 1 h 30 min without activity", await App.SystemLinesAsync(id));
    }
}
