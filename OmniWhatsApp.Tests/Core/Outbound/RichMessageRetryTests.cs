using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Core.Outbound;

/// <summary>A rich message whose send is retried keeps the content it created and is sent once.</summary>
[Trait("Storage", "Both")]
public sealed class RichMessageRetryTests(ImpatientAppHost host) : IClassFixture<ImpatientAppHost>
{
    private AppHost App => host.App;

    [Fact]
    public async Task Server_errors_after_the_content_was_created_retry_with_the_same_content_and_send_once()
    {
        var conversation = await App.OpenConversationAsync(await App.CreateChannelAsync());
        App.GetRequiredService<EmulatorFaults>().Add(EmulatorFault.ServerError(to: conversation.Customer), times: 2);
        var buttons = RichMessageSendTests.Buttons($"Retry me {Guid.NewGuid():N}", "Yes", "No");

        var sent = await App.SendRichAsync(new RichMessageInput(conversation.Id, buttons));

        Assert.True(sent.Succeeded, sent.FirstMessage);
        var message = await App.WaitForMessageAsync(sent.Value, m => m.Dispatch == DispatchState.Accepted, "accepted");
        Assert.Equal(3, message.Attempts);
        Assert.Single(App.GetRequiredService<EmulatorState>().Contents, c => c.Body == buttons.Body);
        var twilio = Assert.Single(App.SentTo(conversation));
        Assert.Equal(message.ContentSid, twilio.ContentSid);
        Assert.Equal(twilio.Sid, message.TwilioSid);
    }

    [Fact]
    public async Task A_timeout_after_Twilio_accepted_a_rich_message_adopts_it_without_a_second_content_or_send()
    {
        var conversation = await App.OpenConversationAsync(await App.CreateChannelAsync());
        App.GetRequiredService<EmulatorFaults>().Add(EmulatorFault.AcceptThenStall(TimeSpan.FromSeconds(5), to: conversation.Customer));
        var buttons = RichMessageSendTests.Buttons($"Did it arrive? {Guid.NewGuid():N}", "Yes", "No");

        var sent = await App.SendRichAsync(new RichMessageInput(conversation.Id, buttons));

        Assert.True(sent.Succeeded, sent.FirstMessage);
        var message = await App.WaitForMessageAsync(sent.Value, m => m.Dispatch == DispatchState.Accepted, "accepted");
        var twilio = Assert.Single(App.SentTo(conversation));
        Assert.Equal(twilio.Sid, message.TwilioSid);
        Assert.Equal(2, message.Attempts);
        Assert.Single(App.GetRequiredService<EmulatorState>().Contents, c => c.Body == buttons.Body);
        Assert.Contains(App.Logs, l => l.Message.Contains($"Message {message.Id} was already accepted by Twilio as {twilio.Sid}", StringComparison.Ordinal));
    }
}
