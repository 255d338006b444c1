using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Users;

/// <summary>
/// Presence follows the agent's browser sessions: Offline after the grace (2 minutes by default) once all are
/// gone, back to what they chose when one returns. Sessions are reported as the circuit handler reports them.
/// </summary>
[Trait("Storage", "Both")]
public sealed class PresenceTests(SweepingClockHost host) : IClassFixture<SweepingClockHost>
{
    private AppHost App => host.App;
    private AutomationWorker Worker => App.GetRequiredService<AutomationWorker>();
    private AgentSessions Sessions => App.GetRequiredService<AgentSessions>();
    private PresenceService PresenceService => App.GetRequiredService<PresenceService>();

    [Fact]
    public async Task An_agent_goes_offline_after_the_grace_once_every_session_is_gone_and_comes_back_to_their_choice()
    {
        var agent = await App.AddAgentAsync("Tabby", [], presence: null);
        var events = new List<AgentPresenceChanged>();
        using var _ = App.GetRequiredService<IConversationEvents>().Subscribe(e =>
        {
            if (e is AgentPresenceChanged p && p.AgentId == agent) lock (events) events.Add(p);
            return Task.CompletedTask;
        });

        await Sessions.OpenedAsync(agent, "tab-1");
        Assert.Equal(Presence.Available, (await PresenceService.GetAsync(agent)).Presence);
        await App.SetPresenceAsync(agent, Presence.Busy);
        await Sessions.OpenedAsync(agent, "tab-2");
        await Sessions.ClosedAsync(agent, "tab-1");
        Assert.Null((await PresenceService.GetAsync(agent)).DisconnectedAt);

        await Sessions.ConnectionDownAsync(agent, "tab-2");
        Assert.Equal(host.Clock.Now, (await PresenceService.GetAsync(agent)).DisconnectedAt);
        host.Clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        await Worker.PresenceGrace.RunOnceAsync();
        Assert.Equal(Presence.Busy, (await PresenceService.GetAsync(agent)).Presence);

        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.GetAsync(() => PresenceService.GetAsync(agent), p => p.Presence == Presence.Offline, what: "Offline after the grace");
        Assert.Equal(Presence.Busy, (await PresenceService.GetAsync(agent)).Preferred);

        await Sessions.ConnectionUpAsync(agent, "tab-2");
        var back = await PresenceService.GetAsync(agent);
        Assert.Equal((Presence.Busy, (DateTimeOffset?)null), (back.Presence, back.DisconnectedAt));
        Func<List<Presence>> seen = () => { lock (events) return events.Select(e => e.Presence).ToList(); };
        await Eventually.Get(seen,
            list => list.SequenceEqual([Presence.Available, Presence.Busy, Presence.Offline, Presence.Busy]),
            what: "presence events");
    }

    [Fact]
    public async Task A_session_back_within_the_grace_keeps_the_agent_available_for_work()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var agent = await App.AddAgentAsync("Blinky", [channel.QueueId], presence: null);
        await Sessions.OpenedAsync(agent, "tab");
        await Sessions.ConnectionDownAsync(agent, "tab");
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await Worker.PresenceGrace.RunOnceAsync();
        await Sessions.ConnectionUpAsync(agent, "tab");
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await Worker.PresenceGrace.RunOnceAsync();

        Assert.Equal(Presence.Available, (await PresenceService.GetAsync(agent)).Presence);
        var id = await channel.OpenConversationAsync();
        await App.AssignedAsync(id, agent);
    }

    [Fact]
    public async Task Offline_agents_get_no_pushed_work()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var agent = await App.AddAgentAsync("Gone", [channel.QueueId], presence: null);
        await Sessions.OpenedAsync(agent, "tab");
        await Sessions.ClosedAsync(agent, "tab");
        host.Clock.Advance(TimeSpan.FromMinutes(3));
        await Eventually.GetAsync(() => PresenceService.GetAsync(agent), p => p.Presence == Presence.Offline, what: "Offline");

        var id = await channel.OpenConversationAsync();
        await Worker.PushDistribution.RunOnceAsync();

        Assert.Equal(OmniWhatsApp.Core.Conversations.ConversationStatus.Waiting, (await App.ConversationAsync(id)).Status);
        await Sessions.OpenedAsync(agent, "tab-again");
        await App.AssignedAsync(id, agent);
    }
}
