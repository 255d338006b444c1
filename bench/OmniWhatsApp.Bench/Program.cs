using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Bench;

/// <summary>OmniWhatsApp benchmark: every figure below is measured in this one run, against the app on loopback with a
/// fresh SQLite database whose demo channel sends no automated messages (see <see cref="AutomatedMessagesAsync"/>).
/// Usage: dotnet run -c Release --project bench/OmniWhatsApp.Bench [-- --quick] [--push] [--clients 200]</summary>
public static class BenchProgram
{
    public static async Task Main(string[] args)
    {
        if (args.FirstOrDefault() == CircuitDriver.Flag)
        {
            await CircuitDriver.RunAsync(args);
            return;
        }
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine("""
                Usage: dotnet run -c Release --project bench/OmniWhatsApp.Bench [-- options]
                  --quick          smaller counts in every section
                  --outbound-only  only outbound dispatch against the emulator (10 senders; 400 messages each, 120 with --quick)
                  --inbox          only the inbox and dashboard read models, on a seeded database
                  --push           only the webhook-to-event latency at the hub clients (with automated messages off)
                  --clients N      hub connections listening in the webhook-to-event latency section (default 200)
                  --circuits       only memory per open inbox (20 and 60 agents' tabs in headless Chromium; 10 and 20
                                   with --quick) and time to interactive of /inbox; needs Chromium (CHROMIUM_PATH or
                                   /usr/bin/chromium; build/test.sh installs it), else the section is skipped
                  --postgres       only ingest, steady p99 and push p99 on SQLite and on PostgreSQL, side by side; needs
                                   a PostgreSQL server: --postgres-server "Host=…;Port=…;Username=…" (or OMNI_BENCH_POSTGRES),
                                   where that user may create databases (bench/scaling.sh starts a throwaway one)
                  --instances N    with --postgres, also N instances on one PostgreSQL database and one Redis:
                                   --redis host:port (or OMNI_BENCH_REDIS)
                  --help, -h       this text
                """);
            return;
        }
        var quick = args.Contains("--quick");
        string? Option(string name, string environment) =>
            args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? Environment.GetEnvironmentVariable(environment);
        if (args.Contains("--postgres"))
        {
            var server = Option("--postgres-server", "OMNI_BENCH_POSTGRES")
                ?? throw new ArgumentException("--postgres needs a PostgreSQL server: --postgres-server \"Host=127.0.0.1;Port=5432;Username=postgres\" or OMNI_BENCH_POSTGRES.");
            var instances = int.Parse(Option("--instances", "OMNI_BENCH_INSTANCES") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
            var redis = Option("--redis", "OMNI_BENCH_REDIS");
            if (instances > 1 && string.IsNullOrEmpty(redis)) throw new ArgumentException("--instances 2 or more needs Redis: --redis 127.0.0.1:6379 or OMNI_BENCH_REDIS.");
            await ScalingBench.RunAsync(server, redis, instances, quick, args.SkipWhile(a => a != "--clients").Skip(1).Select(int.Parse).DefaultIfEmpty(200).First());
            return;
        }
        if (args.Contains("--circuits"))
        {
            await CircuitBench.RunAsync(quick);
            return;
        }
        if (args.Contains("--inbox"))
        {
            await InboxBench.RunAsync(quick);
            return;
        }
        // Only the outbound section (for working on the outbox; its database then holds no inbound history).
        var outboundOnly = args.Contains("--outbound-only");
        var messages = quick ? 4_000 : 20_000;
        const int concurrency = 64;
        var clients = args.SkipWhile(a => a != "--clients").Skip(1).Select(int.Parse).DefaultIfEmpty(200).First();

        Console.WriteLine($"OmniWhatsApp benchmark · {Environment.ProcessorCount} cores · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · .NET {Environment.Version}");
        Console.WriteLine($"Load average at the start {Machine.LoadAverage()} (1, 5, 15 min)");

        using var app = new BenchApp(new Dictionary<string, string?>());
        app.Start();
        if (outboundOnly)
        {
            await OutboundThroughput.RunAsync(app, senders: 10, perSender: quick ? 120 : 400);
            return;
        }
        var target = await WebhookTarget.FromDemoDataAsync(app);
        // Ingest is measured on its own: no greeting (and so no outbound message, status callbacks and their events) per new conversation.
        var automated = await AutomatedMessagesAsync(app, on: false);

        if (args.Contains("--push"))
        {
            await PushLatencyAsync([app], target, clients, rate: 200, seconds: quick ? 3 : 8, warmUp: true);
            Console.WriteLine($"Load average at the end {Machine.LoadAverage()}");
            return;
        }
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

        // Warm up both paths (JIT, connection pool, SQLite page cache).
        await Load.RunAsync(http, target.Requests("inbound-baseline", 2_000, customers: 500), concurrency);
        await Load.RunAsync(http, target.Requests("inbound", 2_000, customers: 500), concurrency);

        Console.WriteLine();
        Console.WriteLine($"Inbound webhooks at full speed ({messages:N0} signed requests, {concurrency} concurrent)");
        var baseline = await Load.RunAsync(http, target.Requests("inbound-baseline", messages, customers: 2_000), concurrency);
        Console.WriteLine($"  baseline (signature + parse + validate, no storage)  {baseline}");
        var ingest = await Load.RunAsync(http, target.Requests("inbound", messages, customers: 2_000), concurrency);
        Console.WriteLine($"  ingest   (the same + stored, routed, committed)      {ingest}");
        Console.WriteLine($"  ratio ingest / baseline                              {ingest.PerSecond / baseline.PerSecond:0.00}");

        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<OmniDbContext>>().CreateDbContextAsync())
        {
            var stored = await db.Messages.CountAsync(m => m.Direction == OmniWhatsApp.Core.Messages.MessageDirection.Inbound);
            Console.WriteLine($"  stored inbound messages                              {stored:N0} (every accepted request, warm-up included)");
        }

        Console.WriteLine();
        var rate = 500;
        var seconds = quick ? 4 : 10;
        var paced = await Load.RunPacedAsync(http, target.Requests("inbound", rate * seconds, customers: 2_000), rate);
        Console.WriteLine($"Inbound at a steady {rate} messages/s for {seconds} s          {paced}");

        Console.WriteLine();
        await PushLatencyAsync([app], target, clients, rate: 200, seconds: quick ? 3 : 8, warmUp: true);

        Console.WriteLine();
        await OutboundThroughput.RunAsync(app, senders: 10, perSender: quick ? 120 : 400);

        // The same push load as a real channel with a greeting makes it: each new conversation also sends a message,
        // whose outbox entry and three status callbacks are events for every supervisor too.
        Console.WriteLine();
        await AutomatedMessagesAsync(app, on: true, automated);
        Console.WriteLine("With the demo channel's greeting on:");
        await PushLatencyAsync([app], target, clients, rate: 200, seconds: quick ? 3 : 8, warmUp: false);

        Console.WriteLine();
        await CircuitBench.RunAsync(quick);

        Console.WriteLine();
        Console.WriteLine($"Load average at the end {Machine.LoadAverage()}");
    }

    /// <summary>
    /// Switches the demo channel's automated messages (greeting, agent assigned, closed, survey) off, returning
    /// what they were, or back on. Straight in the benchmark's own fresh database, as an admin would on the channel.
    /// </summary>
    internal static async Task<Behaviours> AutomatedMessagesAsync(BenchApp app, bool on, Behaviours? restore = null)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<OmniDbContext>>().CreateDbContextAsync();
        var setup = await db.WhatsAppSetups.SingleAsync();
        var was = setup.Behaviours.Clone();
        if (on && restore is not null)
        {
            setup.Behaviours.GreetingMessage = restore.GreetingMessage;
            setup.Behaviours.AgentAssignedMessage = restore.AgentAssignedMessage;
            setup.Behaviours.ConversationClosedMessage = restore.ConversationClosedMessage;
            setup.Behaviours.OutsideBusinessHoursMessage = restore.OutsideBusinessHoursMessage;
            setup.Behaviours.SurveyEnabled = restore.SurveyEnabled;
        }
        else
        {
            setup.Behaviours.GreetingMessage = null;
            setup.Behaviours.AgentAssignedMessage = null;
            setup.Behaviours.ConversationClosedMessage = null;
            setup.Behaviours.OutsideBusinessHoursMessage = null;
            setup.Behaviours.SurveyEnabled = false;
        }
        await db.SaveChangesAsync();
        return was;
    }

    /// <summary>
    /// Webhook → event latency: <paramref name="clients"/> supervisors' hub connections listen while first
    /// messages from new customers arrive at a steady rate; each client's arrival time of the
    /// "conversationOpened" event is compared with the moment the webhook was sent. With several instances the
    /// clients are spread over them (and the webhooks too, by <paramref name="target"/>), so most events cross
    /// from one instance to another.
    /// </summary>
    internal static async Task<PushResult> PushLatencyAsync(IReadOnlyList<BenchApp> apps, WebhookTarget target, int clients, int rate, int seconds, bool warmUp)
    {
        var cookies = new List<CookieContainer>();
        foreach (var app in apps) cookies.Add(await HubListener.SignInAsync(app.BaseUrl, OmniWhatsApp.Web.Hosting.DemoData.Supervisor.Email, OmniWhatsApp.Web.Hosting.DemoData.Supervisor.Password));
        var listeners = new List<HubListener>(clients);
        for (var i = 0; i < clients; i++)
        {
            var listener = new HubListener();
            await listener.ConnectAsync(apps[i % apps.Count].BaseUrl, cookies[i % apps.Count]);
            listeners.Add(listener);
        }
        await Task.Delay(500);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });
        // The hub's paths run only here: give the JIT a few seconds of the same load to optimise them first.
        if (warmUp) await SendPacedAsync(http, target.FirstContacts(rate * 3), rate);

        var messages = target.FirstContacts(rate * seconds);
        var sentAt = new long[messages.Count];
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

        var latencies = new List<double>(messages.Count * clients);
        var missing = 0;
        foreach (var listener in listeners)
        {
            for (var i = 0; i < messages.Count; i++)
            {
                if (listener.Arrivals.TryGet(messages[i].Customer, out var arrived)) latencies.Add(Stopwatch.GetElapsedTime(sentAt[i], arrived).TotalMilliseconds);
                else missing++;
            }
        }
        foreach (var listener in listeners) await listener.DisposeAsync();

        latencies.Sort();
        double At(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
        Console.WriteLine($"Push: webhook sent → event at each of {clients} hub clients, {rate} new conversations/s for {seconds} s");
        Console.WriteLine($"  {latencies.Count:N0} deliveries   p50 {At(0.5):0.0} ms   p99 {At(0.99):0.0} ms   missing {missing}");
        Console.WriteLine($"  CPU (app and clients together) {cpu.TotalSeconds:0.0} s = {cpu.TotalMilliseconds * 1000 / Math.Max(1, latencies.Count):0.0} µs per delivery   load average {load}");
        return new PushResult(latencies.Count, missing, At(0.5), At(0.99));
    }

    private static async Task SendPacedAsync(HttpClient http, IReadOnlyList<(string Customer, Func<HttpRequestMessage> Create)> messages, int rate)
    {
        await Load.RunPacedAsync(http, messages.Select(m => m.Create).ToList(), rate);
        await Task.Delay(500);
    }
}

/// <summary>Webhook → event deliveries at the hub clients, and the ones that never came.</summary>
public sealed record PushResult(int Deliveries, int Missing, double P50Ms, double P99Ms);
