using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Core.Outbound;

/// <summary>The outbox dispatcher against the emulator over HTTP: retries, refusals, 63016 both ways, status callbacks.</summary>
[Trait("Storage", "Both")]
[Collection(AppCollection.Name)]
public sealed class OutboxDispatchTests(AppHost app)
{
    private EmulatorFaults Faults => app.GetRequiredService<EmulatorFaults>();

    [Fact]
    public async Task Rate_limited_then_accepted_is_sent_once_and_reaches_delivered()
    {
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync());
        Faults.Add(EmulatorFault.TooManyRequests(to: conversation.Customer));

        var id = await SendTextAsync(conversation, "After a 429");

        var message = await app.WaitForMessageAsync(id, m => m.Status is MessageStatus.Delivered or MessageStatus.Read, "delivered");
        Assert.Equal(DispatchState.Accepted, message.Dispatch);
        Assert.Equal(2, message.Attempts);
        var sent = Assert.Single(app.SentTo(conversation));
        Assert.Equal(sent.Sid, message.TwilioSid);
        Assert.Equal("After a 429", sent.Body);
    }

    [Fact]
    public async Task Server_errors_then_success_send_it_exactly_once()
    {
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync());
        Faults.Add(EmulatorFault.ServerError(to: conversation.Customer), times: 2);

        var id = await SendTextAsync(conversation, "After two 500s");

        var message = await app.WaitForMessageAsync(id, m => m.Status is MessageStatus.Read, "read");
        Assert.Equal(3, message.Attempts);
        Assert.Equal(message.TwilioSid, Assert.Single(app.SentTo(conversation)).Sid);
    }

    [Fact]
    public async Task A_400_fails_at_once_with_Twilios_reason()
    {
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync());
        Faults.Add(EmulatorFault.Reject(21408, "Permission to send an SMS has not been enabled for the region indicated by the 'To' number", to: conversation.Customer));

        var id = await SendTextAsync(conversation, "Refused");

        var message = await app.WaitForMessageAsync(id, m => m.Dispatch == DispatchState.Failed, "failed");
        Assert.Equal(MessageStatus.Failed, message.Status);
        Assert.Equal(1, message.Attempts);
        Assert.Equal(21408, message.ErrorCode);
        Assert.Contains("Permission to send an SMS has not been enabled for the region indicated by the 'To' number", message.ErrorMessage);
        Assert.Null(message.TwilioSid);
        Assert.Empty(app.SentTo(conversation));
    }

    [Fact]
    public async Task Twilios_63016_at_send_time_closes_the_window()
    {
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync());
        var events = Record();
        Faults.Add(EmulatorFault.Reject(TwilioErrorCodes.OutsideWindow, "Failed to send freeform message because you are outside the allowed window.", to: conversation.Customer));

        var id = await SendTextAsync(conversation, "Refused by WhatsApp");

        var message = await app.WaitForMessageAsync(id, m => m.Dispatch == DispatchState.Failed, "failed");
        Assert.Equal(TwilioErrorCodes.OutsideWindow, message.ErrorCode);
        await AssertWindowClosedAsync(conversation, events);
    }

    [Fact]
    public async Task Twilios_63016_in_a_status_callback_closes_the_window()
    {
        // The app believes the window is open; WhatsApp (the emulator) never saw the customer write.
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync(), tellEmulator: false);
        var events = Record();

        var id = await SendTextAsync(conversation, "Accepted, then refused");

        var message = await app.WaitForMessageAsync(id, m => m.Status == MessageStatus.Failed, "failed by callback");
        Assert.Equal(DispatchState.Accepted, message.Dispatch);
        Assert.Equal(TwilioErrorCodes.OutsideWindow, message.ErrorCode);
        await AssertWindowClosedAsync(conversation, events);
    }

    [Fact]
    public async Task A_template_with_a_Content_SID_goes_as_ContentSid_and_ContentVariables()
    {
        const string reminder = "HX7a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d";
        var channel = await app.CreateChannelAsync(templates:
            [new("appointment_reminder", "Hello {{1}}, this is a reminder of your appointment on {{2}}. Reply YES to confirm or NO to choose another time.", reminder)]);
        var conversation = await app.OpenConversationAsync(channel, lastInboundAt: DateTimeOffset.UtcNow.AddDays(-2));

        var sent = await app.SendTemplateAsync(new TemplateMessageInput(conversation.Id, channel.Template("appointment_reminder").Id, ["Ada", "Monday"]));

        Assert.True(sent.Succeeded, sent.FirstMessage);
        var message = await app.WaitForMessageAsync(sent.Value, m => m.Status == MessageStatus.Read, "read");
        var twilio = Assert.Single(app.SentTo(conversation));
        Assert.Equal(reminder, twilio.ContentSid);
        Assert.Equal("Hello Ada, this is a reminder of your appointment on Monday. Reply YES to confirm or NO to choose another time.", twilio.Body);
        Assert.Equal(twilio.Body, message.Body);
    }

    [Fact]
    public async Task An_attachment_goes_out_as_a_media_url()
    {
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync());

        var sent = await app.SendTextAsync(new SessionMessageInput(conversation.Id, "Here it is")
        {
            Attachment = new OutgoingAttachment("https://files.example.com/leaflet.pdf", "application/pdf"),
        });

        var message = await app.WaitForMessageAsync(sent.Value, m => m.Dispatch == DispatchState.Accepted, "accepted");
        var twilio = Assert.Single(app.SentTo(conversation));
        Assert.Equal(["https://files.example.com/leaflet.pdf"], twilio.MediaUrls);
        Assert.StartsWith("MM", message.TwilioSid);
    }

    [Fact]
    public async Task A_customer_writes_through_the_emulator_and_the_agents_reply_is_read()
    {
        var channel = await app.CreateChannelAsync();
        var customer = TestData.UniqueNumber();

        var inbound = await app.GetRequiredService<EmulatorCustomerChannel>().SendFromCustomerAsync(channel.Number.Number, customer, "Grace", "Is my order on its way?");
        Assert.Equal(CustomerMessageOutcome.Delivered, inbound.Outcome);
        var conversationId = await Eventually.GetAsync(async () =>
        {
            await using var db = await app.CreateDbContextAsync();
            return await db.Conversations.Where(c => c.Customer!.Phone == customer).Select(c => (int?)c.Id).FirstOrDefaultAsync();
        }, id => id is not null, what: "the conversation the inbound webhook opens");

        var reply = await app.SendTextAsync(new SessionMessageInput(conversationId!.Value, "Yes, it arrives tomorrow."));

        Assert.True(reply.Succeeded, reply.FirstMessage);
        await app.WaitForMessageAsync(reply.Value, m => m.Status == MessageStatus.Read, "read");
    }

    private async Task<long> SendTextAsync(TestConversation conversation, string text)
    {
        var result = await app.SendTextAsync(new SessionMessageInput(conversation.Id, text));
        Assert.True(result.Succeeded, result.FirstMessage);
        return result.Value;
    }

    private ConcurrentQueue<LiveEvent> Record()
    {
        var events = new ConcurrentQueue<LiveEvent>();
        // Lives as long as the host: a few events of other tests are harmless here.
        app.GetRequiredService<IConversationEvents>().Subscribe(e => { events.Enqueue(e); return Task.CompletedTask; });
        return events;
    }

    private async Task AssertWindowClosedAsync(TestConversation conversation, ConcurrentQueue<LiveEvent> events)
    {
        var stored = await Eventually.GetAsync(() => app.ConversationAsync(conversation.Id), c => c.WindowEndsAt <= DateTimeOffset.UtcNow, what: "the window closing");
        Assert.False(stored.IsWindowOpen(DateTimeOffset.UtcNow));
        await Eventually.Get(() => events.OfType<WindowClosed>().Any(e => e.ConversationId == conversation.Id), seen => seen, what: "WindowClosed");
        var refused = await app.SendTextAsync(new SessionMessageInput(conversation.Id, "One more?"));
        Assert.False(refused.Succeeded);
    }
}
