using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Distribution;

/// <summary>A supervisor taking a conversation over from the bot, for themself or for an agent; agents cannot.</summary>
[Trait("Storage", "Both")]
public sealed class TakeOverTests(ClockHost host) : IClassFixture<ClockHost>
{
    private AppHost App => host.App;
    private DistributionService Distribution => App.GetRequiredService<DistributionService>();

    /// <summary>Pick mode, so nothing assigns the conversation before the test gives it to the bot.</summary>
    private async Task<(WebhookChannel Channel, int ConversationId)> WithBotAsync()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        await App.SetWorkstreamAsync(channel.WorkstreamId, w => w.DistributionMode = DistributionMode.Pick);
        var id = await channel.OpenConversationAsync();
        await App.HandToBotAsync(id);
        return (channel, id);
    }

    [Fact]
    public async Task A_supervisor_takes_over_from_the_bot_it_becomes_active_with_them_with_the_line_and_the_event()
    {
        var (channel, id) = await WithBotAsync();
        var supervisor = await App.SupervisorAsync();
        var events = new List<ConversationAssigned>();
        using var _ = App.GetRequiredService<IConversationEvents>().Subscribe(e =>
        {
            if (e is ConversationAssigned a && a.ConversationId == id) lock (events) events.Add(a);
            return Task.CompletedTask;
        });

        var result = await Distribution.TakeOverAsync(id, supervisor.UserId, supervisor);

        Assert.True(result.Succeeded, result.FirstMessage);
        var conversation = await App.ConversationAsync(id);
        Assert.Equal((ConversationStatus.Active, supervisor.UserId), (conversation.Status, conversation.AssignedAgentId));
        Assert.NotNull(conversation.BotSince);
        Assert.Equal("Taken over from the bot by Sam Supervisor", (await App.SystemLinesAsync(id))[^1]);
        var assigned = await Eventually.GetAsync(() => { lock (events) return Task.FromResult(events.ToList()); }, e => e.Count > 0, TimeSpan.FromSeconds(5), "the ConversationAssigned event");
        Assert.Equal((channel.QueueId, supervisor.UserId), (assigned[0].QueueId, assigned[0].AgentId));
    }

    [Fact]
    public async Task A_supervisor_gives_it_to_a_member_of_its_queue_but_not_to_an_outsider()
    {
        var (channel, id) = await WithBotAsync();
        var other = await WebhookChannel.CreateAsync(App);
        var member = await App.AddAgentAsync("Bora", [channel.QueueId], capacity: 1, presence: Presence.Away);
        var outsider = await App.AddAgentAsync("Olesya", [other.QueueId]);
        var supervisor = await App.SupervisorAsync();

        var refused = await Distribution.TakeOverAsync(id, outsider, supervisor);
        Assert.StartsWith("Olesya is not a member of the queue", refused.FirstMessage);
        Assert.Equal(ConversationStatus.WithBot, (await App.ConversationAsync(id)).Status);

        var result = await Distribution.TakeOverAsync(id, member, supervisor);

        Assert.True(result.Succeeded, result.FirstMessage);
        var conversation = await App.ConversationAsync(id);
        Assert.Equal((ConversationStatus.Active, member), (conversation.Status, conversation.AssignedAgentId));
        Assert.Equal("Taken over from the bot by Sam Supervisor and assigned to Bora", (await App.SystemLinesAsync(id))[^1]);
        Assert.Contains(await App.GetRequiredService<InboxQueries>().MyConversationsAsync(member), i => i.ConversationId == id);
    }

    [Fact]
    public async Task Agents_cannot_take_a_conversation_from_the_bot_nor_take_it_over_nor_be_assigned_it_the_usual_way()
    {
        var (channel, id) = await WithBotAsync();
        var agent = await App.AddAgentAsync("Ilya", [channel.QueueId]);
        var supervisor = await App.SupervisorAsync();
        var lines = (await App.SystemLinesAsync(id)).Count;

        Assert.DoesNotContain((await App.GetRequiredService<InboxQueries>().WaitingInMyQueuesAsync(agent)).Items, w => w.ConversationId == id);
        Assert.Equal("The bot is answering this customer; a supervisor can take it over.", (await Distribution.TakeAsync(id, Actor.Agent(agent))).FirstMessage);
        Assert.Equal("Only supervisors and admins can take a conversation over from the bot.",
            (await Distribution.TakeOverAsync(id, agent, Actor.Agent(agent))).FirstMessage);
        Assert.Equal("The bot is answering this customer: take it over from the bot instead.", (await Distribution.AssignAsync(id, agent, supervisor)).FirstMessage);

        var conversation = await App.ConversationAsync(id);
        Assert.Equal((ConversationStatus.WithBot, null), (conversation.Status, conversation.AssignedAgentId));
        Assert.Equal(lines, (await App.SystemLinesAsync(id)).Count);
    }

    [Fact]
    public async Task Taking_over_after_the_bot_handed_off_says_so_and_changes_nothing()
    {
        var (channel, id) = await WithBotAsync();
        var supervisor = await App.SupervisorAsync();
        await App.BotHandsOffAsync(id);
        var lines = (await App.SystemLinesAsync(id)).Count;

        var result = await Distribution.TakeOverAsync(id, supervisor.UserId, supervisor);

        Assert.Equal("The bot has already handed this conversation to the agents: it is waiting in its queue.", result.FirstMessage);
        var conversation = await App.ConversationAsync(id);
        Assert.Equal((ConversationStatus.Waiting, null, channel.QueueId), (conversation.Status, conversation.AssignedAgentId, conversation.QueueId));
        Assert.Equal(lines, (await App.SystemLinesAsync(id)).Count);
    }

    [Fact]
    public async Task Two_take_overs_racing_apply_once_and_the_second_is_told_who_has_it()
    {
        var (channel, id) = await WithBotAsync();
        var supervisor = await App.SupervisorAsync();
        var agent = await App.AddAgentAsync("Rafet", [channel.QueueId]);

        var results = await Task.WhenAll(
            Task.Run(() => Distribution.TakeOverAsync(id, supervisor.UserId, supervisor)),
            Task.Run(() => Distribution.TakeOverAsync(id, agent, supervisor)));

        Assert.Single(results, r => r.Succeeded);
        var conversation = await App.ConversationAsync(id);
        var winner = conversation.AssignedAgentId == agent ? "Rafet" : "Sam Supervisor";
        Assert.Equal($"The bot no longer has this conversation: {winner} has it.", results.Single(r => !r.Succeeded).FirstMessage);
        Assert.Single(await App.SystemLinesAsync(id), l => l.StartsWith("Taken over from the bot", StringComparison.Ordinal));
    }
}
