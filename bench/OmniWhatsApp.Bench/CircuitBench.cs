using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Bench;

/// <summary>
/// Memory per open inbox and time to interactive: real agents' inbox tabs in headless Chromium against the app on
/// loopback. The browser is driven from a child process (<see cref="CircuitDriver"/>), so the Playwright client's own
/// objects are not in the heap measured here: this process's managed heap and working set are the server's.
/// Usage: dotnet run -c Release --project bench/OmniWhatsApp.Bench -- --circuits [--quick]
/// </summary>
public static class CircuitBench
{
    private const int Queues = 6;
    private const int MinePerAgent = 5;
    private const int WaitingPerQueue = 30;
    private const int LongConversationMessages = 120;
    private const int ShortConversationMessages = 12;
    private const int ColdLoads = 5;

    public static async Task RunAsync(bool quick)
    {
        int[] counts = quick ? [10, 20] : [20, 60];
        Console.WriteLine("Memory per open inbox and time to interactive (headless Chromium, one agent per tab)");
        if (CircuitDriver.ChromiumPath() is not { } chromium)
        {
            Console.WriteLine("  skipped: no Chromium at CHROMIUM_PATH or /usr/bin/chromium (build/test.sh installs it: apt-get install -y chromium)");
            return;
        }

        var circuits = new CircuitCount();
        var traffic = new Traffic();
        // Nothing moves on its own while the tabs are measured: the automation's sweep waits an hour, the queues are pick mode.
        using var app = new BenchApp(new Dictionary<string, string?> { ["Distribution:SweepInterval"] = "01:00:00" },
            services => services.AddSingleton(circuits).AddScoped<CircuitHandler, CountingCircuitHandler>(), traffic);
        app.Start();
        var plan = await SeedAsync(app, counts[^1] + 1);
        Console.WriteLine($"  each agent's inbox: {MinePerAgent} own conversations (one of {LongConversationMessages} messages, open in the tab: its newest page shows), "
            + $"{WaitingPerQueue} waiting in their pick queue; {plan.Agents.Count - 1} agents in {Queues} queues");

        var planFile = Path.Combine(app.DataFolder, "circuits.json");
        await File.WriteAllTextAsync(planFile, JsonSerializer.Serialize(plan));
        await using var driver = CircuitDriver.Start(app.BaseUrl, planFile, chromium);

        // Cold loads first, on a server that has served the page before (the first, uncounted, load warms it).
        var loads = new List<ColdLoad>();
        for (var i = 0; i <= ColdLoads; i++)
        {
            var (sent, received) = (traffic.Sent, traffic.Received);
            var load = JsonSerializer.Deserialize<ColdLoad>((await driver.AskAsync("load")).Single())!;
            loads.Add(load with { ServerSent = traffic.Sent - sent, ServerReceived = traffic.Received - received });
            await driver.AskAsync("unload");
        }
        await WaitForCircuitsAsync(circuits, 0);
        PrintColdLoads(loads.Skip(1).ToList(), loads[0]);

        Console.WriteLine();
        var before = Settle();
        Console.WriteLine($"  baseline: managed heap {Mb(before.Heap)}, working set {Mb(before.WorkingSet)}, circuits {circuits.Open}   load average {Machine.LoadAverage()}");
        (int Tabs, long Heap) previous = (0, before.Heap);
        foreach (var n in counts)
        {
            var opened = Stopwatch.StartNew();
            await driver.AskAsync($"open {n}");
            opened.Stop();
            await WaitForCircuitsAsync(circuits, n);
            await Task.Delay(TimeSpan.FromSeconds(2));
            var now = Settle();
            Console.WriteLine($"  {n,3} inboxes open ({opened.Elapsed.TotalSeconds:0.0} s to open), circuits {circuits.Open}: managed heap +{Mb(now.Heap - before.Heap)} = {Mb((now.Heap - before.Heap) / n)} per circuit;"
                + $" working set +{Mb(now.WorkingSet - before.WorkingSet)} = {Mb((now.WorkingSet - before.WorkingSet) / n)} per circuit   load average {Machine.LoadAverage()}");
            // The first tabs also fill pools and caches once; the step between two counts is the cleaner per-circuit cost.
            if (previous.Tabs > 0) Console.WriteLine($"      each tab from {previous.Tabs} to {n}: managed heap {Mb((now.Heap - previous.Heap) / (n - previous.Tabs))}");
            previous = (n, now.Heap);
        }
        if (Environment.GetEnvironmentVariable("OMNI_BENCH_CIRCUITS_HOLD") is { } hold)
        {
            // For a heap dump of the open circuits: dotnet-gcdump collect -p <pid>.
            Console.WriteLine($"  holding the tabs open {hold} s; process id {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(double.Parse(hold, CultureInfo.InvariantCulture)));
        }
        await driver.AskAsync("close");
        await WaitForCircuitsAsync(circuits, 0);
        var after = Settle();
        Console.WriteLine($"  all tabs closed, circuits {circuits.Open}: managed heap {Mb(after.Heap)} ({Mb(after.Heap - before.Heap)} over the baseline), working set {Mb(after.WorkingSet)}");
        await driver.AskAsync("quit");
    }

    private static void PrintColdLoads(List<ColdLoad> loads, ColdLoad first)
    {
        Console.WriteLine($"  cold load of /inbox/{{id}} ({loads.Count} fresh browser contexts, signed in, nothing cached; after one uncounted load)");
        var tti = loads.Select(l => l.InteractiveMs).Order().ToList();
        var http = loads.Select(l => l.HttpBytes).Order().ToList();
        var ws = loads.Select(l => l.WebSocketBytes).Order().ToList();
        Console.WriteLine($"    composer accepts input (typed text reached the server and its answer rendered): median {tti[tti.Count / 2]:0} ms, max {tti[^1]:0} ms"
            + $"   (document {loads.Select(l => l.DocumentMs).Order().ElementAt(loads.Count / 2):0} ms, DOMContentLoaded {loads.Select(l => l.DomContentLoadedMs).Order().ElementAt(loads.Count / 2):0} ms, median)");
        Console.WriteLine($"    bytes until then: HTTP {Kb(http[http.Count / 2])} (transferSize: compressed bodies and headers) + WebSocket {Kb(ws[ws.Count / 2])} (frame payloads both ways) = {Kb(http[http.Count / 2] + ws[ws.Count / 2])}, median"
            + $"   (uncompressed HTTP bodies {Kb(loads.Select(l => l.DecodedBytes).Order().ElementAt(loads.Count / 2))})");
        var wire = loads.Select(l => l.ServerSent + l.ServerReceived).Order().ToList();
        Console.WriteLine($"    on the wire, as the server's connections counted it: {Kb(wire[wire.Count / 2])} median (sent {Kb(loads.Select(l => l.ServerSent).Order().ElementAt(loads.Count / 2))}, received {Kb(loads.Select(l => l.ServerReceived).Order().ElementAt(loads.Count / 2))})");
        Console.WriteLine($"    {loads[0].Requests} requests; the largest: {string.Join(", ", loads[0].Largest)}");
        Console.WriteLine($"    first load on a fresh server: {first.InteractiveMs:0} ms   load average {Machine.LoadAverage()}");
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.00", CultureInfo.InvariantCulture) + " MB";

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("N0", CultureInfo.InvariantCulture) + " KB";

    /// <summary>The process after a full blocking, compacting collection: live managed bytes and working set.</summary>
    private static (long Heap, long WorkingSet) Settle()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }

    private static async Task WaitForCircuitsAsync(CircuitCount circuits, int expected)
    {
        var waited = Stopwatch.StartNew();
        while (circuits.Open != expected && waited.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(100);
        if (circuits.Open != expected) Console.WriteLine($"  (expected {expected} open circuits, the server has {circuits.Open})");
    }

    /// <summary>
    /// A fresh database's agents, each with their own assigned conversations, and waiting ones in their pick queue;
    /// agent 0 is the cold-load agent, the others open one tab each.
    /// </summary>
    private static async Task<CircuitPlan> SeedAsync(BenchApp app, int agents)
    {
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<OmniDbContext>>();
        var now = DateTimeOffset.UtcNow;
        var queueIds = new List<int>();
        int numberId, workstreamId;
        await using (var db = await dbFactory.CreateDbContextAsync())
        await using (var sql = await Sql.OnAsync(db))
        {
            numberId = await sql.ScalarAsync<int>("""SELECT "Id" FROM "Numbers" ORDER BY "Id" LIMIT 1""");
            workstreamId = await sql.ScalarAsync<int>(
                """INSERT INTO "Workstreams" ("Name", "DistributionMode", "CapacityPerConversation", "AutoCloseAfterMinutes") VALUES ('Circuit bench', @mode, 1, 1440) RETURNING "Id" """,
                new { mode = DistributionMode.Pick });
            for (var q = 0; q < Queues; q++)
            {
                queueIds.Add(await sql.ScalarAsync<int>("""INSERT INTO "Queues" ("Name") VALUES (@name) RETURNING "Id" """, new { name = $"Circuit queue {q}" }));
            }
        }

        const string password = "Agent#Bench2026";
        var created = new List<(string Id, string Email, int Queue)>();
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserService>();
            for (var a = 0; a < agents; a++)
            {
                var email = $"circuit{a}@bench.local";
                var queue = queueIds[a % Queues];
                var result = await users.CreateAsync(new UserInput
                {
                    Email = email, DisplayName = $"Circuit Agent {a}", Role = Roles.Agent, Capacity = MinePerAgent, Password = password, QueueIds = [queue],
                });
                if (!result.Succeeded) throw new InvalidOperationException($"Creating {email}: {result.FirstMessage}");
                created.Add((result.Value!, email, queue));
            }
        }

        var plan = new List<CircuitAgent>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        await using (var transaction = await db.Database.BeginTransactionAsync())
        await using (var sql = await Sql.OnAsync(db))
        {
            var customer = 0;
            async Task<int> ConversationAsync(string? agent, int queueId, int messages)
            {
                customer++;
                var customerId = await sql.ScalarAsync<int>(
                    """INSERT INTO "Customers" ("Phone", "ProfileName") VALUES (@phone, @name) RETURNING "Id" """, new { phone = $"+1666{customer:0000000}", name = $"Customer {customer}" });
                // Recent enough that the 24-hour window is open and nothing is due for auto-close.
                var created = now.AddMinutes(-messages - 60);
                var lastInbound = created.AddMinutes(messages - 1);
                var status = agent is null ? ConversationStatus.Waiting : ConversationStatus.Active;
                var id = await sql.ScalarAsync<int>(
                    """
                    INSERT INTO "Conversations" ("CustomerId", "NumberId", "WorkstreamId", "QueueId", "AssignedAgentId", "Status", "Language", "CreatedAt", "LastInboundAt", "WindowEndsAt", "LastMessageAt", "QueuedAt", "AssignedAt", "GreetedAt")
                    VALUES (@customerId, @numberId, @workstreamId, @queueId, @agent, @status, 'en', @created, @lastInbound, @windowEnds, @lastInbound, @queued, @assigned, @created) RETURNING "Id"
                    """,
                    new
                    {
                        customerId, numberId, workstreamId, queueId, agent, status, created, lastInbound, windowEnds = lastInbound.AddHours(24),
                        queued = agent is null ? created : (DateTimeOffset?)null, assigned = agent is null ? null : (DateTimeOffset?)created.AddMinutes(1),
                    });
                for (var m = 0; m < messages; m++)
                {
                    var inbound = m % 2 == 0 || m == messages - 1;
                    await sql.ExecuteAsync(
                        """
                        INSERT INTO "Messages" ("ConversationId", "Direction", "Kind", "Body", "Status", "CreatedAt", "AuthorId", "Dispatch", "Attempts")
                        VALUES (@id, @direction, @kind, @body, @status, @at, @author, @dispatch, 0)
                        """,
                        new
                        {
                            id, direction = inbound ? MessageDirection.Inbound : MessageDirection.Outbound, kind = MessageKind.Text,
                            body = inbound ? $"Customer question {m}: where is my order {customer}? It was due yesterday." : $"Agent answer {m}: let me check that for you.",
                            status = inbound ? MessageStatus.Received : MessageStatus.Delivered, at = created.AddMinutes(m), author = inbound ? null : agent, dispatch = DispatchState.None,
                        });
                }
                return id;
            }

            foreach (var (agentId, email, queue) in created)
            {
                var open = await ConversationAsync(agentId, queue, LongConversationMessages);
                for (var c = 1; c < MinePerAgent; c++) await ConversationAsync(agentId, queue, ShortConversationMessages);
                plan.Add(new CircuitAgent(email, password, open));
            }
            foreach (var queue in queueIds)
            {
                for (var w = 0; w < WaitingPerQueue; w++) await ConversationAsync(null, queue, 3);
            }
            await transaction.CommitAsync();
        }
        return new CircuitPlan(plan);
    }
}

/// <summary>Who opens which tab: agent 0 makes the cold loads, agents 1… open one inbox each.</summary>
public sealed record CircuitPlan(List<CircuitAgent> Agents);

public sealed record CircuitAgent(string Email, string Password, int ConversationId);

/// <summary>One cold load as the browser reported it (times from navigation start, bytes until the composer accepted input),
/// and the bytes the server's connections wrote and read from the navigation until the driver answered.</summary>
public sealed record ColdLoad(double DocumentMs, double DomContentLoadedMs, double InteractiveMs, long HttpBytes, long DecodedBytes, long WebSocketBytes, int Requests,
    List<string> Largest, long ServerSent, long ServerReceived);

/// <summary>Circuits the server has open (counted by <see cref="CountingCircuitHandler"/>).</summary>
public sealed class CircuitCount
{
    private int open;

    public int Open => Volatile.Read(ref open);

    public void Opened() => Interlocked.Increment(ref open);

    public void Closed() => Interlocked.Decrement(ref open);
}

public sealed class CountingCircuitHandler(CircuitCount count) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        count.Opened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        count.Closed();
        return Task.CompletedTask;
    }
}
