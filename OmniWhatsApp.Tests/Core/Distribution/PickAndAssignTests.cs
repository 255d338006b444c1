using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Distribution;

/// <summary>Pick mode (agents take from their queues) and supervisors assigning by hand.</summary>
[Trait("Storage", "Both")]
public sealed class PickAndAssignTests(ClockHost host) : IClassFixture<ClockHost>
{
    private AppHost App => host.App;
    private DistributionService Distribution => App.GetRequiredService<DistributionService>();

    private async Task<WebhookChannel> PickChannelAsync()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        await App.SetWorkstreamAsync(channel.WorkstreamId, w => w.DistributionMode = DistributionMode.Pick);
        return channel;
    }

    [Fact]
    public async Task An_agent_takes_a_waiting_conversation_of_their_queue_and_a_colleague_is_told_it_is_gone()
    {
        var channel = await PickChannelAsync();
        var pia = await App.AddAgentAsync("Pia", [channel.QueueId]);
        var quinn = await App.AddAgentAsync("Quinn", [channel.QueueId]);
        var id = await channel.OpenConversationAsync();

        var waiting = await App.GetRequiredService<InboxQueries>().WaitingInMyQueuesAsync(pia);
        Assert.Contains(waiting.Items, w => w.ConversationId == id && w.QueueId == channel.QueueId);

        var taken = await Distribution.TakeAsync(id, Actor.Agent(pia));

        Assert.True(taken.Succeeded, taken.FirstMessage);
        var conversation = await App.ConversationAsync(id);
        Assert.Equal((ConversationStatus.Active, pia), (conversation.Status, conversation.AssignedAgentId));
        Assert.Contains("Taken by Pia", await App.SystemLinesAsync(id));
        var late = await Distribution.TakeAsync(id, Actor.Agent(quinn));
        Assert.Equal("Pia already took this conversation.", late.FirstMessage);
        Assert.DoesNotContain((await App.GetRequiredService<InboxQueries>().WaitingInMyQueuesAsync(quinn)).Items, w => w.ConversationId == id);
    }

    [Fact]
    public async Task Taking_from_another_queue_is_refused_and_it_is_not_listed()
    {
        var mine = await PickChannelAsync();
        var other = await PickChannelAsync();
        var agent = await App.AddAgentAsync("Rita", [mine.QueueId]);
        var id = await other.OpenConversationAsync();

        var taken = await Distribution.TakeAsync(id, Actor.Agent(agent));

        Assert.Equal("You are not a member of this conversation's queue.", taken.FirstMessage);
        Assert.Equal(ConversationStatus.Waiting, (await App.ConversationAsync(id)).Status);
        Assert.DoesNotContain((await App.GetRequiredService<InboxQueries>().WaitingInMyQueuesAsync(agent)).Items, w => w.ConversationId == id);
    }

    [Fact]
    public async Task Taking_without_free_capacity_is_refused_with_the_load()
    {
        var channel = await PickChannelAsync();
        var agent = await App.AddAgentAsync("Full Fay", [channel.QueueId], capacity: 1);
        var first = await channel.OpenConversationAsync();
        var second = await channel.OpenConversationAsync();
        Assert.True((await Distribution.TakeAsync(first, Actor.Agent(agent))).Succeeded);

        var refused = await Distribution.TakeAsync(second, Actor.Agent(agent));

        Assert.Equal("You have no free capacity: 1 of 1 in use, and this conversation needs 1. Resolve a conversation first.", refused.FirstMessage);
    }

    [Fact]
    public async Task Push_mode_conversations_cannot_be_taken()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var agent = await App.AddAgentAsync("Pushy", [channel.QueueId], presence: Presence.Away);
        var id = await channel.OpenConversationAsync();

        var taken = await Distribution.TakeAsync(id, Actor.Agent(agent));

        Assert.Equal("Conversations of this queue's workstream are assigned automatically.", taken.FirstMessage);
    }

    [Fact]
    public async Task A_supervisor_assigns_to_a_queue_member_even_beyond_capacity_but_not_to_an_outsider()
    {
        var channel = await PickChannelAsync();
        var elsewhere = await PickChannelAsync();
        var member = await App.AddAgentAsync("Mo", [channel.QueueId], capacity: 1, presence: Presence.Busy);
        var outsider = await App.AddAgentAsync("Olga", [elsewhere.QueueId]);
        var supervisor = await App.SupervisorAsync();
        var first = await channel.OpenConversationAsync();
        var second = await channel.OpenConversationAsync();

        var notMember = await Distribution.AssignAsync(first, outsider, supervisor);
        Assert.Equal($"Olga is not a member of the queue {await QueueNameAsync(channel.QueueId)}.", notMember.FirstMessage);

        Assert.True((await Distribution.AssignAsync(first, member, supervisor)).Succeeded);
        var beyond = await Distribution.AssignAsync(second, member, supervisor);

        Assert.True(beyond.Succeeded, beyond.FirstMessage);
        Assert.Equal(member, (await App.ConversationAsync(second)).AssignedAgentId);
        Assert.Contains("Assigned to Mo by Sam Supervisor", await App.SystemLinesAsync(second));
    }

    [Fact]
    public async Task Assign_refuses_an_assigned_conversation_and_reassign_moves_it()
    {
        var channel = await PickChannelAsync();
        var first = await App.AddAgentAsync("Nell", [channel.QueueId]);
        var second = await App.AddAgentAsync("Ozzy", [channel.QueueId]);
        var supervisor = await App.SupervisorAsync();
        var id = await channel.OpenConversationAsync();
        Assert.True((await Distribution.TakeAsync(id, Actor.Agent(first))).Succeeded);

        var assign = await Distribution.AssignAsync(id, second, supervisor);
        Assert.Equal("Nell already has this conversation; reassign it instead.", assign.FirstMessage);

        var reassign = await Distribution.ReassignAsync(id, second, supervisor);

        Assert.True(reassign.Succeeded, reassign.FirstMessage);
        Assert.Equal(second, (await App.ConversationAsync(id)).AssignedAgentId);
        Assert.Contains("Reassigned to Ozzy by Sam Supervisor", await App.SystemLinesAsync(id));
    }

    [Fact]
    public async Task Agents_cannot_assign()
    {
        var channel = await PickChannelAsync();
        var agent = await App.AddAgentAsync("Ines", [channel.QueueId]);
        var id = await channel.OpenConversationAsync();

        var refused = await Distribution.AssignAsync(id, agent, Actor.Agent(agent));

        Assert.Equal("Only supervisors and admins can assign conversations.", refused.FirstMessage);
    }

    private async Task<string> QueueNameAsync(int queueId)
    {
        await using var db = await App.CreateDbContextAsync();
        return db.Queues.Single(q => q.Id == queueId).Name;
    }
}
