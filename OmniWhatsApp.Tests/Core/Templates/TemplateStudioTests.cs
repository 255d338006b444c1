using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Templates;

/// <summary>A host whose emulated WhatsApp reviews in a second and whose background refresh reads every second.</summary>
public sealed class QuickReviewHost : IAsyncLifetime
{
    public AppHost App { get; private set; } = null!;

    public async Task InitializeAsync() =>
        App = await AppHost.StartAsync(o => o
            .With("Emulator:TemplateReview:ApproveAfterSeconds", "1")
            .With("Templates:ApprovalRefreshSeconds", "1"));

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// The template studio against the emulator: a template built here is created at Twilio, submitted, reviewed and
/// tracked; the composer offers only approved ones outside the window and says why the others are missing.
/// </summary>
[Trait("Storage", "Both")]
public sealed class TemplateStudioTests(QuickReviewHost host) : IClassFixture<QuickReviewHost>
{
    private AppHost App => host.App;

    private static TemplateDraftInput QuickReply(int workstreamId, string name) => new()
    {
        WorkstreamId = workstreamId,
        Name = name,
        Category = TemplateCategory.Utility,
        Type = RichContentType.QuickReply,
        Body = "Hi {{1}}, is your order {{2}} all right?",
        Samples = ["Ayşe", "#1042"],
        Buttons = [new() { Kind = RichButtonKind.QuickReply, Title = "Yes", Id = "ok" }, new() { Kind = RichButtonKind.QuickReply, Title = "No", Id = "problem" }],
    };

    /// <summary>A template name WhatsApp accepts, unique in the emulated account.</summary>
    private static string Unique(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..8];

    private async Task<int> SaveAsync(TemplateDraftInput input)
    {
        var saved = await App.WithServiceAsync((TemplateStudioService s) => s.SaveAsync(input));
        Assert.True(saved.Succeeded, saved.FirstMessage);
        return saved.Value;
    }

    private async Task<MessageTemplate> ReadAsync(int id)
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.Templates.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    private async Task<TemplateApproval> RefreshUntilAsync(int id, Func<TemplateApproval, bool> done) =>
        await Eventually.GetAsync(async () => (await App.WithServiceAsync((TemplateStudioService s) => s.RefreshAsync(id))).Value, done, what: "the approval");

    [Fact]
    public async Task A_template_built_here_is_created_submitted_received_pending_then_approved_with_an_event_per_change()
    {
        var channel = await App.CreateChannelAsync(templates: []);
        var events = new List<TemplateApprovalChanged>();
        using var _ = App.GetRequiredService<IConversationEvents>().Subscribe(e => { if (e is TemplateApprovalChanged c) lock (events) events.Add(c); return Task.CompletedTask; });
        var id = await SaveAsync(QuickReply(channel.WorkstreamId, Unique("delivery_check")));
        Assert.Equal(TemplateApproval.Draft, (await ReadAsync(id)).Approval);

        var submitted = await App.WithServiceAsync((TemplateStudioService s) => s.SubmitAsync(id));

        Assert.True(submitted.Succeeded, submitted.FirstMessage);
        var received = await ReadAsync(id);
        Assert.Equal(TemplateApproval.Received, received.Approval);
        Assert.Matches("^HX[0-9a-f]{32}$", received.ContentSid);
        Assert.Equal(TemplateApproval.Approved, await RefreshUntilAsync(id, a => a == TemplateApproval.Approved));
        var approved = await ReadAsync(id);
        Assert.NotNull(approved.ApprovalChangedAt);
        Assert.Equal(TemplateCategory.Utility, approved.Category);
        await Eventually.Get(() => { lock (events) return events.Where(e => e.TemplateId == id).Select(e => e.Approval).ToList(); },
            seen => seen.Contains(TemplateApproval.Approved), what: "the approved event");
        lock (events) Assert.Equal(TemplateApproval.Received, events.First(e => e.TemplateId == id).Approval);

        // The Content at Twilio is the studio's quick reply with its samples.
        var credentials = App.EmulatorCredentials().ToCredentials();
        var listed = await App.WithServiceAsync((TwilioGateway g) => g.ListContentAndApprovalsAsync(credentials));
        var content = Assert.Single(listed.Value!, c => c.Sid == approved.ContentSid);
        Assert.Equal((RichContentType.QuickReply, "Ayşe"), (content.Content!.Type, content.Variables!["1"]));
    }

    [Fact]
    public async Task A_template_matching_the_review_pattern_is_rejected_and_keeps_the_reason()
    {
        var channel = await App.CreateChannelAsync(templates: []);
        var id = await SaveAsync(QuickReply(channel.WorkstreamId, "please_reject_" + Unique("x")));

        Assert.True((await App.WithServiceAsync((TemplateStudioService s) => s.SubmitAsync(id))).Succeeded);

        Assert.Equal(TemplateApproval.Rejected, await RefreshUntilAsync(id, a => a is TemplateApproval.Rejected or TemplateApproval.Approved));
        Assert.Equal("The template does not follow WhatsApp's Business Messaging Policy.", (await ReadAsync(id)).RejectionReason);
        var summary = Assert.Single(await App.WithServiceAsync((TemplateStudioService s) => s.ListAsync(channel.WorkstreamId)));
        Assert.Equal((TemplateApproval.Rejected, "The template does not follow WhatsApp's Business Messaging Policy."), (summary.Approval, summary.RejectionReason));
    }

    [Fact]
    public async Task The_background_refresh_flips_a_pending_template_to_approved_and_publishes_it()
    {
        var channel = await App.CreateChannelAsync(templates: []);
        var events = new List<TemplateApprovalChanged>();
        using var _ = App.GetRequiredService<IConversationEvents>().Subscribe(e => { if (e is TemplateApprovalChanged c) lock (events) events.Add(c); return Task.CompletedTask; });
        var id = await SaveAsync(QuickReply(channel.WorkstreamId, Unique("background")));

        Assert.True((await App.WithServiceAsync((TemplateStudioService s) => s.SubmitAsync(id))).Succeeded);

        // Nobody asks: Templates:ApprovalRefreshSeconds reads it.
        var approved = await Eventually.GetAsync(() => ReadAsync(id), t => t.Approval == TemplateApproval.Approved, what: "the background refresh");
        Assert.NotNull(approved.ApprovalCheckedAt);
        await Eventually.Get(() => { lock (events) return events.Any(e => e.TemplateId == id && e.Approval == TemplateApproval.Approved); }, seen => seen, what: "the event");
    }

    [Fact]
    public async Task Editing_a_submitted_template_makes_it_a_draft_and_the_next_submit_creates_a_new_Content()
    {
        var channel = await App.CreateChannelAsync(templates: []);
        var input = QuickReply(channel.WorkstreamId, Unique("edited"));
        var id = await SaveAsync(input);
        Assert.True((await App.WithServiceAsync((TemplateStudioService s) => s.SubmitAsync(id))).Succeeded);
        var first = (await ReadAsync(id)).ContentSid;

        var form = (await App.WithServiceAsync((TemplateStudioService s) => s.GetAsync(id)))!;
        Assert.NotNull(await App.WithServiceAsync((TemplateStudioService s) => Task.FromResult(s.EditNotice(form))));
        form.Body = "Hi {{1}}, did order {{2}} arrive safely?";
        await SaveAsync(form);
        var draft = await ReadAsync(id);
        Assert.Equal((TemplateApproval.Draft, (string?)null), (draft.Approval, draft.ContentSid));

        Assert.True((await App.WithServiceAsync((TemplateStudioService s) => s.SubmitAsync(id))).Succeeded);
        var second = await ReadAsync(id);
        Assert.Equal(TemplateApproval.Received, second.Approval);
        Assert.NotEqual(first, second.ContentSid);
    }

    [Fact]
    public async Task A_location_is_refused_and_bad_input_saves_nothing()
    {
        var channel = await App.CreateChannelAsync(templates: []);
        var input = QuickReply(channel.WorkstreamId, "map_pin");
        input.Type = RichContentType.Location;

        var saved = await App.WithServiceAsync((TemplateStudioService s) => s.SaveAsync(input));

        Assert.False(saved.Succeeded);
        Assert.Contains(saved.Problems, p => p.Field == nameof(TemplateDraftInput.Type));
        Assert.Empty(await App.WithServiceAsync((TemplateStudioService s) => s.ListAsync(channel.WorkstreamId)));
    }

    [Fact]
    public async Task A_workstream_without_WhatsApp_cannot_submit()
    {
        var channel = await App.CreateChannelAsync(withWhatsApp: false);
        var id = await SaveAsync(QuickReply(channel.WorkstreamId, "nowhere_to_go"));

        var submitted = await App.WithServiceAsync((TemplateStudioService s) => s.SubmitAsync(id));

        Assert.Equal("Set up WhatsApp on this workstream first: its templates go to its number's Twilio account.", submitted.FirstMessage);
    }

    [Fact]
    public async Task A_sync_imports_status_and_category_and_marks_a_template_gone_from_Twilio_as_removed()
    {
        var channel = await App.CreateChannelAsync(templates: []);
        var id = await SaveAsync(QuickReply(channel.WorkstreamId, Unique("short_lived")));
        Assert.True((await App.WithServiceAsync((TemplateStudioService s) => s.SubmitAsync(id))).Succeeded);
        var sid = (await ReadAsync(id)).ContentSid!;

        var first = await App.WithServiceAsync((TemplateSyncService s) => s.SyncAsync(channel.WorkstreamId));
        Assert.True(first.Succeeded, first.FirstMessage);
        await using (var db = await App.CreateDbContextAsync())
        {
            var sale = await db.Templates.AsNoTracking().SingleAsync(t => t.WorkstreamId == channel.WorkstreamId && t.Name == "spring_sale");
            Assert.Equal((TemplateApproval.Pending, TemplateCategory.Marketing), (sale.Approval, sale.Category));
        }

        var credentials = App.EmulatorCredentials().ToCredentials();
        Assert.True((await App.WithServiceAsync((TwilioGateway g) => g.DeleteContentAsync(credentials, sid))).Succeeded);
        var second = await App.WithServiceAsync((TemplateSyncService s) => s.SyncAsync(channel.WorkstreamId));

        Assert.True(second.Succeeded, second.FirstMessage);
        Assert.Equal(1, second.Value!.Removed);
        Assert.Contains(second.Value.Skipped, s => s.Contains(sid));
        var removed = await ReadAsync(id);
        Assert.NotNull(removed.RemovedAtTwilioAt);
        Assert.True(Assert.Single(await App.WithServiceAsync((TemplateStudioService s) => s.ListAsync(channel.WorkstreamId)), t => t.Id == id).RemovedAtTwilio);
    }

    [Fact]
    public async Task Outside_the_window_the_picker_offers_only_approved_templates_says_why_for_the_others_and_the_server_refuses_them()
    {
        var channel = await App.CreateChannelAsync(templates: []);
        var approvedId = await SaveAsync(QuickReply(channel.WorkstreamId, "ready_to_go"));
        Assert.True((await App.WithServiceAsync((TemplateStudioService s) => s.SubmitAsync(approvedId))).Succeeded);
        await RefreshUntilAsync(approvedId, a => a == TemplateApproval.Approved);
        var rejectedId = await SaveAsync(QuickReply(channel.WorkstreamId, "reject_this_one"));
        Assert.True((await App.WithServiceAsync((TemplateStudioService s) => s.SubmitAsync(rejectedId))).Succeeded);
        await RefreshUntilAsync(rejectedId, a => a == TemplateApproval.Rejected);
        var marketing = QuickReply(channel.WorkstreamId, "waiting_for_review");
        marketing.Category = TemplateCategory.Marketing;
        var pendingId = await SaveAsync(marketing);
        Assert.True((await App.WithServiceAsync((TemplateStudioService s) => s.SubmitAsync(pendingId))).Succeeded);
        var draftId = await SaveAsync(QuickReply(channel.WorkstreamId, "not_sent_yet"));
        var outside = await App.OpenConversationAsync(channel, lastInboundAt: DateTimeOffset.UtcNow.AddDays(-2));
        var inside = await App.OpenConversationAsync(channel);

        var options = (await App.WithServiceAsync((OutboundService s) => s.ComposerOptionsAsync(outside.Id)))!;
        var byName = options.Templates.ToDictionary(t => t.Name);

        Assert.Equal(["ready_to_go"], options.Templates.Where(t => t.IsAvailable(windowOpen: false)).Select(t => t.Name));
        Assert.Equal("pending approval", byName["waiting_for_review"].UnavailableOutsideWindow);
        Assert.Equal(TemplateCategory.Marketing, byName["waiting_for_review"].Category);
        Assert.Equal("rejected: The template does not follow WhatsApp's Business Messaging Policy.", byName["reject_this_one"].UnavailableOutsideWindow);
        Assert.Equal("not submitted for approval yet", byName["not_sent_yet"].Unavailable);
        // Inside the window Twilio sends unsubmitted and unapproved content too; only drafts stay out.
        Assert.Equal(["ready_to_go", "reject_this_one", "waiting_for_review"], options.Templates.Where(t => t.IsAvailable(windowOpen: true)).Select(t => t.Name).Order(StringComparer.Ordinal));

        var refused = await App.SendTemplateAsync(new TemplateMessageInput(outside.Id, pendingId, ["Ayşe", "#1042"]));
        var sent = await App.SendTemplateAsync(new TemplateMessageInput(outside.Id, approvedId, ["Ayşe", "#1042"]));
        var inSession = await App.SendTemplateAsync(new TemplateMessageInput(inside.Id, pendingId, ["Ayşe", "#1042"]));

        Assert.Equal("Outside the 24-hour window only approved templates can be sent; template waiting_for_review is pending approval.", refused.FirstMessage);
        Assert.True(sent.Succeeded, sent.FirstMessage);
        Assert.True(inSession.Succeeded, inSession.FirstMessage);
        _ = draftId;
    }
}
