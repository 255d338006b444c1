using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Web.Emulator;

/// <summary>
/// Status callbacks: signed with the account's token over the exact StatusCallback URL, queued → sent → delivered
/// → read, retried when the receiver fails; and WhatsApp's 24-hour rule (63016), template texts and Content SIDs.
/// The receiver is a real HTTP server on loopback.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EmulatorCallbackTests(AppHost app) : IAsyncLifetime
{
    private RecordingServer receiver = null!;

    public async Task InitializeAsync() => receiver = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task Callbacks_go_queued_sent_delivered_read_and_each_signature_verifies()
    {
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync());
        var callbackUrl = receiver.Url("twilio/status?account=1");

        var sid = await SendAsync(conversation, callbackUrl, body: "Tracked");

        var calls = await CallbacksAsync(sid, until: "read");
        Assert.Equal(["queued", "sent", "delivered", "read"], calls.Select(c => c["MessageStatus"]));
        foreach (var call in calls)
        {
            Assert.True(TwilioSignatures.IsValid(callbackUrl, call.Form, Credentials.AuthToken, call.Signature), $"bad signature on {call["MessageStatus"]}");
            Assert.False(TwilioSignatures.IsValid(callbackUrl, call.Form, new string('0', 32), call.Signature));
            Assert.Equal("/twilio/status?account=1", call.Path);
            Assert.Equal(Credentials.AccountSid, call["AccountSid"]);
            Assert.Equal("whatsapp:" + conversation.BusinessNumber, call["From"]);
            Assert.Equal("whatsapp:" + conversation.Customer, call["To"]);
            Assert.Equal("whatsapp", call["ChannelPrefix"]);
            Assert.Null(call["ErrorCode"]);
        }
        Assert.Equal("READ", calls[^1]["EventType"]);
    }

    [Fact]
    public async Task A_callback_the_receiver_refuses_is_tried_again()
    {
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync());
        receiver.AnswerNext(500, 503);

        var sid = await SendAsync(conversation, receiver.Url("status"), body: "Try again");

        await CallbacksAsync(sid, until: "read");
        var queued = receiver.Requests.Where(r => r["MessageSid"] == sid && r["MessageStatus"] == "queued").ToList();
        Assert.Equal([500, 503, 200], queued.Select(r => r.Answer));
    }

    [Fact]
    public async Task Free_text_outside_the_window_is_accepted_then_fails_with_63016()
    {
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync(), lastInboundAt: DateTimeOffset.UtcNow.AddHours(-25));

        var sid = await SendAsync(conversation, receiver.Url("status"), body: "Are you still there?");

        var calls = await CallbacksAsync(sid, until: "failed");
        Assert.Equal(["queued", "failed"], calls.Select(c => c["MessageStatus"]));
        Assert.Equal("63016", calls[^1]["ErrorCode"]);
        var stored = app.GetRequiredService<EmulatorState>().Find(sid)!;
        Assert.Equal(63016, stored.ErrorCode);
    }

    [Fact]
    public async Task An_approved_template_text_passes_outside_the_window()
    {
        var channel = await app.CreateChannelAsync();
        app.ApproveOnEmulator("follow_up", TestChannels.FollowUp.Body);
        var conversation = await app.OpenConversationAsync(channel, lastInboundAt: DateTimeOffset.UtcNow.AddDays(-3));
        var text = "Hello Sarah, we are following up on your request 4711.";   // TestChannels.FollowUp, filled in

        var sid = await SendAsync(conversation, receiver.Url("status"), body: text);

        var calls = await CallbacksAsync(sid, until: "read");
        Assert.DoesNotContain(calls, c => c["MessageStatus"] == "failed");
    }

    [Fact]
    public async Task A_Content_SID_passes_outside_the_window_and_its_text_is_filled_in()
    {
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync(), lastInboundAt: DateTimeOffset.UtcNow.AddDays(-3));

        var sid = await SendAsync(conversation, receiver.Url("status"),
            contentSid: "HX7a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d", variables: """{"1":"Ada","2":"3 June at 9:00"}""");

        await CallbacksAsync(sid, until: "read");
        var fetched = await app.WithServiceAsync((TwilioGateway c) => c.FetchMessageAsync(Credentials, sid));
        Assert.Equal("Hello Ada, this is a reminder of your appointment on 3 June at 9:00. Reply YES to confirm or NO to choose another time.", fetched.Value!.Body);
    }

    private TwilioCredentials Credentials => app.EmulatorCredentials().ToCredentials();

    private async Task<string> SendAsync(TestConversation conversation, string statusCallback, string? body = null, string? contentSid = null, string? variables = null)
    {
        var message = new OutgoingMessage
        {
            From = "whatsapp:" + conversation.BusinessNumber,
            To = "whatsapp:" + conversation.Customer,
            Body = body,
            ContentSid = contentSid,
            ContentVariables = variables,
            StatusCallback = statusCallback,
        };
        var result = await app.WithServiceAsync((TwilioGateway c) => c.CreateMessageAsync(Credentials, message));
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal("queued", result.Value!.Status);
        return result.Value.Sid;
    }

    private Task<List<RecordingServer.Request>> CallbacksAsync(string sid, string until) =>
        Eventually.Get(
            () => receiver.Requests.Where(r => r["MessageSid"] == sid && r.Answer == 200).ToList(),
            calls => calls.Any(c => c["MessageStatus"] == until),
            what: $"the {until} callback of {sid}");
}
