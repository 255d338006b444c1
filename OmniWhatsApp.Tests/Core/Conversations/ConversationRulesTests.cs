using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Tests.Core.Conversations;

public sealed class ConversationRulesTests
{
    private static readonly DateTimeOffset Inbound = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);
    private static readonly IReadOnlySet<int> AnnsQueues = new HashSet<int> { 7 };
    private static readonly Actor Ann = Actor.Agent("ann");
    private static readonly Actor Sue = Actor.Supervisor("sue");

    [Fact]
    public void Window_is_open_one_tick_before_24h_after_the_last_inbound()
    {
        var end = ConversationRules.WindowEndsAt(Inbound);
        Assert.True(ConversationRules.IsWindowOpen(end, Inbound.AddHours(24).AddTicks(-1)));
    }

    [Fact]
    public void Window_closes_exactly_24h_after_the_last_inbound()
    {
        var end = ConversationRules.WindowEndsAt(Inbound);
        Assert.Equal(Inbound.AddHours(24), end);
        Assert.False(ConversationRules.IsWindowOpen(end, Inbound.AddHours(24)));
    }

    [Fact]
    public void A_conversation_with_no_inbound_message_has_no_open_window()
    {
        Assert.Null(ConversationRules.WindowEndsAt(null));
        Assert.False(ConversationRules.IsWindowOpen(null, Inbound));
    }

    [Fact]
    public void The_query_filters_agree_with_the_window_at_its_boundaries()
    {
        var end = ConversationRules.WindowEndsAt(Inbound);
        var open = ConversationRules.WindowOpenAt(Inbound.AddHours(24)).Compile();
        var openBefore = ConversationRules.WindowOpenAt(Inbound.AddHours(24).AddTicks(-1)).Compile();
        var closedBy = ConversationRules.WindowClosedBy(Inbound.AddHours(24)).Compile();
        var closedBefore = ConversationRules.WindowClosedBy(Inbound.AddHours(24).AddTicks(-1)).Compile();
        var conversation = new Conversation { WindowEndsAt = end };
        var neverOpened = new Conversation { WindowEndsAt = null };

        Assert.False(open(conversation));
        Assert.True(openBefore(conversation));
        Assert.True(closedBy(conversation));
        Assert.False(closedBefore(conversation));
        Assert.False(open(neverOpened));
        Assert.False(closedBy(neverOpened));
    }

    [Theory]
    [InlineData(ConversationStatus.Waiting, true)]
    [InlineData(ConversationStatus.Active, true)]
    [InlineData(ConversationStatus.Closed, false)]
    public void Waiting_and_active_conversations_are_open(ConversationStatus status, bool open)
    {
        Assert.Equal(open, ConversationRules.IsOpen(status));
        Assert.Equal(open, ConversationRules.Open.Compile()(new Conversation { Status = status }));
    }

    [Fact]
    public void Outside_the_window_live_Twilio_takes_a_template_only_by_its_Content_SID()
    {
        var end = ConversationRules.WindowEndsAt(Inbound);
        var closed = Inbound.AddHours(24);
        Assert.False(ConversationRules.MaySendTemplate(live: true, hasContentSid: false, end, closed));
        Assert.True(ConversationRules.MaySendTemplate(live: true, hasContentSid: true, end, closed));
        Assert.True(ConversationRules.MaySendTemplate(live: false, hasContentSid: false, end, closed));
        Assert.True(ConversationRules.MaySendTemplate(live: true, hasContentSid: false, end, closed.AddTicks(-1)));
    }

    [Fact]
    public void Supervisors_and_admins_see_every_conversation()
    {
        Assert.True(ConversationRules.MaySee(seesEverything: true, "sue", new HashSet<int>(), assignedAgentId: "bob", queueId: 8));
        Assert.True(ConversationRules.MaySee(seesEverything: true, "sue", new HashSet<int>(), assignedAgentId: null, queueId: null));
    }

    [Fact]
    public void An_agent_sees_the_conversations_assigned_to_them_and_those_of_their_queues()
    {
        Assert.True(ConversationRules.MaySee(false, "ann", AnnsQueues, assignedAgentId: "ann", queueId: 8));
        Assert.True(ConversationRules.MaySee(false, "ann", AnnsQueues, assignedAgentId: "bob", queueId: 7));
        Assert.True(ConversationRules.MaySee(false, "ann", AnnsQueues, assignedAgentId: null, queueId: 7));
        Assert.False(ConversationRules.MaySee(false, "ann", AnnsQueues, assignedAgentId: "bob", queueId: 8));
        Assert.False(ConversationRules.MaySee(false, "ann", AnnsQueues, assignedAgentId: null, queueId: null));
    }

    [Fact]
    public void A_transfer_concerns_the_agent_and_the_queue_it_left()
    {
        var at = Inbound;
        Assert.True(ConversationRules.Concerns("ann", AnnsQueues, new ConversationAssigned(1, 8, "bob", at, PreviousAgentId: "ann", PreviousQueueId: 8)));
        Assert.True(ConversationRules.Concerns("ann", AnnsQueues, new ConversationAssigned(1, 8, null, at, PreviousAgentId: null, PreviousQueueId: 7)));
        Assert.False(ConversationRules.Concerns("ann", AnnsQueues, new ConversationAssigned(1, 8, "bob", at, PreviousAgentId: "carl", PreviousQueueId: 9)));
        Assert.False(ConversationRules.Concerns("ann", AnnsQueues, new ConversationClosed(1, 8, "bob", at)));
        Assert.True(ConversationRules.Concerns("ann", AnnsQueues, new ConversationClosed(1, 7, "bob", at)));
    }

    [Theory]
    [InlineData(ConversationStatus.Active, "ann", true)]
    [InlineData(ConversationStatus.Active, "bob", false)]
    [InlineData(ConversationStatus.Waiting, "ann", false)]
    [InlineData(ConversationStatus.Closed, "ann", false)]
    public void The_handler_is_the_agent_of_an_active_conversation(ConversationStatus status, string? agentId, bool expected)
    {
        Assert.Equal(expected, ConversationRules.IsHandler("ann", status, agentId));
    }

    [Theory]
    [InlineData(ConversationStatus.Active, "ann", Permission.Allowed)]
    [InlineData(ConversationStatus.Active, "bob", Permission.NotHandler)]
    [InlineData(ConversationStatus.Waiting, null, Permission.NotHandler)]
    [InlineData(ConversationStatus.Waiting, "ann", Permission.NotHandler)]
    [InlineData(ConversationStatus.Closed, "ann", Permission.Closed)]
    public void An_agent_acts_only_on_an_active_conversation_assigned_to_them(ConversationStatus status, string? agentId, Permission expected)
    {
        Assert.Equal(expected, ConversationRules.MayAct(Ann, status, agentId));
        Assert.Equal(expected, ConversationRules.MaySend(Ann, status, agentId));
    }

    [Theory]
    [InlineData(ConversationStatus.Active, "ann", Permission.Allowed)]
    [InlineData(ConversationStatus.Waiting, null, Permission.Allowed)]
    [InlineData(ConversationStatus.Closed, "ann", Permission.Closed)]
    [InlineData(ConversationStatus.Closed, null, Permission.Closed)]
    public void Supervisors_and_admins_act_on_any_open_conversation(ConversationStatus status, string? agentId, Permission expected)
    {
        Assert.Equal(expected, ConversationRules.MayAct(Sue, status, agentId));
        Assert.Equal(expected, ConversationRules.MaySend(Sue, status, agentId));
    }

    [Theory]
    [InlineData(ConversationStatus.Waiting)]
    [InlineData(ConversationStatus.Active)]
    [InlineData(ConversationStatus.Closed)]
    public void The_system_sends_its_automated_messages_in_any_status(ConversationStatus status)
    {
        Assert.Equal(Permission.Allowed, ConversationRules.MaySend(sender: null, status, assignedAgentId: null));
    }

    [Theory]
    [InlineData(ConversationStatus.Waiting, ConversationStatus.Active, true)]
    [InlineData(ConversationStatus.Waiting, ConversationStatus.Waiting, true)]
    [InlineData(ConversationStatus.Waiting, ConversationStatus.Closed, true)]
    [InlineData(ConversationStatus.Active, ConversationStatus.Active, true)]
    [InlineData(ConversationStatus.Active, ConversationStatus.Waiting, true)]
    [InlineData(ConversationStatus.Active, ConversationStatus.Closed, true)]
    [InlineData(ConversationStatus.Closed, ConversationStatus.Waiting, false)]
    [InlineData(ConversationStatus.Closed, ConversationStatus.Active, false)]
    [InlineData(ConversationStatus.Closed, ConversationStatus.Closed, false)]
    public void Open_conversations_move_freely_and_a_closed_one_never_reopens(ConversationStatus from, ConversationStatus to, bool allowed)
    {
        Assert.Equal(allowed, ConversationRules.MayMove(from, to));
    }
}
