using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Scaling;

/// <summary>
/// A customer's first messages can land on two instances at the same moment (Twilio spreads its retries and a
/// customer's quick messages over the load balancer's instances): they must still open one conversation.
/// </summary>
[Trait("Instances", "Two")]
public sealed class TwoInstanceInboundTests
{
    [Fact]
    public async Task First_messages_of_a_customer_arriving_at_both_instances_at_once_open_one_conversation_and_keep_every_message()
    {
        await using var pair = await Instances.StartAsync();
        var channel = await WebhookChannel.CreateAsync(pair.A);
        var customers = Enumerable.Range(0, 30).Select(_ => TestData.UniqueNumber()).ToList();
        await AssertOneConversationEachAsync(pair, channel, customers);
    }

    [Fact]
    public async Task A_returning_customer_both_instances_already_know_writing_to_both_at_once_gets_one_new_conversation()
    {
        await using var pair = await Instances.StartAsync();
        var channel = await WebhookChannel.CreateAsync(pair.A);
        var customers = Enumerable.Range(0, 30).Select(_ => TestData.UniqueNumber()).ToList();
        var onB = CallbackUrls.For(pair.B.BaseUrl, channel.AccountId).Inbound;
        // Both instances meet each customer once (and remember them), then the conversations end.
        foreach (var customer in customers)
        {
            (await channel.PostInboundAsync(channel.Inbound(customer, "hello A"))).EnsureSuccessStatusCode();
            (await channel.PostAsync(onB, channel.Inbound(customer, "hello B"))).EnsureSuccessStatusCode();
        }
        await using (var db = await pair.A.CreateDbContextAsync())
        {
            await db.Conversations.Where(c => customers.Contains(c.Customer!.Phone))
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.Status, ConversationStatus.Closed));
        }

        await AssertOneConversationEachAsync(pair, channel, customers, before: 2);
    }

    private static async Task AssertOneConversationEachAsync(Instances pair, WebhookChannel channel, List<string> customers, int before = 0)
    {
        var onB = CallbackUrls.For(pair.B.BaseUrl, channel.AccountId).Inbound;
        var answers = await Task.WhenAll(customers.SelectMany(customer => new[]
        {
            channel.PostInboundAsync(channel.Inbound(customer, "now, through A")),
            channel.PostAsync(onB, channel.Inbound(customer, "now, through B")),
        }));

        // A message that met the other instance's conversation halfway is stored on the retry Twilio would make.
        var refused = answers.Count(a => !a.IsSuccessStatusCode);
        Assert.True(refused <= 2, $"{refused} of {answers.Length} webhooks were refused");
        await using var db = await pair.A.CreateDbContextAsync();
        var open = await db.Conversations.Where(c => customers.Contains(c.Customer!.Phone) && c.Status != ConversationStatus.Closed)
            .GroupBy(c => c.Customer!.Phone).Select(g => new { Phone = g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(customers.Count, open.Count);
        Assert.All(open, o => Assert.True(o.Count == 1, $"{o.Phone} has {o.Count} open conversations"));
        var stored = await db.Messages.CountAsync(m => m.Direction == MessageDirection.Inbound && customers.Contains(m.Conversation!.Customer!.Phone));
        Assert.Equal(before * customers.Count + answers.Count(a => a.IsSuccessStatusCode), stored);
    }
}
