using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Conversations;

/// <summary>Transfer, resolve, notes and who may do them, through the services the inbox uses.</summary>
[Trait("Storage", "Both")]
public sealed class ConversationActionTests(ClockHost host) : IClassFixture<ClockHost>
{
    private AppHost App => host.App;
    private ConversationService Conversations => App.GetRequiredService<ConversationService>();

    [Fact]
    public async Task Transfer_to_a_queue_puts_it_back_to_waiting_there_frees_the_agent_and_says_so()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var billing = await App.WithServiceAsync((RoutingService s) => s.CreateQueueAsync(new QueueInput { Name = TestData.UniqueName("Billing") }));
        var alex = await App.AddAgentAsync("Alex", [channel.QueueId], capacity: 1);
        var first = await channel.OpenConversationAsync();
        await App.AssignedAsync(first, alex);
        var next = await channel.OpenConversationAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(3));
        var events = new List<LiveEvent>();
        using var _ = App.GetRequiredService<IConversationEvents>().Subscribe(e => { lock (events) events.Add(e); return Task.CompletedTask; });

        var moved = await Conversations.TransferToQueueAsync(first, billing.Value, Actor.Agent(alex));

        Assert.True(moved.Succeeded, moved.FirstMessage);
        var transferred = await App.ConversationAsync(first);
        Assert.Equal((ConversationStatus.Waiting, billing.Value, (string?)null), (transferred.Status, transferred.QueueId, transferred.AssignedAgentId));
        Assert.Equal(host.Clock.Now, transferred.QueuedAt);
        var queueName = (await App.WithServiceAsync((RoutingService s) => s.ListQueuesAsync())).Single(q => q.Id == billing.Value).Name;
        Assert.Contains($"Transferred to {queueName} by Alex", await App.SystemLinesAsync(first));
        // Alex's only unit is free again: the conversation waiting in their queue comes to them.
        await App.AssignedAsync(next, alex);
        Func<bool> published = () => { lock (events) return events.OfType<ConversationAssigned>().Any(e => e.ConversationId == first && e.AgentId == null && e.PreviousAgentId == alex); };
        await Eventually.Get(published, x => x, what: "the transfer event");
    }

    [Fact]
    public async Task An_agent_transfers_to_an_online_colleague_with_room_in_the_queue_only()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var other = await WebhookChannel.CreateAsync(App);
        var alex = await App.AddAgentAsync("Alex", [channel.QueueId], capacity: 1);
        var offline = await App.AddAgentAsync("Olly Offline", [channel.QueueId], presence: Presence.Offline);
        var outsider = await App.AddAgentAsync("Ursula", [other.QueueId]);
        var bea = await App.AddAgentAsync("Bea", [channel.QueueId], capacity: 2, presence: Presence.Busy);
        var id = await channel.OpenConversationAsync();
        await App.AssignedAsync(id, alex);

        var targets = (await App.GetRequiredService<InboxQueries>().TransferTargetsAsync(id, Actor.Agent(alex))).Value!;
        Assert.Equal([("Bea", true), ("Olly Offline", false)], targets.Agents.Select(a => (a.Name, a.CanReceive)));
        Assert.Contains(targets.Queues, q => q.QueueId == channel.QueueId && q.IsCurrent);
        var forSupervisor = (await App.GetRequiredService<InboxQueries>().TransferTargetsAsync(id, await App.SupervisorAsync())).Value!;
        Assert.All(forSupervisor.Agents, a => Assert.True(a.CanReceive));
        Assert.False((await App.GetRequiredService<InboxQueries>().TransferTargetsAsync(id, Actor.Agent(bea))).Succeeded);

        Assert.Equal("Olly Offline is offline.", (await Conversations.TransferToAgentAsync(id, offline, Actor.Agent(alex))).FirstMessage);
        Assert.StartsWith("Ursula is not a member of the queue", (await Conversations.TransferToAgentAsync(id, outsider, Actor.Agent(alex))).FirstMessage);
        var moved = await Conversations.TransferToAgentAsync(id, bea, Actor.Agent(alex));

        Assert.True(moved.Succeeded, moved.FirstMessage);
        Assert.Equal(bea, (await App.ConversationAsync(id)).AssignedAgentId);
        Assert.Contains("Transferred to Bea by Alex", await App.SystemLinesAsync(id));
    }

    [Fact]
    public async Task Resolve_closes_it_and_writes_who_did()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var alex = await App.AddAgentAsync("Alex", [channel.QueueId]);
        var id = await channel.OpenConversationAsync();
        await App.AssignedAsync(id, alex);
        host.Clock.Advance(TimeSpan.FromMinutes(7));

        var resolved = await Conversations.ResolveAsync(id, Actor.Agent(alex));

        Assert.True(resolved.Succeeded, resolved.FirstMessage);
        var closed = await App.ConversationAsync(id);
        Assert.Equal(ConversationStatus.Closed, closed.Status);
        Assert.Equal(host.Clock.Now, closed.ClosedAt);
        Assert.Equal("Resolved by Alex", (await App.SystemLinesAsync(id)).Last());
        Assert.Equal("The conversation is closed.", (await Conversations.ResolveAsync(id, Actor.Agent(alex))).FirstMessage);
        Assert.Empty(await App.GetRequiredService<InboxQueries>().MyConversationsAsync(alex));
    }

    [Fact]
    public async Task An_agent_cannot_act_on_or_read_another_queue_s_conversation()
    {
        var theirs = await WebhookChannel.CreateAsync(App);
        var mine = await WebhookChannel.CreateAsync(App);
        var owner = await App.AddAgentAsync("Owner", [theirs.QueueId]);
        var intruder = await App.AddAgentAsync("Intruder", [mine.QueueId]);
        var id = await theirs.OpenConversationAsync();
        await App.AssignedAsync(id, owner);
        var as_ = Actor.Agent(intruder);
        const string notYours = "Only the agent handling this conversation, or a supervisor, can do that.";

        Assert.Equal(notYours, (await Conversations.ResolveAsync(id, as_)).FirstMessage);
        Assert.Equal(notYours, (await Conversations.TransferToQueueAsync(id, mine.QueueId, as_)).FirstMessage);
        Assert.Equal(notYours, (await Conversations.TransferToAgentAsync(id, intruder, as_)).FirstMessage);
        Assert.Equal("You cannot see this conversation.", (await Conversations.AddNoteAsync(id, "psst", as_)).FirstMessage);
        var read = await App.GetRequiredService<InboxQueries>().ConversationAsync(id, as_);
        Assert.False(read.Succeeded);
        Assert.Equal("You cannot see this conversation.", read.FirstMessage);
        Assert.True((await App.GetRequiredService<InboxQueries>().MarkReadAsync(id, as_)).Succeeded);

        var conversation = await App.ConversationAsync(id);
        Assert.Equal((ConversationStatus.Active, owner, theirs.QueueId, (long?)null), (conversation.Status, conversation.AssignedAgentId, conversation.QueueId, conversation.LastReadMessageId));
    }

    [Fact]
    public async Task A_queue_colleague_can_read_and_note_but_not_act_and_a_supervisor_can_do_all()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var owner = await App.AddAgentAsync("Owner", [channel.QueueId]);
        var id = await channel.OpenConversationAsync();
        await App.AssignedAsync(id, owner);
        var colleague = await App.AddAgentAsync("Colleague", [channel.QueueId], presence: Presence.Away);
        var supervisor = await App.SupervisorAsync();

        var view = await App.GetRequiredService<InboxQueries>().ConversationAsync(id, Actor.Agent(colleague));
        Assert.True(view.Succeeded, view.FirstMessage);
        Assert.False(view.Value!.Header.CanAct);
        Assert.True((await Conversations.AddNoteAsync(id, "Customer called before", Actor.Agent(colleague))).Succeeded);
        Assert.False((await Conversations.ResolveAsync(id, Actor.Agent(colleague))).Succeeded);

        var supervisorView = await App.GetRequiredService<InboxQueries>().ConversationAsync(id, supervisor);
        Assert.True(supervisorView.Value!.Header.CanAct);
        Assert.False(supervisorView.Value.Header.IsMine);
        Assert.True((await Conversations.ResolveAsync(id, supervisor)).Succeeded);
        Assert.Equal("Resolved by Sam Supervisor", (await App.SystemLinesAsync(id)).Last());
    }

    [Fact]
    public async Task An_internal_note_is_kept_on_the_timeline_and_never_reaches_the_customer()
    {
        var channel = await App.CreateChannelAsync();
        var conversation = await App.OpenConversationAsync(channel);
        var supervisor = await App.SupervisorAsync();

        Assert.True((await Conversations.AddNoteAsync(conversation.Id, "Customer is a VIP, be quick", supervisor)).Succeeded);
        var sent = await App.SendTextAsync(new SessionMessageInput(conversation.Id, "Hello, how can we help?"));
        Assert.True(sent.Succeeded, sent.FirstMessage);

        // The reply written after the note reaches Twilio (the outbox sends a conversation's messages in order); the note does not.
        await Eventually.GetAsync(() => Task.FromResult(App.SentTo(conversation)), m => m.Any(x => x.Body == "Hello, how can we help?"), what: "the reply at Twilio");
        Assert.DoesNotContain(App.SentTo(conversation), m => m.Body?.Contains("VIP") == true);
        await using var db = await App.CreateDbContextAsync();
        var note = await db.Messages.AsNoTracking().SingleAsync(m => m.ConversationId == conversation.Id && m.Body == "Customer is a VIP, be quick");
        Assert.Equal((MessageKind.Note, DispatchState.None, (string?)null), (note.Kind, note.Dispatch, note.TwilioSid));
    }
}
