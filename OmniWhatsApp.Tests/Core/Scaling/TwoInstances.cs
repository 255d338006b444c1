using Microsoft.Extensions.DependencyInjection;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Core.Scaling;

/// <summary>
/// Two instances of the app (A and B) on one PostgreSQL database and one Redis, as behind a load balancer, and
/// optionally a third host that only plays Twilio for both (<see cref="Twilio"/>), so every send of either instance
/// is counted in one place. The database is this object's: it is dropped on dispose, whichever instance is gone.
/// </summary>
internal sealed class TwoInstances : IAsyncDisposable
{
    private TwoInstances(string database, AppHost? twilio, string keyPrefix)
    {
        Database = database;
        Twilio = twilio;
        KeyPrefix = keyPrefix;
    }

    public string Database { get; }

    /// <summary>The Redis key prefix both instances use.</summary>
    public string KeyPrefix { get; }

    /// <summary>The emulated Twilio both instances send to, when asked for.</summary>
    public AppHost? Twilio { get; }

    public AppHost A { get; private set; } = null!;
    public AppHost B { get; private set; } = null!;

    /// <summary>What the shared emulated Twilio holds.</summary>
    public EmulatorState TwilioState => (Twilio ?? A).GetRequiredService<EmulatorState>();

    /// <summary>
    /// Starts A, then B (so A owns the background work), with <paramref name="configure"/> applied to both; with
    /// <paramref name="sharedTwilio"/>, both talk to the emulator of a third host.
    /// </summary>
    public static async Task<TwoInstances> StartAsync(Action<AppHostOptions>? configure = null, bool sharedTwilio = true)
    {
        var database = await TestServers.CreatePostgresDatabaseAsync();
        var twilio = sharedTwilio ? await AppHost.StartAsync(o => o.Provider = DatabaseProvider.Sqlite) : null;
        var prefix = "omni-test-" + Guid.NewGuid().ToString("N");
        var instances = new TwoInstances(database, twilio, prefix);
        try
        {
            instances.A = await AppHost.StartAsync(o => Configure(o, null));
            instances.B = await AppHost.StartAsync(o => Configure(o, instances.A.KeysPath));
        }
        catch
        {
            await instances.DisposeAsync();
            throw;
        }
        return instances;

        void Configure(AppHostOptions o, string? keys)
        {
            o.Provider = DatabaseProvider.PostgreSql;
            o.PostgresDatabase = database;
            o.With("Redis:Configuration", TestServers.Redis).With("Redis:KeyPrefix", prefix);
            // One key ring for both (for now a shared folder), so what A protects B reads.
            if (keys is not null) o.With("DataProtection:KeysPath", keys);
            if (twilio is not null) o.ConfigureServices(s => s.AddSingleton<ITwilioEndpoints>(new SharedEmulator(twilio.BaseUrl)));
            configure?.Invoke(o);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
        if (Twilio is not null) await Twilio.DisposeAsync();
        await TestServers.DropPostgresDatabaseAsync(Database);
    }

    /// <summary>Sends the SDK's requests for Twilio to another host's built-in emulator.</summary>
    private sealed class SharedEmulator(Uri host) : ITwilioEndpoints
    {
        public bool IsEmulator => true;
        public Uri ApiBase => new(host, TwilioEmulator.ApiPath);
        public Uri ContentApiBase => new(host, TwilioEmulator.ContentApiPath);
        public Uri MessagingApiBase => new(host, TwilioEmulator.MessagingApiPath);
    }
}
