using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Web.Emulator;

/// <summary>The emulator's Content API: templates created and approved through it are the emulator's own approved templates.</summary>
[Collection(AppCollection.Name)]
public sealed class EmulatorContentApiTests(AppHost app)
{
    [Fact]
    public async Task A_template_created_and_approved_through_the_Content_API_is_listed_and_passes_outside_the_window()
    {
        var body = $"Your ticket {{{{1}}}} is resolved ({TestData.UniqueName("ref")}).";
        using var http = app.CreateHttpClient();

        using var created = await SendAsync(http, "v1/Content", new
        {
            friendly_name = "ticket_resolved",
            language = "en",
            variables = new Dictionary<string, string> { ["1"] = "T-17" },
            types = new Dictionary<string, object> { ["twilio/text"] = new { body } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var createdJson = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var sid = createdJson.RootElement.GetProperty("sid").GetString()!;
        Assert.Matches("^HX[0-9a-f]{32}$", sid);

        var credentials = app.EmulatorCredentials().ToCredentials();
        var before = await app.WithServiceAsync((TwilioGateway c) => c.ListContentAndApprovalsAsync(credentials));
        var unapproved = Assert.Single(before.Value!, c => c.Sid == sid);
        Assert.Equal((body, (string?)null), (unapproved.BodyText, unapproved.ApprovalStatus));

        using var approval = await SendAsync(http, $"v1/Content/{sid}/ApprovalRequests/whatsapp", new { name = "ticket_resolved", category = "UTILITY" });
        Assert.Equal(HttpStatusCode.Created, approval.StatusCode);
        using var badCategory = await SendAsync(http, $"v1/Content/{sid}/ApprovalRequests/whatsapp", new { name = "ticket_resolved", category = "PROMO" });
        Assert.Equal(HttpStatusCode.BadRequest, badCategory.StatusCode);

        // WhatsApp's review: received at once, approved a few seconds later (Emulator:TemplateReview).
        var received = await app.WithServiceAsync((TwilioGateway c) => c.FetchApprovalAsync(credentials, sid));
        Assert.Equal("received", received.Value!.Status);
        var approved = await Eventually.GetAsync(
            async () => Assert.Single((await app.WithServiceAsync((TwilioGateway c) => c.ListContentAndApprovalsAsync(credentials))).Value!, c => c.Sid == sid),
            c => c.ApprovalStatus == "approved", what: "the approval");
        Assert.Equal(("approved", "ticket_resolved", "UTILITY"), (approved.ApprovalStatus, approved.ApprovalName, approved.ApprovalCategory));
        Assert.Equal("T-17", approved.Variables!["1"]);

        // Outside the window: its text passes, and so does its Content SID with the variable filled in.
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync(), lastInboundAt: DateTimeOffset.UtcNow.AddDays(-2));
        var asText = await SendAndWaitAsync(conversation, new OutgoingMessage { From = "", To = "", Body = body.Replace("{{1}}", "T-99") });
        var asContent = await SendAndWaitAsync(conversation, new OutgoingMessage { From = "", To = "", ContentSid = sid, ContentVariables = """{"1":"T-42"}""" });
        var freeText = await SendAndWaitAsync(conversation, new OutgoingMessage { From = "", To = "", Body = "Just checking in" });
        Assert.Equal(("read", "read", "failed"), (asText.Status, asContent.Status, freeText.Status));
        Assert.Equal(body.Replace("{{1}}", "T-42"), asContent.Body);
        Assert.Equal(EmulatorWire.OutsideWindow, freeText.ErrorCode);
    }

    [Fact]
    public async Task A_template_whose_name_matches_the_reject_pattern_is_received_then_pending_then_rejected_with_the_reason()
    {
        var credentials = app.EmulatorCredentials().ToCredentials();
        var created = await app.WithServiceAsync((TwilioGateway c) => c.CreateContentAsync(credentials, "promo_reject_me", "en",
            new RichContent { Type = RichContentType.QuickReply, Body = "Hi {{1}}, want the deal?", Buttons = [new(RichButtonKind.QuickReply, "Yes", "yes")] },
            new Dictionary<string, string> { ["1"] = "Sarah" }));
        var sid = created.Value!.Sid;

        var requested = await app.WithServiceAsync((TwilioGateway c) => c.RequestApprovalAsync(credentials, sid, "promo_reject_me", TemplateCategory.Marketing));

        Assert.True(requested.Succeeded, requested.Error?.Message);
        Assert.Equal(("received", "MARKETING", "twilio/quick-reply"), (requested.Value!.Status, requested.Value.Category, requested.Value.ContentType));
        var pending = await Eventually.GetAsync(() => app.WithServiceAsync((TwilioGateway c) => c.FetchApprovalAsync(credentials, sid)),
            r => r.Value?.Status != "received", what: "the review to move on");
        Assert.Equal("pending", pending.Value!.Status);
        var rejected = await Eventually.GetAsync(() => app.WithServiceAsync((TwilioGateway c) => c.FetchApprovalAsync(credentials, sid)),
            r => r.Value?.Status != "pending", what: "the review's outcome");
        Assert.Equal(("rejected", "The template does not follow WhatsApp's Business Messaging Policy."), (rejected.Value!.Status, rejected.Value.RejectionReason));
        var listed = Assert.Single((await app.WithServiceAsync((TwilioGateway c) => c.ListContentAndApprovalsAsync(credentials))).Value!, c => c.Sid == sid);
        Assert.Equal(("rejected", "MARKETING"), (listed.ApprovalStatus, listed.ApprovalCategory));
        Assert.Equal(RichContentType.QuickReply, listed.Content?.Type);
    }

    [Fact]
    public async Task Unapproved_content_fails_63016_outside_the_window_and_is_delivered_inside_it()
    {
        var credentials = app.EmulatorCredentials().ToCredentials();
        var created = await app.WithServiceAsync((TwilioGateway c) => c.CreateContentAsync(credentials, "not_yet_approved", "en",
            new RichContent { Type = RichContentType.Text, Body = $"Your parcel is ready ({TestData.UniqueName("p")})." }));
        var sid = created.Value!.Sid;
        var channel = await app.CreateChannelAsync();
        var outside = await app.OpenConversationAsync(channel, lastInboundAt: DateTimeOffset.UtcNow.AddDays(-2));
        var inside = await app.OpenConversationAsync(channel);

        var refused = await SendAndWaitAsync(outside, new OutgoingMessage { From = "", To = "", ContentSid = sid });
        var delivered = await SendAndWaitAsync(inside, new OutgoingMessage { From = "", To = "", ContentSid = sid });

        Assert.Equal(("failed", EmulatorWire.OutsideWindow), (refused.Status, refused.ErrorCode));
        Assert.Equal("read", delivered.Status);
    }

    [Fact]
    public async Task A_deleted_template_is_gone_from_the_list_and_its_approval()
    {
        var credentials = app.EmulatorCredentials().ToCredentials();
        var created = await app.WithServiceAsync((TwilioGateway c) => c.CreateContentAsync(credentials, "short_lived", "en", new RichContent { Type = RichContentType.Text, Body = "Bye for now." }));
        var sid = created.Value!.Sid;

        var deleted = await app.WithServiceAsync((TwilioGateway c) => c.DeleteContentAsync(credentials, sid));
        var again = await app.WithServiceAsync((TwilioGateway c) => c.DeleteContentAsync(credentials, sid));
        var approval = await app.WithServiceAsync((TwilioGateway c) => c.FetchApprovalAsync(credentials, sid));

        Assert.True(deleted.Succeeded, deleted.Error?.Message);
        Assert.Equal(TwilioErrorKind.NotFound, again.Error?.Kind);
        Assert.Equal(TwilioErrorKind.NotFound, approval.Error?.Kind);
        Assert.DoesNotContain((await app.WithServiceAsync((TwilioGateway c) => c.ListContentAndApprovalsAsync(credentials))).Value!, c => c.Sid == sid);
    }

    private async Task<TwilioMessage> SendAndWaitAsync(TestConversation conversation, OutgoingMessage message)
    {
        var credentials = app.EmulatorCredentials().ToCredentials();
        var sent = await app.WithServiceAsync((TwilioGateway c) => c.CreateMessageAsync(credentials,
            message with { From = "whatsapp:" + conversation.BusinessNumber, To = "whatsapp:" + conversation.Customer }));
        Assert.True(sent.Succeeded, sent.Error?.Message);
        var done = await Eventually.GetAsync(() => app.WithServiceAsync((TwilioGateway c) => c.FetchMessageAsync(credentials, sent.Value!.Sid)),
            r => r.Value?.Status is "read" or "failed", what: "the final status");
        return done.Value!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, object body)
    {
        var credentials = app.EmulatorCredentials();
        using var request = new HttpRequestMessage(HttpMethod.Post, TwilioEmulator.ContentApiPath + path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.AccountSid}:{credentials.AuthToken}")));
        return await http.SendAsync(request);
    }
}
