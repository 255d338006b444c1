using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Outbound;

/// <summary>
/// New messages and a conversation's next message are handed to the dispatcher directly, without a look at the
/// database: with the look pushed an hour away, everything still goes, in order.
/// </summary>
[Trait("Storage", "Both")]
public sealed class OutboxOfferTests
{
    [Fact]
    public async Task A_conversations_messages_go_one_after_another_in_order_without_waiting_for_a_look_at_the_database()
    {
        await using var app = await AppHost.StartAsync(o => o.With("Outbox:PollInterval", "01:00:00"));
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync());

        var ids = new List<long>();
        foreach (var text in new[] { "One", "Two", "Three", "Four" })
        {
            var sent = await app.SendTextAsync(new SessionMessageInput(conversation.Id, text));
            Assert.True(sent.Succeeded, sent.FirstMessage);
            ids.Add(sent.Value);
        }

        foreach (var id in ids) await app.WaitForMessageAsync(id, m => m.Dispatch == DispatchState.Accepted, "accepted", TimeSpan.FromSeconds(15));
        var received = app.SentTo(conversation).OrderBy(m => m.DateCreated).ToList();
        Assert.Equal(["One", "Two", "Three", "Four"], received.Select(m => m.Body));
        // One at a time: each went to Twilio only after the one before it had its SID.
        for (var i = 1; i < ids.Count; i++)
        {
            Assert.Equal(received[i].Sid, (await app.MessageAsync(ids[i])).TwilioSid);
        }
    }
}
