using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace OmniWhatsApp.Tests.Core.Scaling;

/// <summary>Tests that start several instances and measure rates; they run alone, after the parallel collections.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InstancesCollection
{
    public const string Name = "Instances";
}

/// <summary>
/// Background work with two instances on one PostgreSQL and one Redis: the outbox is sent once, at each sender's
/// rate in total, and taken over when its owner goes; conversations are distributed once, within capacity.
/// </summary>
[Collection(InstancesCollection.Name)]
public sealed class TwoInstanceWorkTests(ITestOutputHelper output)
{
    private const int Rate = 80;

    [Fact]
    public async Task Messages_written_through_both_instances_are_each_sent_once_and_each_sender_keeps_its_rate_in_total()
    {
        // As in SenderRateTests: threads up front, so the receiver's times show pacing rather than a slow thread pool.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), io);
        await using var instances = await Instances.StartAsync(sharedTwilio: true);
        var (a, b) = (instances.A, instances.B);
        var channel = await a.CreateChannelAsync(numbers: 2);
        // One message per conversation, so only the senders' rates hold them back.
        var conversations = await OpenConversationsAsync(instances, channel, 200);
        var started = DateTimeOffset.UtcNow;

        // The outbox's lease is held while the messages are stored, as by an instance that is about to let go, so all
        // 400 wait and then both instances can send as fast as they are allowed: if both sent, a sender would make
        // about twice its rate.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var lease = $"{instances.RedisPrefix}:owner:{OutboxDispatcher.Work}";
        await Eventually.GetAsync(() => redis.GetDatabase().StringSetAsync(lease, "test", TimeSpan.FromMinutes(1), When.Exists), held => held,
            what: "the outbox's lease held by the test");
        // The owner notices at its next renewal (a real successor takes only an expired lease, after the owner stopped).
        await Eventually.Get(() => a.Logs.Concat(b.Logs).Count(l => l.Message.Contains("no longer owns outbox", StringComparison.Ordinal)), n => n == 1,
            what: "the owner noticed it lost the outbox");
        var sends = conversations.Select((c, i) => (Host: i % 2 == 0 ? a : b, Conversation: c, Body: $"Message {i}")).ToList();
        var ids = await SendAllAsync(sends.Select(s => (s.Host, s.Conversation.Id, s.Body)));
        Assert.DoesNotContain(instances.TwilioState.Messages, m => m.Direction == EmulatorMessage.Outbound && m.DateCreated >= started);
        await redis.GetDatabase().StringSetAsync(lease, "released", TimeSpan.FromMinutes(1));
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(lease + ":events"), "released");
        try
        {
            // Generous: on a saturated machine an owner can miss its renewal, and its successor then waits out Twilio:Timeout.
            await AllAcceptedAsync(a, ids, TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            foreach (var entry in a.Logs.Concat(b.Logs).Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning)) output.WriteLine(entry.ToString());
            throw;
        }

        var received = instances.TwilioState.Messages.Where(m => m.Direction == EmulatorMessage.Outbound && m.DateCreated >= started).ToList();
        // Exactly once: every body once at Twilio, and the SID stored is that send's.
        Assert.Equal(sends.Count, received.Count);
        var byBody = received.ToDictionary(m => m.Body!, StringComparer.Ordinal);
        foreach (var (send, id) in sends.Zip(ids)) Assert.Equal(byBody[send.Body].Sid, (await a.MessageAsync(id)).TwilioSid);
        // Only one instance sent, whichever took the outbox: every status callback names its address.
        Assert.Single(received.Select(m => new Uri(m.StatusCallback!).Authority).Distinct());

        foreach (var number in channel.Numbers)
        {
            var times = received.Where(m => m.From == PhoneNumber.WhatsAppPrefix + number.Number).Select(m => m.DateCreated).Order().ToList();
            Assert.Equal(200, times.Count);
            var busiest = times.Max(t => times.Count(u => u >= t && u < t.AddSeconds(1)));
            var perSecond = (times.Count - 1) / (times[^1] - times[0]).TotalSeconds;
            output.WriteLine($"{number.Number}: {times.Count} sends in {(times[^1] - times[0]).TotalMilliseconds:0} ms ({perSecond:0.0}/s); busiest second {busiest}");
            // The sender limits what leaves it to 80 in any second; measured where Twilio receives, each time carries
            // the transport's jitter, and sends that left just over a second apart can arrive just under it. At 80/s
            // sends are 12.5 ms apart, so 4 more covers 50 ms of jitter spread; two instances each sending at the
            // full rate would make about 160.
            Assert.True(busiest <= Rate + 4, $"{busiest} sends of {number.Number} within one second");
        }
    }

    [Fact]
    public async Task A_message_written_through_the_instance_that_does_not_send_is_sent_at_once_by_the_one_that_does()
    {
        // The owner looks at the database only every five minutes: a prompt send means B's wake-up reached it.
        await using var instances = await Instances.StartAsync(o => o.With("Outbox:PollInterval", "00:05:00"), sharedTwilio: true);
        var (a, b) = (instances.A, instances.B);
        var channel = await a.CreateChannelAsync();
        var conversation = (await OpenConversationsAsync(instances, channel, 1)).Single();
        await Eventually.Get(() => a.Logs.Any(l => l.Message.Contains("This instance owns outbox", StringComparison.Ordinal)), owns => owns,
            what: "A owns the outbox");

        var id = (await SendAllAsync([(b, conversation.Id, "Written on B")])).Single();

        await AllAcceptedAsync(b, [id], TimeSpan.FromSeconds(10));
        Assert.StartsWith(a.BaseUrl.ToString(), Assert.Single(Outbound(instances), m => m.Body == "Written on B").StatusCallback);
    }

    [Fact]
    public async Task When_the_sending_instance_goes_away_mid_send_the_other_finishes_its_work_without_sending_anything_twice()
    {
        // 20 a second: the 60 messages take three seconds, so A is stopped with most of them still to send.
        await using var instances = await Instances.StartAsync(o => o
            .With("Outbox:MessagesPerSecondPerSender", "20")
            .With("Twilio:Timeout", "00:00:03")
            .With("Outbox:InFlightLease", "00:00:30"), sharedTwilio: true);
        var (a, b) = (instances.A, instances.B);
        var channel = await a.CreateChannelAsync();
        var conversations = await OpenConversationsAsync(instances, channel, 60);
        // The first message reaches Twilio, which records it and never answers: uncertain when A stops.
        var faults = instances.Twilio!.GetRequiredService<EmulatorFaults>();
        faults.Add(EmulatorFault.AcceptThenStall(TimeSpan.FromMinutes(1), to: conversations[0].Customer));
        var sends = conversations.Select((c, i) => (Host: i % 2 == 0 ? a : b, c.Id, Body: $"Handover {i}")).ToList();
        var ids = await SendAllAsync(sends);

        await Eventually.Get(() => Outbound(instances).Count, n => n >= 15, what: "A has sent some of the messages");
        await a.DisposeAsync();
        var sentByA = Outbound(instances).Count;
        output.WriteLine($"A sent {sentByA} before it stopped");
        Assert.True(sentByA < sends.Count, "A had finished before it was stopped");

        // B takes the outbox over (A let go as it stopped) and sends the rest; the stalled one is found at Twilio.
        await AllAcceptedAsync(b, ids, TimeSpan.FromSeconds(20));
        var received = Outbound(instances);
        foreach (var (send, id) in sends.Zip(ids))
        {
            var sent = Assert.Single(received, m => m.Body == send.Body);
            Assert.Equal(sent.Sid, (await b.MessageAsync(id)).TwilioSid);
        }
        Assert.Contains(b.Logs, l => l.Message.Contains("This instance owns outbox", StringComparison.Ordinal));
        Assert.Contains(b.Logs, l => l.Message.Contains($"Message {ids[0]} was already accepted by Twilio", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Conversations_arriving_through_both_instances_are_each_assigned_once_within_every_agents_capacity()
    {
        const int agents = 20, capacity = 50, count = agents * capacity;
        await using var instances = await Instances.StartAsync();
        var (a, b) = (instances.A, instances.B);
        var channel = await WebhookChannel.CreateAsync(a);
        var team = new List<string>();
        for (var i = 0; i < agents; i++) team.Add(await a.AddAgentAsync($"Agent {i}", [channel.QueueId], capacity));

        // Half of the customers write to A, half to B, many at once.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var customers = Enumerable.Range(0, count).Select(_ => TestData.UniqueNumber()).ToList();
        using (var gate = new SemaphoreSlim(16))
        {
            await Task.WhenAll(customers.Select(async (customer, i) =>
            {
                await gate.WaitAsync();
                try
                {
                    var host = i % 2 == 0 ? a : b;
                    // Signed for the address it is posted to, as Twilio signs it.
                    var url = CallbackUrls.For(host.BaseUrl, channel.AccountId).Inbound;
                    using var response = await channel.PostAsync(url, channel.Inbound(customer, "Hello"));
                    response.EnsureSuccessStatusCode();
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        output.WriteLine($"{count} webhooks answered in {clock.ElapsedMilliseconds} ms");
        await using var db = await a.CreateDbContextAsync();
        var conversations = await Eventually.GetAsync(
            () => db.Conversations.AsNoTracking().Where(c => c.NumberId == channel.NumberId).Select(c => new { c.Id, c.AssignedAgentId, c.Status }).ToListAsync(),
            list => list.Count == count && list.All(c => c.AssignedAgentId != null), TimeSpan.FromSeconds(60), "every conversation assigned");
        output.WriteLine($"all assigned after {clock.ElapsedMilliseconds} ms");

        // Nothing closes here, so an agent's load only grows: at most their capacity at the end means never above it.
        var load = conversations.GroupBy(c => c.AssignedAgentId!).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(team, agent => Assert.Equal(capacity, load.GetValueOrDefault(agent)));
        // Each assigned once: one "Assigned to" line per conversation.
        var lines = await db.Messages.AsNoTracking()
            .Where(m => m.Kind == MessageKind.System && m.Conversation!.NumberId == channel.NumberId)
            .Select(m => new { m.ConversationId, m.Body }).ToListAsync();
        var assignedLines = lines.Where(l => TimelineLines.Render(TestLocalizer.Strings, l.Body ?? "").StartsWith("Assigned to ", StringComparison.Ordinal))
            .GroupBy(l => l.ConversationId).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(conversations, c => Assert.Equal(1, assignedLines.GetValueOrDefault(c.Id)));
    }

    [Fact]
    public async Task Two_admins_syncing_one_workstreams_templates_on_both_instances_at_once_get_each_template_once()
    {
        await using var instances = await Instances.StartAsync(sharedTwilio: true);
        var channel = await instances.A.CreateChannelAsync(templates: []);

        var reports = await Task.WhenAll(
            instances.A.WithServiceAsync((TemplateSyncService s) => s.SyncAsync(channel.WorkstreamId)),
            instances.B.WithServiceAsync((TemplateSyncService s) => s.SyncAsync(channel.WorkstreamId)));

        Assert.All(reports, r => Assert.True(r.Succeeded, r.FirstMessage));
        await using var db = await instances.A.CreateDbContextAsync();
        var names = await db.Templates.Where(t => t.WorkstreamId == channel.WorkstreamId).Select(t => t.Name).ToListAsync();
        // Every submitted template of the catalogue, the pending spring_sale too (a sync imports it with its status).
        Assert.Equal(["appointment_reminder", "order_update", "request_follow_up", "spring_sale"], names.Order(StringComparer.Ordinal));
        // Between them, the two syncs added the catalogue once.
        Assert.Equal(4, reports.Sum(r => r.Value!.Added));
    }

    /// <summary>Opens <paramref name="perNumber"/> conversations on each of the channel's numbers, known to the shared Twilio's window.</summary>
    private static async Task<List<TestConversation>> OpenConversationsAsync(Instances instances, TestChannel channel, int perNumber)
    {
        var now = DateTimeOffset.UtcNow;
        var made = new List<(Conversation Row, TestNumber Number)>();
        await using var db = await instances.A.CreateDbContextAsync();
        for (var i = 0; i < perNumber; i++)
        {
            foreach (var number in channel.Numbers)
            {
                var row = TestChannels.NewConversation(channel, number, now);
                db.Add(row);
                made.Add((row, number));
            }
        }
        await db.SaveChangesAsync();
        foreach (var (row, number) in made) instances.TwilioState.RecordInbound(number.Number, row.Customer!.Phone, now);
        return made.Select(m => new TestConversation(m.Row.Id, m.Number.Number, m.Row.Customer!.Phone)).ToList();
    }

    /// <summary>Stores each text through its host (several at once, as agents on both instances would); their ids, in order.</summary>
    private static async Task<long[]> SendAllAsync(IEnumerable<(AppHost Host, int ConversationId, string Body)> sends)
    {
        var list = sends.ToList();
        var supervisor = await list[0].Host.SupervisorAsync();
        using var gate = new SemaphoreSlim(8);
        return await Task.WhenAll(list.Select(async s =>
        {
            await gate.WaitAsync();
            try
            {
                var result = await s.Host.SendTextAsync(new SessionMessageInput(s.ConversationId, s.Body), supervisor);
                Assert.True(result.Succeeded, result.FirstMessage);
                return result.Value;
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private static async Task AllAcceptedAsync(AppHost host, long[] ids, TimeSpan timeout)
    {
        await Eventually.GetAsync(async () =>
        {
            await using var db = await host.CreateDbContextAsync();
            return await db.Messages.AsNoTracking().CountAsync(m => ids.Contains(m.Id) && m.Dispatch == DispatchState.Accepted);
        }, n => n == ids.Length, timeout, $"all {ids.Length} messages accepted");
    }

    private static List<EmulatorMessage> Outbound(Instances instances) =>
        instances.TwilioState.Messages.Where(m => m.Direction == EmulatorMessage.Outbound).ToList();
}
