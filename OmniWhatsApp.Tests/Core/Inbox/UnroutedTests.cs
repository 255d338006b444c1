using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Inbox;

/// <summary>
/// Conversations in no queue (a workstream without a fallback queue): the dashboard lists them as Unrouted for supervisors
/// and admins, and assigning one gives it a queue (and an agent of that queue).
/// </summary>
[Trait("Storage", "Both")]
public sealed class UnroutedTests(ClockHost host) : IClassFixture<ClockHost>
{
    private AppHost App => host.App;
    private ConversationService Conversations => App.GetRequiredService<ConversationService>();

    [Fact]
    public async Task A_conversation_of_a_workstream_without_fallback_queue_is_listed_as_unrouted_and_in_no_queues_figures()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        await channel.WithoutFallbackQueueAsync();
        var first = await channel.OpenConversationAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(4));
        var second = await channel.OpenConversationAsync();

        var dashboard = (await App.GetRequiredService<QueueDashboardQueries>().GetAsync(await App.SupervisorAsync())).Value!;

        var mine = dashboard.Unrouted.Where(u => u.WorkstreamId == channel.WorkstreamId).ToList();
        Assert.Equal([first, second], mine.Select(u => u.ConversationId));
        var workstream = (await App.WithServiceAsync((OmniWhatsApp.Core.Workstreams.WorkstreamService s) => s.GetAsync(channel.WorkstreamId)))!.Summary.Name;
        Assert.All(mine, u => Assert.Equal((workstream, "Jane Customer"), (u.WorkstreamName, u.CustomerName)));
        Assert.Equal(host.Clock.Now - TimeSpan.FromMinutes(4), mine[0].WaitingSince);
        Assert.Equal(0, dashboard.Queues.Single(q => q.QueueId == channel.QueueId).Waiting);
    }

    [Fact]
    public async Task Agents_do_not_get_the_dashboard_with_its_unrouted_list()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var agent = await App.AddAgentAsync("Unrouted Una", [channel.QueueId]);

        var read = await App.GetRequiredService<QueueDashboardQueries>().GetAsync(Actor.Agent(agent));

        Assert.False(read.Succeeded);
        Assert.Equal("Only supervisors and admins can see the queue dashboard.", read.FirstMessage);
    }

    [Fact]
    public async Task Assigning_it_to_a_queue_makes_it_wait_there_and_leave_the_unrouted_list()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        await channel.WithoutFallbackQueueAsync();
        var conversation = await channel.OpenConversationAsync();
        var supervisor = await App.SupervisorAsync();

        var assigned = await Conversations.AssignUnroutedAsync(conversation, channel.QueueId, null, supervisor);

        Assert.True(assigned.Succeeded, assigned.FirstMessage);
        var moved = await App.ConversationAsync(conversation);
        Assert.Equal((ConversationStatus.Waiting, (int?)channel.QueueId), (moved.Status, moved.QueueId));
        var dashboard = (await App.GetRequiredService<QueueDashboardQueries>().GetAsync(supervisor)).Value!;
        Assert.DoesNotContain(dashboard.Unrouted, u => u.ConversationId == conversation);
        Assert.Equal(1, dashboard.Queues.Single(q => q.QueueId == channel.QueueId).Waiting);
    }

    [Fact]
    public async Task Assigning_it_to_a_queue_and_one_of_its_members_gives_it_to_that_agent()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        await channel.WithoutFallbackQueueAsync();
        var agent = await App.AddAgentAsync("Unrouted Uma", [channel.QueueId], presence: Presence.Away);
        var conversation = await channel.OpenConversationAsync();

        var assigned = await Conversations.AssignUnroutedAsync(conversation, channel.QueueId, agent, await App.SupervisorAsync());

        Assert.True(assigned.Succeeded, assigned.FirstMessage);
        var moved = await App.ConversationAsync(conversation);
        Assert.Equal((ConversationStatus.Active, (int?)channel.QueueId, agent), (moved.Status, moved.QueueId, moved.AssignedAgentId));
    }

    [Fact]
    public async Task An_agent_who_is_not_a_member_of_the_chosen_queue_is_refused_and_nothing_changes()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        await channel.WithoutFallbackQueueAsync();
        var elsewhere = await App.AddQueueAsync("Elsewhere");
        var outsider = await App.AddAgentAsync("Outside Oli", [elsewhere]);
        var conversation = await channel.OpenConversationAsync();

        var assigned = await Conversations.AssignUnroutedAsync(conversation, channel.QueueId, outsider, await App.SupervisorAsync());

        Assert.False(assigned.Succeeded);
        Assert.StartsWith("Outside Oli is not a member of the queue ", assigned.FirstMessage);
        var unchanged = await App.ConversationAsync(conversation);
        Assert.Equal((ConversationStatus.Waiting, (int?)null), (unchanged.Status, unchanged.QueueId));
    }

    [Fact]
    public async Task An_agent_cannot_assign_an_unrouted_conversation()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        await channel.WithoutFallbackQueueAsync();
        var agent = await App.AddAgentAsync("Eager Eli", [channel.QueueId]);
        var conversation = await channel.OpenConversationAsync();

        var assigned = await Conversations.AssignUnroutedAsync(conversation, channel.QueueId, agent, Actor.Agent(agent));

        Assert.Equal("Only supervisors and admins can assign conversations.", assigned.FirstMessage);
        Assert.Null((await App.ConversationAsync(conversation)).QueueId);
    }

    [Fact]
    public async Task A_conversation_already_in_a_queue_is_not_assigned_as_unrouted()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var other = await App.AddQueueAsync("Other");
        var conversation = await channel.OpenConversationAsync();

        var assigned = await Conversations.AssignUnroutedAsync(conversation, other, null, await App.SupervisorAsync());

        Assert.Equal("The conversation is in a queue already; assign it there.", assigned.FirstMessage);
        Assert.Equal(channel.QueueId, (await App.ConversationAsync(conversation)).QueueId);
    }
}
