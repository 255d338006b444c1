using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Inbox;

/// <summary>The supervisor's per-queue figures and the windows about to close on an unanswered customer.</summary>
[Trait("Storage", "Both")]
public sealed class QueueDashboardTests(ClockHost host) : IClassFixture<ClockHost>
{
    private AppHost App => host.App;

    [Fact]
    public async Task Per_queue_waiting_waits_active_and_agents_by_presence_with_load()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var ann = await App.AddAgentAsync("Dash Ann", [channel.QueueId], capacity: 2);
        await App.AddAgentAsync("Dash Bob", [channel.QueueId], capacity: 4, presence: Presence.Away);
        var a = await channel.OpenConversationAsync();
        var b = await channel.OpenConversationAsync();
        await App.AssignedAsync(a, ann);
        await App.AssignedAsync(b, ann);
        await channel.OpenConversationAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        await channel.OpenConversationAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(2));

        var dashboard = await App.GetRequiredService<QueueDashboardQueries>().GetAsync(await App.SupervisorAsync());

        var queue = dashboard.Value!.Queues.Single(q => q.QueueId == channel.QueueId);
        Assert.Equal((2, 2), (queue.Waiting, queue.Active));
        Assert.Equal(TimeSpan.FromMinutes(12), queue.LongestWait);
        Assert.Equal(TimeSpan.FromMinutes(7), queue.AverageWait);
        Assert.Equal(
            [("Dash Ann", Presence.Available, 2, 2, 2), ("Dash Bob", Presence.Away, 0, 4, 0)],
            queue.Agents.Select(x => (x.Name, x.Presence, x.Used, x.Capacity, x.ActiveConversations)));
        Assert.Equal(1, queue.AgentsByPresence[Presence.Available]);
    }

    [Fact]
    public async Task Windows_closing_within_the_hour_with_the_customer_unanswered_are_listed_soonest_first()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        await App.SetWorkstreamAsync(channel.WorkstreamId, w => w.AutoCloseAfterMinutes = 48 * 60);
        var soon = await channel.OpenConversationAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        var sooner = await channel.OpenConversationAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(45));
        var notYet = await channel.OpenConversationAsync();
        // 23 h 40 min after the first: its window closes in 20 min, the second's in 50, the third's in 95.
        host.Clock.Advance(TimeSpan.FromHours(23) - TimeSpan.FromMinutes(35));

        var dashboard = await App.GetRequiredService<QueueDashboardQueries>().GetAsync(await App.SupervisorAsync());

        var mine = dashboard.Value!.ClosingWindows.Where(c => c.QueueId == channel.QueueId).Select(c => c.ConversationId).ToList();
        Assert.Equal([soon, sooner], mine);
        Assert.DoesNotContain(notYet, mine);
    }

    [Fact]
    public async Task A_queues_conversations_list_the_oldest_waiting_first_and_the_active_ones_by_agent()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var zoe = await App.AddAgentAsync("Zoe List", [channel.QueueId], capacity: 1);
        var abe = await App.AddAgentAsync("Abe List", [channel.QueueId], capacity: 1);
        var first = await channel.OpenConversationAsync();
        var second = await channel.OpenConversationAsync();
        await App.AssignedAsync(first);
        await App.AssignedAsync(second);
        await App.SetPresenceAsync(zoe, Presence.Away);
        await App.SetPresenceAsync(abe, Presence.Away);
        var older = await channel.OpenConversationAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(3));
        var newer = await channel.OpenConversationAsync();

        var lists = await App.GetRequiredService<QueueDashboardQueries>().ConversationsAsync(channel.QueueId, await App.SupervisorAsync());

        var value = lists.Value!;
        Assert.Equal([older, newer], value.Waiting.Select(c => c.ConversationId));
        Assert.Equal(2, value.WaitingTotal);
        Assert.Equal(["Abe List", "Zoe List"], value.Active.Select(c => c.AgentName));
        Assert.True(value.Waiting[0].Unanswered);
        var limited = await App.GetRequiredService<QueueDashboardQueries>().ConversationsAsync(channel.QueueId, await App.SupervisorAsync(), limit: 1);
        Assert.Equal([older], limited.Value!.Waiting.Select(c => c.ConversationId));
        Assert.Equal(2, limited.Value.WaitingTotal);
        var refused = await App.GetRequiredService<QueueDashboardQueries>().ConversationsAsync(channel.QueueId, Actor.Agent(zoe));
        Assert.Equal("Only supervisors and admins can see the queue dashboard.", refused.FirstMessage);
    }

    [Fact]
    public async Task Agents_cannot_see_the_dashboard()
    {
        var agent = await App.AddAgentAsync("Curious", []);

        var refused = await App.GetRequiredService<QueueDashboardQueries>().GetAsync(Actor.Agent(agent));

        Assert.Equal("Only supervisors and admins can see the queue dashboard.", refused.FirstMessage);
    }
}
