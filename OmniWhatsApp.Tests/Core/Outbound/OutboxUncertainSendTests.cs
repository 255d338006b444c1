using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Core.Outbound;

/// <summary>An app that gives Twilio one second to answer and tries a send three times.</summary>
public sealed class ImpatientAppHost : IAsyncLifetime
{
    public AppHost App { get; private set; } = null!;

    public async Task InitializeAsync() =>
        App = await AppHost.StartAsync(o => o
            .With("Twilio:Timeout", "00:00:01")
            .With("Outbox:InFlightLease", "00:00:03")
            .With("Outbox:MaxAttempts", "3"));

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Sends whose outcome is unknown (timeouts, 5xx) are looked up at Twilio before they are sent again.</summary>
[Trait("Storage", "Both")]
public sealed class OutboxUncertainSendTests(ImpatientAppHost host) : IClassFixture<ImpatientAppHost>
{
    private AppHost App => host.App;

    [Fact]
    public async Task A_timeout_after_Twilio_accepted_the_message_adopts_it_instead_of_sending_it_twice()
    {
        var conversation = await App.OpenConversationAsync(await App.CreateChannelAsync());
        App.GetRequiredService<EmulatorFaults>().Add(EmulatorFault.AcceptThenStall(TimeSpan.FromSeconds(5), to: conversation.Customer));

        var id = await SendTextAsync(conversation, "Did you get this?");

        var message = await App.WaitForMessageAsync(id, m => m.Dispatch == DispatchState.Accepted, "accepted");
        var sent = Assert.Single(App.SentTo(conversation));
        Assert.Equal(sent.Sid, message.TwilioSid);
        Assert.Equal(2, message.Attempts);
        Assert.Contains(App.Logs, l => l.Message.Contains($"Message {id} was already accepted by Twilio as {sent.Sid}", StringComparison.Ordinal));
        await App.WaitForMessageAsync(id, m => m.Status == MessageStatus.Read, "read");
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_message_fails_with_a_clear_reason()
    {
        var conversation = await App.OpenConversationAsync(await App.CreateChannelAsync());
        App.GetRequiredService<EmulatorFaults>().Add(EmulatorFault.ServerError(to: conversation.Customer), times: 3);

        var id = await SendTextAsync(conversation, "Never arrives");

        var message = await App.WaitForMessageAsync(id, m => m.Dispatch == DispatchState.Failed, "failed");
        Assert.Equal(3, message.Attempts);
        Assert.Equal(MessageStatus.Failed, message.Status);
        Assert.Equal("Twilio did not take the message after 3 attempts. Last answer: Twilio is not available right now (HTTP 500); try again later.", message.ErrorMessage);
        Assert.Empty(App.SentTo(conversation));
    }

    private async Task<long> SendTextAsync(TestConversation conversation, string text)
    {
        var result = await App.SendTextAsync(new SessionMessageInput(conversation.Id, text));
        Assert.True(result.Succeeded, result.FirstMessage);
        return result.Value;
    }
}
