using OmniWhatsApp.Core.Persistence;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>
/// Two instances of the app, as behind a load balancer: <see cref="A"/> and <see cref="B"/> run on one PostgreSQL
/// database and one Redis (the run's servers, <see cref="TestServers"/>) under a Redis key prefix of their own. Each
/// has its own port and data folder (keys folder, emulator, media): the Data Protection keys they share are the
/// database's.
/// </summary>
public sealed class Instances : IAsyncLifetime, IAsyncDisposable
{
    public AppHost A { get; private set; } = null!;

    public AppHost B { get; private set; } = null!;

    /// <summary>The Redis key prefix of this pair, unique to it.</summary>
    public string RedisPrefix { get; } = "omni-test-" + Guid.NewGuid().ToString("N");

    /// <summary>Starts two instances; dispose them (<c>await using</c>) when the test is done.</summary>
    public static async Task<Instances> StartAsync(Action<AppHostOptions>? configure = null)
    {
        var pair = new Instances(configure);
        try
        {
            await pair.InitializeAsync();
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
        return pair;
    }

    private readonly Action<AppHostOptions>? configure;

    /// <summary>For xunit fixtures.</summary>
    public Instances() : this(null)
    {
    }

    private Instances(Action<AppHostOptions>? configure) => this.configure = configure;

    public async Task InitializeAsync()
    {
        // A first: it creates the database (migrations, demo data); B then starts on it as a second instance does.
        A = await AppHost.StartAsync(o => Configure(o, database: null));
        B = await AppHost.StartAsync(o => Configure(o, database: A.PostgresDatabase));
    }

    private void Configure(AppHostOptions options, string? database)
    {
        options.Provider = DatabaseProvider.PostgreSql;
        options.PostgresDatabase = database;
        options.With("Redis:Configuration", TestServers.Redis)
            .With("Redis:KeyPrefix", RedisPrefix);
        configure?.Invoke(options);
    }

    public async ValueTask DisposeAsync()
    {
        // B first: A owns the database and drops it.
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
