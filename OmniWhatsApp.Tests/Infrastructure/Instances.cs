using Microsoft.Extensions.DependencyInjection;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>
/// Two instances of the app, as behind a load balancer: <see cref="A"/> and <see cref="B"/> run on one PostgreSQL
/// database and one Redis (the run's servers, <see cref="TestServers"/>) under a Redis key prefix of their own. Each
/// has its own port and data folder (keys folder, emulator, media): the Data Protection keys they share are the
/// database's. The database is the pair's: it is dropped on dispose, whichever instance is already gone.
/// <para>
/// With a shared Twilio, a third host (on SQLite) only plays Twilio for both (<see cref="Twilio"/>), so every send
/// of either instance is counted in one place; otherwise each instance talks to its own built-in emulator.
/// </para>
/// </summary>
public sealed class Instances : IAsyncLifetime, IAsyncDisposable
{
    private readonly Action<AppHostOptions>? configure;
    private readonly bool sharedTwilio;
    private string? database;

    /// <summary>For xunit fixtures: two instances, each with its own emulator.</summary>
    public Instances() : this(null, sharedTwilio: false)
    {
    }

    private Instances(Action<AppHostOptions>? configure, bool sharedTwilio) => (this.configure, this.sharedTwilio) = (configure, sharedTwilio);

    public AppHost A { get; private set; } = null!;

    public AppHost B { get; private set; } = null!;

    /// <summary>The host whose emulator both instances send to, with a shared Twilio.</summary>
    public AppHost? Twilio { get; private set; }

    /// <summary>What the emulated Twilio holds (the shared one's, or A's).</summary>
    public EmulatorState TwilioState => (Twilio ?? A).GetRequiredService<EmulatorState>();

    /// <summary>The Redis key prefix of this pair, unique to it.</summary>
    public string RedisPrefix { get; } = "omni-test-" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// Starts A, then B (so A creates the schema and demo data, and owns the background work first), with
    /// <paramref name="configure"/> applied to both; dispose them (<c>await using</c>) when the test is done.
    /// </summary>
    public static async Task<Instances> StartAsync(Action<AppHostOptions>? configure = null, bool sharedTwilio = false)
    {
        var pair = new Instances(configure, sharedTwilio);
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

    public async Task InitializeAsync()
    {
        database = await TestServers.CreatePostgresDatabaseAsync();
        if (sharedTwilio) Twilio = await AppHost.StartAsync(o => o.Provider = DatabaseProvider.Sqlite);
        A = await AppHost.StartAsync(Configure);
        B = await AppHost.StartAsync(Configure);
    }

    private void Configure(AppHostOptions options)
    {
        options.Provider = DatabaseProvider.PostgreSql;
        options.PostgresDatabase = database;
        options.With("Redis:Configuration", TestServers.Redis)
            .With("Redis:KeyPrefix", RedisPrefix);
        if (Twilio is { } twilio) options.ConfigureServices(s => s.AddSingleton<ITwilioEndpoints>(new SharedEmulator(twilio.BaseUrl)));
        configure?.Invoke(options);
    }

    public async ValueTask DisposeAsync()
    {
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
        if (Twilio is not null) await Twilio.DisposeAsync();
        if (database is not null) await TestServers.DropPostgresDatabaseAsync(database);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Sends the SDK's requests for Twilio to another host's built-in emulator.</summary>
    private sealed class SharedEmulator(Uri host) : ITwilioEndpoints
    {
        public bool IsEmulator => true;
        public Uri ApiBase => new(host, TwilioEmulator.ApiPath);
        public Uri ContentApiBase => new(host, TwilioEmulator.ContentApiPath);
        public Uri MessagingApiBase => new(host, TwilioEmulator.MessagingApiPath);
    }
}
