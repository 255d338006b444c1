using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Bots;

/// <summary>How a bot turn is committed: once when two take it at once, within the 24-hour window, and never after a customer's choice took the conversation away.</summary>
[Trait("Storage", "Both")]
public sealed class BotTurnTests(ClockHost host) : IClassFixture<ClockHost>
{
    private AppHost App => host.App;

    private async Task<(WebhookChannel Channel, int Id)> FaqConversationAsync()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        await channel.SetBotAsync(b => (b.Mode, b.Greeting) = (BotMode.Faq, null), ("en", "opening hours", "We are open 9 to 5."));
        var id = await channel.OpenConversationAsync(body: "opening hours?");
        await Eventually.GetAsync(() => App.BotMessagesAsync(id), m => m.Count == 1, what: "the bot's first answer");
        return (channel, id);
    }

    /// <summary>A customer message stored without waking the bot, as one that came while the app was down.</summary>
    private async Task<long> AddInboundAsync(int conversationId, string body)
    {
        await using var db = await App.CreateDbContextAsync();
        var message = new Message
        {
            ConversationId = conversationId, Direction = MessageDirection.Inbound, Kind = MessageKind.Text, Body = body,
            Status = MessageStatus.Received, CreatedAt = host.Clock.Now, Dispatch = DispatchState.None,
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    [Fact]
    public async Task Two_takers_of_one_turn_apply_it_once()
    {
        var (_, id) = await FaqConversationAsync();
        var newest = await AddInboundAsync(id, "What are your opening hours on Saturday?");
        var turns = App.GetRequiredService<BotTurns>();

        var taken = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => turns.TakeTurnAsync(id))));

        Assert.True(taken.Count(t => t) <= 1);
        Assert.Equal(["We are open 9 to 5.", "We are open 9 to 5."], await App.BotMessagesAsync(id));
        Assert.Equal(newest, (await App.ConversationAsync(id)).BotSeenMessageId);
    }

    [Fact]
    public async Task A_reply_outside_the_24_hour_window_is_not_sent_and_the_timeline_says_so()
    {
        var (_, id) = await FaqConversationAsync();
        await AddInboundAsync(id, "opening hours again?");
        await using (var db = await App.CreateDbContextAsync())
        {
            await db.Conversations.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.WindowEndsAt, host.Clock.Now.AddMinutes(-1)));
        }

        await App.GetRequiredService<BotWorker>().RunOnceAsync();

        Assert.Single(await App.BotMessagesAsync(id));
        Assert.Equal(["Bot reply not sent: the 24-hour window is closed"], await App.SystemLinesAsync(id));
        Assert.Equal(ConversationStatus.WithBot, (await App.ConversationAsync(id)).Status);
    }

    [Fact]
    public async Task A_choice_that_routes_to_a_queue_hands_the_conversation_to_the_agents_there()
    {
        var (channel, id) = await FaqConversationAsync();
        var billingName = TestData.UniqueName("Billing");
        var billing = await App.WithServiceAsync((RoutingService s) => s.CreateQueueAsync(new QueueInput { Name = billingName }));
        var routed = await App.WithServiceAsync((RoutingService s) => s.SaveRoutingAsync(channel.WorkstreamId, new RoutingInput
        {
            FallbackQueueId = channel.QueueId,
            Rules = [new RoutingRuleInput { Name = "Billing choice", Payloads = "billing", QueueId = billing.Value }],
        }));
        Assert.True(routed.Succeeded, routed.FirstMessage);
        var customer = await CustomerOfAsync(id);
        var form = channel.Inbound(customer, "Billing");
        (form["MessageType"], form["ButtonPayload"], form["ButtonText"]) = ("button", "billing", "Billing");

        (await channel.PostInboundAsync(form)).EnsureSuccessStatusCode();

        var moved = await App.ConversationAsync(id);
        Assert.Equal((ConversationStatus.Waiting, (int?)billing.Value), (moved.Status, moved.QueueId));
        Assert.Equal([$"Handed to the agents by the customer's choice “Billing”: routed to {billingName}"], await App.SystemLinesAsync(id));
        // The bot has nothing more to say in it.
        await App.GetRequiredService<BotWorker>().RunOnceAsync();
        Assert.Single(await App.BotMessagesAsync(id));
    }

    private async Task<string> CustomerOfAsync(int conversationId)
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.Customer!.Phone).SingleAsync();
    }
}
