using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
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

        var after = await app.WithServiceAsync((TwilioGateway c) => c.ListContentAndApprovalsAsync(credentials));
        var approved = Assert.Single(after.Value!, c => c.Sid == sid);
        Assert.Equal(("approved", "ticket_resolved"), (approved.ApprovalStatus, approved.ApprovalName));
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
