using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Distribution;

/// <summary>
/// Assignments racing for real: each call below runs in a transaction of its own on a connection of its own, all at
/// once, so on PostgreSQL they are concurrent transactions (on SQLite they queue for its single writer). Whoever loses
/// is told why, and no agent ends up with more than their capacity.
/// </summary>
[Trait("Storage", "Both")]
public sealed class AssignmentRaceTests(ClockHost host) : IClassFixture<ClockHost>
{
    private AppHost App => host.App;
    private DistributionService Distribution => App.GetRequiredService<DistributionService>();

    [Fact]
    public async Task Forty_agents_taking_one_conversation_at_once_give_it_to_exactly_one_and_tell_the_others_who_has_it()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        await App.SetWorkstreamAsync(channel.WorkstreamId, w => w.DistributionMode = DistributionMode.Pick);
        var agents = new List<string>();
        for (var i = 0; i < 40; i++) agents.Add(await App.AddAgentAsync($"Racer {i:00}", [channel.QueueId]));
        var id = await channel.OpenConversationAsync();

        using var start = new ManualResetEventSlim();
        var takes = agents.Select(agent => Task.Run(async () =>
        {
            start.Wait();
            return (Agent: agent, Result: await Distribution.TakeAsync(id, Actor.Agent(agent)));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(takes);

        var winner = Assert.Single(results, r => r.Result.Succeeded);
        var conversation = await App.ConversationAsync(id);
        Assert.Equal((ConversationStatus.Active, winner.Agent), (conversation.Status, conversation.AssignedAgentId));
        var name = $"Racer {agents.IndexOf(winner.Agent):00}";
        Assert.All(results.Where(r => r != winner), r => Assert.Equal($"{name} already took this conversation.", r.Result.FirstMessage));
        Assert.Equal([$"Taken by {name}"], (await App.SystemLinesAsync(id)).Where(l => l.StartsWith("Taken by", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_agent_taking_while_a_supervisor_assigns_leaves_each_conversation_with_one_of_them()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        await App.SetWorkstreamAsync(channel.WorkstreamId, w => w.DistributionMode = DistributionMode.Pick);
        var taker = await App.AddAgentAsync("Quick Quentin", [channel.QueueId], capacity: 20);
        var chosen = await App.AddAgentAsync("Chosen Chloe", [channel.QueueId], capacity: 20);
        var supervisor = await App.SupervisorAsync();
        var ids = new List<int>();
        for (var i = 0; i < 12; i++) ids.Add(await channel.OpenConversationAsync());

        using var start = new ManualResetEventSlim();
        var races = ids.SelectMany(id => new[]
        {
            Task.Run(async () => { start.Wait(); return (Id: id, Agent: taker, Result: await Distribution.TakeAsync(id, Actor.Agent(taker))); }),
            Task.Run(async () => { start.Wait(); return (Id: id, Agent: chosen, Result: await Distribution.AssignAsync(id, chosen, supervisor)); }),
        }).ToList();
        start.Set();
        var results = await Task.WhenAll(races);

        foreach (var id in ids)
        {
            var winner = Assert.Single(results, r => r.Id == id && r.Result.Succeeded);
            var loser = Assert.Single(results, r => r.Id == id && !r.Result.Succeeded);
            Assert.Contains(loser.Result.FirstMessage, new[]
            {
                "Quick Quentin already took this conversation.", "Chosen Chloe already took this conversation.",
                "Quick Quentin already has this conversation; reassign it instead.", "The conversation changed meanwhile; reload it and try again.",
            });
            Assert.Equal(winner.Agent, (await App.ConversationAsync(id)).AssignedAgentId);
            Assert.Single(await App.SystemLinesAsync(id), l => l.StartsWith("Taken by", StringComparison.Ordinal) || l.StartsWith("Assigned to", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task One_agent_taking_many_conversations_at_once_never_holds_more_than_their_capacity()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        await App.SetWorkstreamAsync(channel.WorkstreamId, w => w.DistributionMode = DistributionMode.Pick);
        var agent = await App.AddAgentAsync("Greedy Gus", [channel.QueueId], capacity: 3);
        var ids = new List<int>();
        for (var i = 0; i < 16; i++) ids.Add(await channel.OpenConversationAsync());

        using var start = new ManualResetEventSlim();
        var takes = ids.Select(id => Task.Run(async () => { start.Wait(); return await Distribution.TakeAsync(id, Actor.Agent(agent)); })).ToList();
        start.Set();
        var results = await Task.WhenAll(takes);

        Assert.Equal(3, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(
            "You have no free capacity: 3 of 3 in use, and this conversation needs 1. Resolve a conversation first.", r.FirstMessage));
        Assert.Equal(3, await ActiveOfAsync(agent));
    }

    [Fact]
    public async Task Push_passes_of_three_distributors_at_once_never_exceed_any_agents_capacity()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var agents = new List<string>();
        for (var i = 0; i < 3; i++) agents.Add(await App.AddAgentAsync($"Pushed {i}", [channel.QueueId], capacity: 2, presence: Presence.Away));
        var ids = new List<int>();
        for (var i = 0; i < 20; i++) ids.Add(await channel.OpenConversationAsync());

        // Two more distributors with their own pass gate and round-robin stamps, as two more instances would have, plus
        // the host's own worker, which the agents becoming Available wakes.
        var others = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<DistributionService>(App.Services,
            ActivatorUtilities.CreateInstance<Assignments>(App.Services))).ToList();
        foreach (var agent in agents) await App.SetPresenceAsync(agent, Presence.Available);
        var passes = await Task.WhenAll(others.SelectMany(d => Enumerable.Range(0, 3).Select(_ => Task.Run(() => d.DistributeAsync()))));
        await App.GetRequiredService<AutomationWorker>().PushDistribution.RunOnceAsync();

        foreach (var agent in agents) Assert.Equal(2, await ActiveOfAsync(agent));
        await using var db = await App.CreateDbContextAsync();
        Assert.Equal(14, await db.Conversations.CountAsync(c => ids.Contains(c.Id) && c.Status == ConversationStatus.Waiting));
        Assert.True(passes.Sum() <= 6);
        foreach (var id in ids)
        {
            Assert.True((await App.SystemLinesAsync(id)).Count(l => l.StartsWith("Assigned to", StringComparison.Ordinal)) <= 1);
        }
    }

    private async Task<int> ActiveOfAsync(string agentId)
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.Conversations.CountAsync(c => c.AssignedAgentId == agentId && c.Status == ConversationStatus.Active);
    }
}
