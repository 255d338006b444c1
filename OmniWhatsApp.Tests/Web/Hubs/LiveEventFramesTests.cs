using System.Text.Json;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Web.Hubs;

/// <summary>
/// What a hub client receives when events come in bursts (decision 0015): each conversation's events in the order they
/// were published, several to a WebSocket message, and nothing the inbox or the dashboard shows left out.
/// </summary>
[Collection(AppCollection.Name)]
[Trait("Storage", "Both")]
public sealed class LiveEventFramesTests(AppHost app)
{
    /// <summary>Conversation ids no test creates: the events below are about nothing in the database.</summary>
    private static int unusedConversation = 2_000_000_000;

    private static readonly DateTimeOffset T = DateTimeOffset.UnixEpoch;

    [Fact]
    public async Task Events_published_one_after_another_reach_a_client_in_that_order_for_each_conversation()
    {
        await using var hub = await HubClient.ConnectAsync(app, DemoData.Supervisor);
        var conversations = Enumerable.Range(0, 8).Select(_ => Interlocked.Increment(ref unusedConversation)).ToList();
        var events = app.GetRequiredService<IConversationEvents>();

        // Interleaved, as a busy instance publishes them: message 1 of every conversation, then message 2 of every one, …
        for (var message = 1; message <= 50; message++)
        {
            foreach (var conversation in conversations) events.Publish(new MessageAdded(conversation, null, null, T, message, MessageDirection.Outbound, MessageKind.Note));
        }

        var received = await Eventually.GetAsync(() => Task.FromResult(MessagesAdded(hub, conversations)), r => r.Count == 400, what: "all 400 events at the client");
        foreach (var conversation in conversations)
        {
            Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), received.Where(r => r.Conversation == conversation).Select(r => r.Message));
        }
    }

    [Fact]
    public async Task A_burst_reaches_supervisors_and_agents_in_a_few_frames_not_one_per_event()
    {
        var queue = await app.AddQueueAsync("Burst");
        var agent = await app.AddSignInAgentAsync("Burst Bea", [queue]);
        await using var supervisorHub = await HubClient.ConnectAsync(app, DemoData.Supervisor);
        await using var agentHub = await HubClient.ConnectAsync(app, agent.User);
        var conversation = Interlocked.Increment(ref unusedConversation);
        var events = app.GetRequiredService<IConversationEvents>();

        for (var message = 1; message <= 40; message++) events.Publish(new MessageAdded(conversation, queue, null, T, message, MessageDirection.Inbound, MessageKind.Text));

        foreach (var hub in new[] { supervisorHub, agentHub })
        {
            await Eventually.GetAsync(() => Task.FromResult(MessagesAdded(hub, [conversation])), r => r.Count == 40, what: "the 40 events at the client");
            var frames = hub.ReceivedWithFrames.Where(r => r.Target == "messageReceived" && ConversationOf(r.Argument) == conversation).Select(r => r.Frame).Distinct().Count();
            Assert.InRange(frames, 1, 4);
        }
    }

    [Fact]
    public async Task A_greeting_its_status_ticks_and_the_new_conversation_reach_the_queues_agent_and_the_supervisor_in_order()
    {
        var channel = await WebhookChannel.CreateAsync(app, b => b.GreetingMessage = "Hello! An agent will be with you shortly.");
        var agent = await app.AddSignInAgentAsync("Tick Tia", [channel.QueueId]);
        await using var agentHub = await HubClient.ConnectAsync(app, agent.User);
        await using var supervisorHub = await HubClient.ConnectAsync(app, DemoData.Supervisor);
        var customer = TestData.UniqueNumber();

        var sent = await app.GetRequiredService<EmulatorCustomerChannel>().SendFromCustomerAsync(channel.Number, customer, "Tess", "Is anyone there?");
        Assert.Equal(CustomerMessageOutcome.Delivered, sent.Outcome);

        foreach (var hub in new[] { agentHub, supervisorHub })
        {
            var opened = await hub.WaitForAsync(t => t == "conversationOpened", TimeSpan.FromSeconds(10), e => e.GetProperty("customerPhone").GetString() == customer);
            Assert.NotNull(opened);
            var id = ConversationOf(opened.Value);
            // The tick an agent's timeline shows last: the greeting was read.
            var read = await hub.WaitForAsync(t => t == "messageStatusChanged", TimeSpan.FromSeconds(15),
                e => ConversationOf(e) == id && e.GetProperty("status").GetInt32() == (int)MessageStatus.Read);
            Assert.NotNull(read);
            var greeting = read.Value.GetProperty("messageId").GetInt64();

            var about = hub.Received.Where(r => r.Argument.ValueKind == JsonValueKind.Object && r.Argument.TryGetProperty("conversationId", out var c) && c.GetInt32() == id).ToList();
            var order = about.Select(r => r.Target).ToList();
            Assert.Equal("conversationOpened", order[0]);
            Assert.Equal("messageReceived", order[1]);
            var added = order.FindIndex(t => t == "messageAdded");
            Assert.True(added > 1, string.Join(", ", order));
            Assert.Equal(greeting, about[added].Argument.GetProperty("messageId").GetInt64());
            var statuses = about.Select((r, i) => (r, i)).Where(p => p.r.Target == "messageStatusChanged").ToList();
            Assert.All(statuses, s => Assert.True(s.i > added, "a status change came before its message"));
            var ticks = statuses.Select(s => s.r.Argument.GetProperty("status").GetInt32()).ToList();
            Assert.Equal(ticks.Order(), ticks);
            Assert.Equal((int)MessageStatus.Read, ticks[^1]);
        }
    }

    private static int ConversationOf(JsonElement e) => e.GetProperty("conversationId").GetInt32();

    private static List<(int Conversation, long Message)> MessagesAdded(HubClient hub, IReadOnlyCollection<int> conversations) =>
        hub.Received
            .Where(r => r.Target is "messageAdded" or "messageReceived" && conversations.Contains(ConversationOf(r.Argument)))
            .Select(r => (ConversationOf(r.Argument), r.Argument.GetProperty("messageId").GetInt64()))
            .ToList();
}
