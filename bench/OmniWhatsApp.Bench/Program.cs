using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Bench;

/// <summary>OmniWhatsApp benchmark: every figure below is measured in this one run, against the app on loopback with a
/// fresh SQLite database. Usage: dotnet run -c Release --project bench/OmniWhatsApp.Bench [-- --quick]</summary>
public static class BenchProgram
{
    public static async Task Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine("""
                Usage: dotnet run -c Release --project bench/OmniWhatsApp.Bench [-- options]
                  --quick          smaller counts in every section
                  --outbound-only  only outbound dispatch against the emulator (10 senders; 400 messages each, 120 with --quick)
                  --inbox          only the inbox and dashboard read models, on a seeded database
                  --clients N      hub connections listening in the webhook-to-event latency section (default 200)
                  --help, -h       this text
                """);
            return;
        }
        var quick = args.Contains("--quick");
        if (args.Contains("--inbox"))
        {
            await InboxBench.RunAsync(quick);
            return;
        }
        // Only the outbound section (for working on the outbox; its database then holds no inbound history).
        var outboundOnly = args.Contains("--outbound-only");
        var messages = quick ? 4_000 : 20_000;
        const int concurrency = 64;

        Console.WriteLine($"OmniWhatsApp benchmark · {Environment.ProcessorCount} cores · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · .NET {Environment.Version}");

        using var app = new BenchApp(new Dictionary<string, string?>());
        app.Start();
        if (outboundOnly)
        {
            await OutboundThroughput.RunAsync(app, senders: 10, perSender: quick ? 120 : 400);
            return;
        }
        var target = await WebhookTarget.FromDemoDataAsync(app);
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
        var clients = args.SkipWhile(a => a != "--clients").Skip(1).Select(int.Parse).DefaultIfEmpty(200).First();
        await PushLatencyAsync(app, target, clients, rate: 200, seconds: quick ? 3 : 8);

        Console.WriteLine();
        await OutboundThroughput.RunAsync(app, senders: 10, perSender: quick ? 120 : 400);
    }

    /// <summary>
    /// Webhook → event latency: <paramref name="clients"/> supervisors' hub connections listen while first
    /// messages from new customers arrive at a steady rate; each client's arrival time of the
    /// "conversationOpened" event is compared with the moment the webhook was sent.
    /// </summary>
    private static async Task PushLatencyAsync(BenchApp app, WebhookTarget target, int clients, int rate, int seconds)
    {
        var cookies = await HubListener.SignInAsync(app.BaseUrl, OmniWhatsApp.Web.Hosting.DemoData.Supervisor.Email, OmniWhatsApp.Web.Hosting.DemoData.Supervisor.Password);
        var listeners = new List<HubListener>(clients);
        for (var i = 0; i < clients; i++)
        {
            var listener = new HubListener();
            await listener.ConnectAsync(app.BaseUrl, cookies);
            listeners.Add(listener);
        }
        await Task.Delay(500);

        var messages = target.FirstContacts(rate * seconds);
        var sentAt = new long[messages.Count];
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });
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
    }
}
