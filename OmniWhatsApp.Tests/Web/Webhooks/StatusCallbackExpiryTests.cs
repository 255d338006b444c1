using System.Net;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Webhooks;

/// <summary>A status callback for a SID the app does not know is kept for 24 hours of the app's clock, then removed.</summary>
[Trait("Storage", "Both")]
public sealed class StatusCallbackExpiryTests(ClockHost host) : IClassFixture<ClockHost>
{
    private AppHost App => host.App;

    [Fact]
    public async Task A_callback_whose_message_stays_unknown_is_removed_24_hours_after_it_arrived_and_never_applied()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var (forgotten, young) = (TwilioSids.New("SM"), TwilioSids.New("SM"));
        await PostAsync(channel, forgotten, "delivered");

        host.Clock.Advance(TimeSpan.FromHours(23));
        await PostAsync(channel, young, "delivered");
        Assert.True(await KeptAsync(forgotten), "removed before its 24 hours were up");

        host.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(11));
        // Any write of the outbox looks for expired callbacks, at most every ten minutes.
        await PostAsync(channel, TwilioSids.New("SM"), "sent");

        Assert.False(await KeptAsync(forgotten));
        Assert.True(await KeptAsync(young));
        Assert.Contains(App.Logs, e => e.Message.StartsWith("Removed ", StringComparison.Ordinal)
            && e.Message.EndsWith(" status callbacks whose message was still unknown after 1.00:00:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_callback_older_than_24_hours_is_not_applied_to_a_message_that_turns_up_later()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var sid = TwilioSids.New("SM");
        await PostAsync(channel, sid, "read");
        host.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        var messageId = await StoreOutboundAsync(channel, sid);
        await App.GetRequiredService<StatusCallbackStore>().ApplyPendingAsync(sid);

        Assert.Equal(MessageStatus.Sent, (await App.MessageAsync(messageId)).Status);
    }

    private async Task<bool> KeptAsync(string sid)
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.StatusCallbacks.AnyAsync(s => s.MessageSid == sid);
    }

    private static async Task PostAsync(WebhookChannel channel, string sid, string status)
    {
        using var response = await channel.PostStatusAsync(new Dictionary<string, string>
        {
            ["MessageSid"] = sid, ["MessageStatus"] = status, ["AccountSid"] = channel.AccountSid,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<long> StoreOutboundAsync(WebhookChannel channel, string sid)
    {
        var conversationId = await channel.OpenConversationAsync();
        await using var db = await App.CreateDbContextAsync();
        var message = new Message
        {
            ConversationId = conversationId,
            Direction = MessageDirection.Outbound,
            Kind = MessageKind.Text,
            Body = "On it!",
            TwilioSid = sid,
            Status = MessageStatus.Sent,
            Dispatch = DispatchState.Accepted,
            CreatedAt = host.Clock.GetUtcNow(),
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }
}
