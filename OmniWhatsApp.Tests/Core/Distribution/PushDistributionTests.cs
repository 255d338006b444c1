using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Distribution;

/// <summary>
/// Push distribution on the real app: every assignment here is triggered by the event that makes room (the worker's
/// periodic sweep is an hour away in this host).
/// </summary>
[Trait("Storage", "Both")]
public sealed class PushDistributionTests(ClockHost host) : IClassFixture<ClockHost>
{
    private AppHost App => host.App;
    private AutomationWorker Worker => App.GetRequiredService<AutomationWorker>();

    [Fact]
    public async Task A_new_conversation_goes_to_the_available_member_with_the_most_free_capacity()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var ann = await App.AddAgentAsync("Ann", [channel.QueueId], capacity: 3);
        var bob = await App.AddAgentAsync("Bob", [channel.QueueId], capacity: 5);

        var id = await channel.OpenConversationAsync();

        var conversation = await App.AssignedAsync(id);
        Assert.Equal(bob, conversation.AssignedAgentId);
        Assert.Null(conversation.QueuedAt);
        Assert.Equal(host.Clock.Now, conversation.AssignedAt);
        Assert.Contains("Assigned to Bob", await App.SystemLinesAsync(id));
        Assert.NotEqual(ann, conversation.AssignedAgentId);
    }

    [Fact]
    public async Task Only_available_agents_receive_pushed_work_and_one_becoming_available_gets_it_at_once()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var busy = await App.AddAgentAsync("Busy Bea", [channel.QueueId], presence: Presence.Busy);
        await App.AddAgentAsync("Away Al", [channel.QueueId], presence: Presence.Away);
        await App.AddAgentAsync("Dnd Dora", [channel.QueueId], presence: Presence.DoNotDisturb);
        await App.AddAgentAsync("Never Signed In", [channel.QueueId], presence: null);

        var id = await channel.OpenConversationAsync();
        await Worker.PushDistribution.RunOnceAsync();
        Assert.Equal(ConversationStatus.Waiting, (await App.ConversationAsync(id)).Status);

        await App.SetPresenceAsync(busy, Presence.Available);

        Assert.Equal(busy, (await App.AssignedAsync(id)).AssignedAgentId);
    }

    [Fact]
    public async Task Capacity_is_respected_and_what_does_not_fit_waits()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        await App.SetWorkstreamAsync(channel.WorkstreamId, w => w.CapacityPerConversation = 2);
        var agent = await App.AddAgentAsync("Cap Five", [channel.QueueId], capacity: 5);

        var first = await channel.OpenConversationAsync();
        var second = await channel.OpenConversationAsync();
        await App.AssignedAsync(first, agent);
        await App.AssignedAsync(second, agent);
        var third = await channel.OpenConversationAsync();
        await Worker.PushDistribution.RunOnceAsync();

        // 2 + 2 used of 5: one unit left, the third needs two.
        var waiting = await App.ConversationAsync(third);
        Assert.Equal(ConversationStatus.Waiting, waiting.Status);
        Assert.Null(waiting.AssignedAgentId);
        Assert.NotNull(waiting.QueuedAt);
    }

    [Fact]
    public async Task Round_robin_spreads_a_run_of_assignments_over_equal_agents()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        string[] agents =
        [
            await App.AddAgentAsync("Rr One", [channel.QueueId], capacity: 10),
            await App.AddAgentAsync("Rr Two", [channel.QueueId], capacity: 10),
            await App.AddAgentAsync("Rr Three", [channel.QueueId], capacity: 10),
        ];

        var order = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var id = await channel.OpenConversationAsync();
            order.Add((await App.AssignedAsync(id)).AssignedAgentId!);
        }

        // Each round gives everyone one before anyone gets a second, in the same order every round.
        Assert.Equal(3, order.Take(3).Distinct().Count());
        Assert.Equal(order.Take(3), order.Skip(3));
        Assert.All(agents, a => Assert.Equal(2, order.Count(o => o == a)));
    }

    [Fact]
    public async Task Resolving_frees_capacity_and_the_oldest_waiting_conversation_is_assigned_at_once()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var agent = await App.AddAgentAsync("Solo", [channel.QueueId], capacity: 1);
        var first = await channel.OpenConversationAsync();
        await App.AssignedAsync(first, agent);
        var older = await channel.OpenConversationAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await channel.OpenConversationAsync();

        var resolved = await App.GetRequiredService<ConversationService>().ResolveAsync(first, Actor.Agent(agent));

        Assert.True(resolved.Succeeded, resolved.FirstMessage);
        await App.AssignedAsync(older, agent);
        Assert.Equal(ConversationStatus.Waiting, (await App.ConversationAsync(newer)).Status);
    }

    [Fact]
    public async Task Raised_capacity_and_a_new_queue_member_take_waiting_work_at_once()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var agent = await App.AddAgentAsync("Grows", [channel.QueueId], capacity: 1);
        var first = await channel.OpenConversationAsync();
        await App.AssignedAsync(first, agent);
        var second = await channel.OpenConversationAsync();
        var third = await channel.OpenConversationAsync();

        var user = (await App.WithServiceAsync((UserService s) => s.ListAsync())).Single(u => u.Id == agent);
        var raised = await App.WithServiceAsync((UserService s) => s.UpdateAsync(agent, new UserInput
        {
            Email = user.Email, DisplayName = user.DisplayName, Role = user.Role, Capacity = 2, QueueIds = user.QueueIds.ToList(),
        }));
        Assert.True(raised.Succeeded, raised.FirstMessage);
        await App.AssignedAsync(second, agent);

        var newcomer = await App.AddAgentAsync("Newcomer", [], capacity: 3);
        var members = (await App.WithServiceAsync((RoutingService s) => s.ListQueuesAsync())).Single(q => q.Id == channel.QueueId).Members.Select(m => m.UserId);
        await App.WithServiceAsync((RoutingService s) => s.SetMembersAsync(channel.QueueId, members.Append(newcomer)));

        await App.AssignedAsync(third, newcomer);
    }

    [Fact]
    public async Task Pick_mode_conversations_are_not_pushed()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        await App.SetWorkstreamAsync(channel.WorkstreamId, w => w.DistributionMode = OmniWhatsApp.Core.Workstreams.DistributionMode.Pick);
        await App.AddAgentAsync("Picker", [channel.QueueId]);

        var id = await channel.OpenConversationAsync();
        await App.GetRequiredService<DistributionService>().DistributeAsync();

        Assert.Equal(ConversationStatus.Waiting, (await App.ConversationAsync(id)).Status);
    }

    [Fact]
    public async Task Racing_assignments_never_give_one_conversation_twice_nor_overfill_an_agent()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var agents = new List<string>();
        for (var i = 0; i < 8; i++) agents.Add(await App.AddAgentAsync($"Racer {i}", [channel.QueueId], presence: Presence.Busy));
        var ids = new List<int>();
        for (var i = 0; i < 8; i++) ids.Add(await channel.OpenConversationAsync());
        var assignments = App.GetRequiredService<Assignments>();
        await using var db = await App.CreateDbContextAsync();
        var targets = new List<Assignments.Target>();
        foreach (var id in ids) targets.Add((await Assignments.TargetAsync(db, id, CancellationToken.None))!);

        // Eight agents grab the same conversation at once: one wins.
        var grabs = await Task.WhenAll(agents.Select(a => assignments.TryAssignAsync(targets[0], a, checkCapacity: true, "test", host.Clock.Now, CancellationToken.None)));
        Assert.Single(grabs, g => g is not null);

        // Seven conversations offered at once to an agent with room for one: one fits.
        var solo = await App.AddAgentAsync("Solo racer", [channel.QueueId], capacity: 1, presence: Presence.Busy);
        var fits = await Task.WhenAll(targets.Skip(1).Select(t => assignments.TryAssignAsync(t, solo, checkCapacity: true, "test", host.Clock.Now, CancellationToken.None)));
        Assert.Single(fits, f => f is not null);
        Assert.Equal(1, await db.Conversations.CountAsync(c => c.AssignedAgentId == solo && c.Status == ConversationStatus.Active));
    }
}
