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
        var quick = args.Contains("--quick");
        var messages = quick ? 4_000 : 20_000;
        const int concurrency = 64;

        Console.WriteLine($"OmniWhatsApp benchmark · {Environment.ProcessorCount} cores · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · .NET {Environment.Version}");

        using var app = new BenchApp(new Dictionary<string, string?>());
        app.Start();
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
    }
}
