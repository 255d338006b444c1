using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Web.Hubs;

namespace OmniWhatsApp.Tests.Web.Hubs;

/// <summary>Which agents' connections the forwarder sends an event to (admins and supervisors get it through the everyone group).</summary>
public sealed class HubAudienceTests
{
    private static readonly DateTimeOffset T = DateTimeOffset.UnixEpoch;
    private readonly HubAudience audience = new();

    public HubAudienceTests()
    {
        audience.Add("sup", new HubAudience.Member("s1", SeesEverything: true, new HashSet<int>()));
        audience.Add("ann", new HubAudience.Member("a1", SeesEverything: false, new HashSet<int> { 7 }));
        audience.Add("bob", new HubAudience.Member("b1", SeesEverything: false, new HashSet<int> { 8 }));
    }

    [Fact]
    public void Supervisors_are_reached_through_the_everyone_group_not_one_by_one()
    {
        Assert.Equal(1, audience.EveryoneCount);
        Assert.DoesNotContain("sup", audience.AgentConnectionsFor(new ConversationOpened(1, 7, "a1", T, "+1", null)));
    }

    [Fact]
    public void An_agent_in_the_queue_and_assigned_is_sent_the_event_once()
    {
        var targets = audience.AgentConnectionsFor(new MessageAdded(1, 7, "a1", T, 10, MessageDirection.Inbound, MessageKind.Text));

        Assert.Equal(["ann"], targets);
    }

    [Fact]
    public void Other_queues_agents_do_not_see_the_event()
    {
        var targets = audience.AgentConnectionsFor(new ConversationOpened(1, 8, null, T, "+1", null));

        Assert.Equal(["bob"], targets);
    }

    [Fact]
    public void A_conversation_in_no_queue_reaches_no_agent_only_the_everyone_group()
    {
        Assert.Empty(audience.AgentConnectionsFor(new ConversationOpened(1, null, null, T, "+1", null)));
        Assert.Empty(audience.AgentConnectionsFor(new MessageAdded(1, null, null, T, 10, MessageDirection.Inbound, MessageKind.Text)));
    }

    [Fact]
    public void A_transfer_reaches_the_agent_and_queue_that_lost_the_conversation()
    {
        var targets = audience.AgentConnectionsFor(new ConversationAssigned(1, 8, "b1", T, PreviousAgentId: "a1", PreviousQueueId: 7));

        Assert.Equal(["ann", "bob"], targets.Order());
    }

    [Fact]
    public void Presence_goes_to_supervisors_and_the_agent_themselves()
    {
        Assert.Equal(["ann"], audience.AgentConnectionsFor(new AgentPresenceChanged("a1", Presence.Away, T)));
    }

    [Fact]
    public void A_membership_change_takes_effect_on_open_connections()
    {
        audience.SetQueues("b1", new HashSet<int> { 7 });

        Assert.Contains("bob", audience.AgentConnectionsFor(new ConversationOpened(1, 7, null, T, "+1", null)));
    }

    [Fact]
    public void Disconnecting_a_user_aborts_and_forgets_their_connections_only()
    {
        var aborted = new List<string>();
        audience.Add("ann2", new HubAudience.Member("a1", SeesEverything: false, new HashSet<int> { 7 }), () => aborted.Add("ann2"));
        audience.Add("bob2", new HubAudience.Member("b1", SeesEverything: false, new HashSet<int> { 8 }), () => aborted.Add("bob2"));

        Assert.Equal(2, audience.Disconnect("a1"));

        Assert.Equal(["ann2"], aborted);
        Assert.Empty(audience.AgentConnectionsFor(new ConversationOpened(1, 7, null, T, "+1", null)));
        Assert.Equal(1, audience.EveryoneCount);
    }

    [Fact]
    public void In_a_batch_each_agent_gets_the_events_they_may_see_and_agents_who_see_the_same_share_one_send()
    {
        audience.Add("ann-2", new HubAudience.Member("a2", SeesEverything: false, new HashSet<int> { 7 }));
        var inSeven = new ConversationOpened(1, 7, null, T, "+1", null);
        var inEight = new ConversationOpened(2, 8, null, T, "+2", null);
        var again = new MessageAdded(1, 7, null, T, 10, MessageDirection.Inbound, MessageKind.Text);

        var parts = audience.AgentConnectionsFor([inSeven, inEight, again]);

        Assert.Equal(2, parts.Count);
        var seven = Assert.Single(parts, p => p.Connections.Contains("ann"));
        Assert.Equal(["ann", "ann-2"], seven.Connections.Order());
        Assert.Equal<LiveEvent>([inSeven, again], seven.Seen);
        var eight = Assert.Single(parts, p => p.Connections.Contains("bob"));
        Assert.Equal<LiveEvent>([inEight], eight.Seen);
    }
}
