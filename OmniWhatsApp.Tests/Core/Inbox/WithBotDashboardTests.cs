using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Inbox;

/// <summary>The dashboard counts and lists the conversations the bot holds apart from those waiting for an agent.</summary>
[Trait("Storage", "Both")]
public sealed class WithBotDashboardTests(ClockHost host) : IClassFixture<ClockHost>
{
    private AppHost App => host.App;

    [Fact]
    public async Task Conversations_with_the_bot_are_counted_and_listed_apart_from_waiting_ones()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        await App.SetWorkstreamAsync(channel.WorkstreamId, w => w.DistributionMode = DistributionMode.Pick);
        await channel.OpenConversationAsync();
        var withBot = await channel.OpenConversationAsync(body: "What are your opening hours?");
        await App.HandToBotAsync(withBot, "We are open 9 to 6, Monday to Friday.");
        host.Clock.Advance(TimeSpan.FromMinutes(3));

        var dashboard = (await App.GetRequiredService<QueueDashboardQueries>().GetAsync(await App.SupervisorAsync())).Value!;

        var queue = dashboard.Queues.Single(q => q.QueueId == channel.QueueId);
        Assert.Equal((1, 1, 0), (queue.Waiting, queue.WithBot, queue.Active));
        var held = Assert.Single(dashboard.WithBot, c => c.ConversationId == withBot);
        Assert.Equal((channel.QueueId, ClockHost.Start), (held.QueueId, held.BotSince - TimeSpan.Zero));
        Assert.Equal(("We are open 9 to 6, Monday to Friday.", true), (held.LastMessage, held.LastMessageFromBot));
        Assert.True(dashboard.WithBotTotal >= 1);
        Assert.DoesNotContain(dashboard.ClosingWindows, c => c.ConversationId == withBot);
        var lists = (await App.GetRequiredService<QueueDashboardQueries>().ConversationsAsync(channel.QueueId, await App.SupervisorAsync())).Value!;
        Assert.DoesNotContain(lists.Waiting, c => c.ConversationId == withBot);
        Assert.Equal(1, lists.WaitingTotal);
    }

    [Fact]
    public async Task The_customer_writing_last_shows_as_the_last_message()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        await App.SetWorkstreamAsync(channel.WorkstreamId, w => w.DistributionMode = DistributionMode.Pick);
        var customer = TestData.UniqueNumber();
        var id = await channel.OpenConversationAsync(customer, "Hello");
        await App.HandToBotAsync(id, "Hi, how can I help?");
        await App.CustomerWritesToBotAsync(id, "Where is my parcel?");

        var dashboard = (await App.GetRequiredService<QueueDashboardQueries>().GetAsync(await App.SupervisorAsync())).Value!;

        var held = Assert.Single(dashboard.WithBot, c => c.ConversationId == id);
        Assert.Equal(("Where is my parcel?", false), (held.LastMessage, held.LastMessageFromBot));
    }
}
