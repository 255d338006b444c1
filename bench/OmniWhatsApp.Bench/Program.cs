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
                  --push           only the webhook-to-event latency at the hub clients: supervisors with automated messages
                                   off, then with the greeting on supervisors and agents in a queue (frames per conversation too)
                  --clients N      hub connections listening in the webhook-to-event latency section (default 200)
                  --wrk            only ingest driven by wrk from outside the process, automated messages off and on
                                   (needs wrk on PATH: sudo apt-get install wrk)
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
        if (args.Contains("--wrk"))
        {
            Console.WriteLine($"Load average at the start {Machine.LoadAverage()} (1, 5, 15 min)");
            await WrkLoad.RunAsync(quick, inProcess: null);
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
            await PushBench.PushLatencyAsync([app], target, clients, rate: 200, seconds: quick ? 3 : 8, warmUp: true);
            Console.WriteLine();
            await AutomatedMessagesAsync(app, on: true, automated);
            Console.WriteLine("With the demo channel's greeting on:");
            await PushBench.WithGreetingAsync(app, target, clients, quick);
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
        await PushBench.PushLatencyAsync([app], target, clients, rate: 200, seconds: quick ? 3 : 8, warmUp: true);

        Console.WriteLine();
        await OutboundThroughput.RunAsync(app, senders: 10, perSender: quick ? 120 : 400);

        // The same push load as a real channel with a greeting makes it: each new conversation also sends a message,
        // whose outbox entry and three status callbacks are events for every supervisor too; then agents in the queue listen.
        Console.WriteLine();
        await AutomatedMessagesAsync(app, on: true, automated);
        Console.WriteLine("With the demo channel's greeting on:");
        await PushBench.WithGreetingAsync(app, target, clients, quick);

        // The same ingest from outside the process, on an app of its own (this one is stopped first).
        app.Dispose();
        await WrkLoad.RunAsync(quick, new InProcessFigures(baseline.PerSecond, ingest.PerSecond));

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
}
