using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Bench;

/// <summary>Who listens at the hub in a push run: the demo supervisor (sees every event) or agents of the demo queue.</summary>
public enum PushAudience { Supervisors, Agents }

/// <summary>
/// Webhook → event latency at hub clients, and what each client receives per new conversation (frames, SignalR
/// messages, bytes), for supervisors and for agents in the queue the conversations land in.
/// </summary>
public static class PushBench
{
    private const string AgentPassword = "Agent#Bench2026";

    /// <summary>The runs with the demo channel's greeting on: supervisors, then agents in the demo queue.</summary>
    public static async Task WithGreetingAsync(BenchApp app, WebhookTarget target, int clients, bool quick)
    {
        var seconds = quick ? 3 : 8;
        await PushLatencyAsync([app], target, clients, rate: 200, seconds, warmUp: false, PushAudience.Supervisors);
        Console.WriteLine();
        await PushLatencyAsync([app], target, clients, rate: 200, seconds, warmUp: false, PushAudience.Agents);
    }

    /// <summary>
    /// Webhook → event latency: <paramref name="clients"/> hub connections listen while first messages from new
    /// customers arrive at a steady rate; each client's arrival time of the "conversationOpened" event is compared with
    /// the moment the webhook was sent. Supervisors receive every event; agents (one user per connection, all in the
    /// demo queue, none Available, so nothing is assigned) receive their queue's. With several instances the clients are
    /// spread over them (and the webhooks too, by <paramref name="target"/>), so most events cross from one instance to
    /// another. Frames and bytes are counted from the first webhook until every outbound message the run caused (the
    /// greeting) is read, so they hold everything a conversation brings each client.
    /// </summary>
    public static async Task<PushResult> PushLatencyAsync(IReadOnlyList<BenchApp> apps, WebhookTarget target, int clients, int rate, int seconds, bool warmUp,
        PushAudience audience = PushAudience.Supervisors)
    {
        var cookies = audience == PushAudience.Supervisors
            ? await SupervisorsAsync(apps, clients)
            : await AgentsAsync(apps, clients);
        var listeners = new List<HubListener>(clients);
        for (var i = 0; i < clients; i++)
        {
            var listener = new HubListener();
            await listener.ConnectAsync(apps[i % apps.Count].BaseUrl, cookies[i]);
            listeners.Add(listener);
        }
        await Task.Delay(500);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });
        // The hub's paths run only here: give the JIT a few seconds of the same load to optimise them first.
        if (warmUp)
        {
            var first = target.FirstContacts(rate * 3);
            CustomersWrote(apps, first);
            await Load.RunPacedAsync(http, first.Select(m => m.Create).ToList(), rate);
            await Task.Delay(500);
        }
        await OutboxSettledAsync(apps[0]);

        var messages = target.FirstContacts(rate * seconds);
        CustomersWrote(apps, messages);
        var sentAt = new long[messages.Count];
        foreach (var listener in listeners) listener.ResetCounts();
        var cpu = Machine.ProcessCpu();
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var wait = TimeSpan.FromSeconds((double)i / rate) - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            var index = i;
            inFlight.Add(Task.Run(async () =>
            {
                sentAt[index] = Stopwatch.GetTimestamp();
                using var request = messages[index].Create();
                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
            }));
        }
        await Task.WhenAll(inFlight);
        await Task.Delay(1000);
        cpu = Machine.ProcessCpu() - cpu;
        var load = Machine.LoadAverage();
        var settled = await OutboxSettledAsync(apps[0]);
        await Task.Delay(500);

        var latencies = new List<double>(messages.Count * clients);
        var missing = 0;
        long frames = 0, received = 0, bytes = 0;
        var byEvent = new long[HubListener.CountedEvents.Length];
        foreach (var listener in listeners)
        {
            for (var i = 0; i < messages.Count; i++)
            {
                if (listener.Arrivals.TryGet(messages[i].Customer, out var arrived)) latencies.Add(Stopwatch.GetElapsedTime(sentAt[i], arrived).TotalMilliseconds);
                else missing++;
            }
            frames += listener.Frames;
            received += listener.Messages;
            bytes += listener.Bytes;
            var counts = listener.EventCounts;
            for (var k = 0; k < byEvent.Length; k++) byEvent[k] += counts[k];
        }
        foreach (var listener in listeners) await listener.DisposeAsync();

        latencies.Sort();
        double At(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
        double PerConversation(long total) => (double)total / clients / messages.Count;
        var who = audience == PushAudience.Supervisors ? "supervisors' hub clients (every event)" : "agents' hub clients (one agent each, all in the demo queue)";
        Console.WriteLine($"Push: webhook sent → event at each of {clients} {who}, {rate} new conversations/s for {seconds} s");
        Console.WriteLine($"  {latencies.Count:N0} deliveries   p50 {At(0.5):0.0} ms   p99 {At(0.99):0.0} ms   missing {missing}");
        Console.WriteLine($"  CPU (app and clients together) {cpu.TotalSeconds:0.0} s = {cpu.TotalMilliseconds * 1000 / Math.Max(1, latencies.Count):0.0} µs per delivery   load average {load}");
        Console.WriteLine($"  per conversation, at each client: {PerConversation(frames):0.00} frames, {PerConversation(received):0.00} events, {PerConversation(bytes):0} bytes"
            + (settled ? "" : "   (outbox not settled: counts incomplete)"));
        Console.WriteLine("    " + string.Join(", ", HubListener.CountedEvents.Select((name, k) => (name, k)).Where(p => byEvent[p.k] > 0)
            .Select(p => $"{p.name} {PerConversation(byEvent[p.k]):0.00}")));
        return new PushResult(latencies.Count, missing, At(0.5), At(0.99), PerConversation(frames), PerConversation(bytes));
    }

    /// <summary>
    /// The emulated WhatsApp learns that these customers wrote (the webhooks skip it, posted straight to the app), so it
    /// accepts the greeting in their 24-hour window and sends its status callbacks (queued, sent, delivered, read), as
    /// for a real customer, instead of refusing it with 63016.
    /// </summary>
    private static void CustomersWrote(IReadOnlyList<BenchApp> apps, IReadOnlyList<(string Customer, Func<HttpRequestMessage> Create)> messages)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var app in apps)
        {
            var emulator = app.Services.GetRequiredService<OmniWhatsApp.Web.Emulator.EmulatorState>();
            foreach (var (customer, _) in messages) emulator.RecordInbound(DemoData.DemoNumber, customer, now);
        }
    }

    private static async Task<List<CookieContainer>> SupervisorsAsync(IReadOnlyList<BenchApp> apps, int clients)
    {
        var perApp = new List<CookieContainer>();
        foreach (var app in apps) perApp.Add(await HubListener.SignInAsync(app.BaseUrl, DemoData.Supervisor.Email, DemoData.Supervisor.Password));
        return Enumerable.Range(0, clients).Select(i => perApp[i % apps.Count]).ToList();
    }

    /// <summary>
    /// <paramref name="clients"/> agents in the demo queue (created once, then reused), each signed in on the instance
    /// its connection goes to. They are never Available (no browser tab), so conversations wait in the queue as they do
    /// for supervisors' runs, and every agent may see every new conversation.
    /// </summary>
    private static async Task<List<CookieContainer>> AgentsAsync(IReadOnlyList<BenchApp> apps, int clients)
    {
        var emails = Enumerable.Range(0, clients).Select(i => $"bench-agent-{i:000}@agents.bench").ToList();
        await using (var scope = apps[0].Services.CreateAsyncScope())
        {
            var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OmniDbContext>>().CreateDbContextAsync();
            await using var _ = db;
            var queueId = await db.Queues.Where(q => q.Name == DemoData.DemoQueue).Select(q => q.Id).SingleAsync();
            var existing = (await db.Users.Select(u => u.Email).ToListAsync()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var users = scope.ServiceProvider.GetRequiredService<UserService>();
            foreach (var (email, i) in emails.Select((e, i) => (e, i)).Where(p => !existing.Contains(p.e)))
            {
                var created = await users.CreateAsync(new UserInput
                {
                    Email = email,
                    DisplayName = $"Bench Agent {i:000}",
                    Role = Roles.Agent,
                    Capacity = 3,
                    Password = AgentPassword,
                    QueueIds = [queueId],
                });
                if (!created.Succeeded) throw new InvalidOperationException($"Bench agent {email}: {created.FirstMessage}");
            }
        }
        var cookies = new List<CookieContainer>(clients);
        for (var i = 0; i < clients; i++) cookies.Add(await HubListener.SignInAsync(apps[i % apps.Count].BaseUrl, emails[i], AgentPassword));
        return cookies;
    }

    /// <summary>
    /// Waits until every outbound message has a final status (the greetings of earlier runs sent, and their status
    /// callbacks in) and no open conversation waits for its greeting (the worker writes it a little after the
    /// conversation opens; with the greeting off it only marks the conversation greeted), so that a run neither inherits another's dispatch nor misses its own
    /// events; false after a minute, or when nothing has moved for 5 s. The worker greets 100 conversations a round and,
    /// once the webhooks stop waking it, sweeps every 10 s: the greetings still missing are written by running its
    /// greeting chore here, so the tail of a burst is counted without waiting for the sweeps.
    /// </summary>
    private static async Task<bool> OutboxSettledAsync(BenchApp app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<OmniDbContext>>();
        var deadline = Stopwatch.StartNew();
        var still = Stopwatch.StartNew();
        var last = (Open: -1, Missing: -1);
        var worker = app.Services.GetRequiredService<OmniWhatsApp.Core.Distribution.AutomationWorker>();
        while (deadline.Elapsed < TimeSpan.FromMinutes(1) && still.Elapsed < TimeSpan.FromSeconds(5))
        {
            await using var db = await factory.CreateDbContextAsync();
            var open = await db.Messages.CountAsync(m => m.Direction == MessageDirection.Outbound && m.Kind != MessageKind.System && m.Kind != MessageKind.Note
                && m.Status < MessageStatus.Read);
            var missing = await db.Conversations.CountAsync(c => c.GreetedAt == null && c.Status != OmniWhatsApp.Core.Conversations.ConversationStatus.Closed);
            if (open == 0 && missing == 0) return true;
            if ((open, missing) != last) (last, still) = ((open, missing), Stopwatch.StartNew());
            if (missing > 0) await worker.Greetings.RunOnceAsync();
            else await Task.Delay(250);
        }
        return false;
    }
}

/// <summary>Webhook → event deliveries at the hub clients, the ones that never came, and what each client received per conversation.</summary>
public sealed record PushResult(int Deliveries, int Missing, double P50Ms, double P99Ms, double FramesPerConversation, double BytesPerConversation);
