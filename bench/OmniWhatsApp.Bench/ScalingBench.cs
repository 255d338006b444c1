using Npgsql;

namespace OmniWhatsApp.Bench;

/// <summary>
/// Past one machine: the same ingest, steady-rate and push measurements on one SQLite instance, one PostgreSQL
/// instance and N PostgreSQL instances sharing one database and one Redis, in one run. The instances run in this
/// process on loopback ports; requests and hub clients are spread over them as a load balancer would.
/// </summary>
public static class ScalingBench
{
    private sealed record Figures(string Setup, LoadResult Baseline, LoadResult Ingest, LoadResult Steady, PushResult Push);

    public static async Task RunAsync(string postgresServer, string? redis, int instances, bool quick, int clients)
    {
        var messages = quick ? 3_000 : 10_000;
        var seconds = quick ? 3 : 6;
        Console.WriteLine($"OmniWhatsApp benchmark, one and several instances · {Environment.ProcessorCount} cores · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · .NET {Environment.Version}");
        Console.WriteLine($"Load average at the start {Machine.LoadAverage()} (1, 5, 15 min); automated messages off; {messages:N0} requests per closed-loop figure, 64 concurrent");

        var results = new List<Figures>
        {
            await MeasureAsync("SQLite, 1 instance", [], 1, messages, seconds, clients),
        };
        var database = await CreateDatabaseAsync(postgresServer);
        try
        {
            results.Add(await MeasureAsync("PostgreSQL, 1 instance", Postgres(postgresServer, database), 1, messages, seconds, clients));
        }
        finally
        {
            await DropDatabaseAsync(postgresServer, database);
        }
        if (instances > 1)
        {
            database = await CreateDatabaseAsync(postgresServer);
            try
            {
                var settings = Postgres(postgresServer, database);
                settings["Redis:Configuration"] = redis;
                settings["Redis:KeyPrefix"] = "bench-" + Guid.NewGuid().ToString("N")[..8];
                results.Add(await MeasureAsync($"PostgreSQL + Redis, {instances} instances", settings, instances, messages, seconds, clients));
            }
            finally
            {
                await DropDatabaseAsync(postgresServer, database);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{"",-36} {"baseline/s",11} {"ingest/s",9} {"ratio",6} {"steady p99",11} {"push p99",9} {"missing",8}");
        foreach (var r in results)
        {
            Console.WriteLine($"{r.Setup,-36} {r.Baseline.PerSecond,11:N0} {r.Ingest.PerSecond,9:N0} {r.Ingest.PerSecond / r.Baseline.PerSecond,6:0.00} {r.Steady.P99Ms,8:0.0} ms {r.Push.P99Ms,6:0.0} ms {r.Push.Missing,8}");
        }
        if (results.Count > 2)
        {
            var sqlite = results[0].Ingest.PerSecond;
            var several = results[^1].Ingest.PerSecond;
            Console.WriteLine($"Target: {instances} instances on PostgreSQL ingest at least what one SQLite instance does: {several:N0} vs {sqlite:N0} msg/s = {several / sqlite:0.00}× ({(several >= sqlite ? "met" : "not met")})");
        }
        Console.WriteLine($"Load average at the end {Machine.LoadAverage()}");
    }

    private static async Task<Figures> MeasureAsync(string setup, Dictionary<string, string?> settings, int instances, int messages, int seconds, int clients)
    {
        Console.WriteLine();
        Console.WriteLine(setup);
        var apps = new List<BenchApp>();
        try
        {
            // The first instance creates the schema and the demo data; the others join it with its public address (the
            // webhooks are signed for one address, as behind a load balancer) and its Data Protection keys.
            var first = new BenchApp(settings);
            first.Start();
            apps.Add(first);
            for (var i = 1; i < instances; i++)
            {
                var next = new BenchApp(new Dictionary<string, string?>(settings)
                {
                    ["App:PublicBaseUrl"] = first.BaseUrl.ToString(),
                    ["DataProtection:KeysPath"] = first.KeysPath,
                });
                next.Start();
                apps.Add(next);
            }
            var target = await WebhookTarget.FromDemoDataAsync(first, [.. apps.Skip(1)]);
            await BenchProgram.AutomatedMessagesAsync(first, on: false);

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                Timeout = TimeSpan.FromSeconds(30),
            };
            await Load.RunAsync(http, target.Requests("inbound-baseline", 2_000, customers: 500), 64);
            await Load.RunAsync(http, target.Requests("inbound", 2_000, customers: 500), 64);
            var baseline = await Load.RunAsync(http, target.Requests("inbound-baseline", messages, customers: 2_000), 64);
            Console.WriteLine($"  baseline (signature + parse + validate, no storage)  {baseline}");
            var ingest = await Load.RunAsync(http, target.Requests("inbound", messages, customers: 2_000), 64);
            Console.WriteLine($"  ingest   (the same + stored, routed, committed)      {ingest}");
            var steady = await Load.RunPacedAsync(http, target.Requests("inbound", 500 * seconds, customers: 2_000), 500);
            Console.WriteLine($"  steady 500 messages/s for {seconds} s                     {steady}");
            var push = await PushBench.PushLatencyAsync(apps, target, clients, rate: 200, seconds: seconds, warmUp: true);
            return new Figures(setup, baseline, ingest, steady, push);
        }
        finally
        {
            foreach (var app in Enumerable.Reverse(apps)) await app.DisposeAsync();
        }
    }

    private static Dictionary<string, string?> Postgres(string server, string database) => new()
    {
        ["Database:Provider"] = "PostgreSql",
        ["Database:PostgreSqlConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString,
    };

    private static async Task<string> CreateDatabaseAsync(string server)
    {
        var name = "omni_bench_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        return name;
    }

    private static async Task DropDatabaseAsync(string server, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
