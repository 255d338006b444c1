using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Persistence;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>What an <see cref="AppHost"/> runs with, beyond the defaults: configuration and service overrides.</summary>
public sealed class AppHostOptions
{
    /// <summary>Development by default, so the demo users and data are seeded.</summary>
    public string Environment { get; set; } = "Development";

    /// <summary>Configuration overrides, e.g. <c>["Twilio:Live"] = "true"</c>. They win over appsettings.json.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal List<Action<IServiceCollection>> ServiceOverrides { get; } = [];

    /// <summary>
    /// Run on this folder instead of a new one: a second host on the first one's folder is the same installation
    /// restarted (database, keys, the emulator's persisted state).
    /// </summary>
    public string? DataFolder { get; set; }

    /// <summary>Leave the data folder in place on dispose, for a host that restarts on it.</summary>
    public bool KeepDataFolder { get; set; }

    /// <summary>
    /// The database engine; by default SQLite, or PostgreSQL when the run sets <c>OMNI_TEST_DATABASE=PostgreSql</c>
    /// (<see cref="TestServers.DefaultProvider"/>). On PostgreSQL each host gets a new database on the run's server,
    /// named in its data folder (so a host restarted on that folder finds it) and dropped with the folder.
    /// </summary>
    public DatabaseProvider? Provider { get; set; }

    /// <summary>An existing PostgreSQL database to run on instead of a new one (another host's, for two instances).</summary>
    public string? PostgresDatabase { get; set; }

    public AppHostOptions With(string key, string? value)
    {
        Settings[key] = value;
        return this;
    }

    /// <summary>Runs after the app's own registrations, so it can replace or decorate them.</summary>
    public AppHostOptions ConfigureServices(Action<IServiceCollection> configure)
    {
        ServiceOverrides.Add(configure);
        return this;
    }
}

/// <summary>
/// The real app (OmniWhatsApp.Web's <c>Program</c>) on real Kestrel at http://127.0.0.1:{free port}/, with a
/// temporary folder of its own for the SQLite database and the Data Protection keys, so every host starts from a
/// fresh database (seeded with the demo users in Development). The folder is deleted on dispose.
/// <para>
/// Share one through <see cref="AppCollection"/> or <see cref="BrowserCollection"/>; start a private one with
/// <see cref="StartAsync"/> when a test needs other settings (for instance <c>Twilio:Live</c>).
/// </para>
/// </summary>
public sealed class AppHost : IAsyncLifetime, IAsyncDisposable
{
    private readonly AppHostOptions options;
    private readonly CapturedLogs logs = new();
    private Factory? factory;
    private Uri? baseUrl;
    private bool disposed;

    /// <summary>For xunit fixtures: a host with the default settings, started by <see cref="InitializeAsync"/>.</summary>
    public AppHost() : this(new AppHostOptions())
    {
    }

    private AppHost(AppHostOptions options)
    {
        this.options = options;
        DataFolder = options.DataFolder ?? Path.Combine(Path.GetTempPath(), "omniwhatsapp-tests", Guid.NewGuid().ToString("N"));
    }

    /// <summary>Starts a host of its own; dispose it (<c>await using</c>) when the test is done.</summary>
    public static async Task<AppHost> StartAsync(Action<AppHostOptions>? configure = null)
    {
        var options = new AppHostOptions();
        configure?.Invoke(options);
        var host = new AppHost(options);
        try
        {
            await host.InitializeAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>The host's private folder: database, Data Protection keys, anything else a test wants to put there.</summary>
    public string DataFolder { get; }

    public string DatabasePath => Path.Combine(DataFolder, "omniwhatsapp.db");

    /// <summary>The engine this host runs on.</summary>
    public DatabaseProvider Provider => options.Provider ?? TestServers.DefaultProvider;

    /// <summary>On PostgreSQL, the name of the host's database on the run's server.</summary>
    public string? PostgresDatabase { get; private set; }

    private string PostgresDatabaseFile => Path.Combine(DataFolder, "postgres-database");
    public string KeysPath => Path.Combine(DataFolder, "keys");

    /// <summary>The built-in Twilio emulator's persisted state (messages, media, windows).</summary>
    public string EmulatorPath => Path.Combine(DataFolder, "emulator");

    /// <summary>http://127.0.0.1:{port}/, with the trailing slash.</summary>
    public Uri BaseUrl => baseUrl ?? throw new InvalidOperationException("The host has not been started.");

    public IServiceProvider Services => (factory ?? throw new InvalidOperationException("The host has not been started.")).Services;

    public IConfiguration Configuration => Services.GetRequiredService<IConfiguration>();

    /// <summary>
    /// What the app logged (Information and up for the app's own categories, Warning and up for the framework).
    /// Set OMNI_TEST_CONSOLE_LOGS=1 to also see the log on the console while debugging.
    /// </summary>
    public IReadOnlyList<LogEntry> Logs => logs.Entries;

    /// <summary>An absolute address on this host, e.g. <c>Url("account/login")</c>.</summary>
    public Uri Url(string relative) => new(BaseUrl, relative.TrimStart('/'));

    public T GetRequiredService<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A DI scope, as one request or one Blazor circuit would have. Scoped services (AccountService…) live in it.</summary>
    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    /// <summary>Runs <paramref name="action"/> with a service from a new scope: <c>await app.WithServiceAsync((AccountService s) => s.ListAsync())</c>.</summary>
    public async Task<TResult> WithServiceAsync<TService, TResult>(Func<TService, Task<TResult>> action) where TService : notnull
    {
        await using var scope = CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>A short-lived context on the host's database, for arranging data and for looking at what was saved.</summary>
    public Task<OmniDbContext> CreateDbContextAsync() =>
        Services.GetRequiredService<IDbContextFactory<OmniDbContext>>().CreateDbContextAsync();

    /// <summary>A plain HTTP client for this host. Redirects are not followed unless asked, so tests can see them.</summary>
    public HttpClient CreateHttpClient(bool followRedirects = false, CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = followRedirects, UseCookies = cookies is not null };
        if (cookies is not null) handler.CookieContainer = cookies;
        return new HttpClient(handler) { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataFolder);
        if (Provider == DatabaseProvider.PostgreSql)
        {
            PostgresDatabase = options.PostgresDatabase
                ?? (File.Exists(PostgresDatabaseFile) ? (await File.ReadAllTextAsync(PostgresDatabaseFile)).Trim() : null);
            if (PostgresDatabase is null)
            {
                PostgresDatabase = await TestServers.CreatePostgresDatabaseAsync();
                await File.WriteAllTextAsync(PostgresDatabaseFile, PostgresDatabase);
            }
        }
        factory = new Factory(this);
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        // StartServer blocks while Program's top-level code runs (migrations, demo data); keep it off the test thread.
        await Task.Run(factory.StartServer);

        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The app does not listen on 127.0.0.1 (addresses: {string.Join(", ", addresses)}).");
        baseUrl = new Uri(address.TrimEnd('/') + "/");
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        disposed = true;
        if (factory is not null) await factory.DisposeAsync();
        // Pooled connections keep the file open; let them go before the folder is removed.
        SqliteConnection.ClearPool(new SqliteConnection($"Data Source={DatabasePath}"));
        if (!options.KeepDataFolder && PostgresDatabase is not null && options.PostgresDatabase is null)
        {
            await TestServers.DropPostgresDatabaseAsync(PostgresDatabase);
        }
        try
        {
            if (!options.KeepDataFolder && Directory.Exists(DataFolder)) Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still in use is left to the temp folder's own cleanup; the next host uses a new folder anyway.
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override string ToString() => baseUrl?.ToString() ?? "(not started)";

    private sealed class Factory(AppHost host) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Host settings reach Program as command-line arguments, so they are in place before
            // AddOmniCore reads the database and key paths.
            builder.UseEnvironment(host.options.Environment);
            builder.UseSetting("Database:Provider", host.Provider.ToString());
            builder.UseSetting("Database:SqlitePath", host.DatabasePath);
            if (host.PostgresDatabase is not null)
            {
                builder.UseSetting("Database:PostgreSqlConnectionString", TestServers.PostgresDatabase(host.PostgresDatabase));
            }
            builder.UseSetting("DataProtection:KeysPath", host.KeysPath);
            builder.UseSetting("Media:Path", Path.Combine(host.DataFolder, "media"));
            builder.UseSetting("App:PublicBaseUrl", "");
            builder.UseSetting("Emulator:DataPath", host.EmulatorPath);
            // Short emulator steps and retries keep the messaging tests fast; a test may set its own.
            builder.UseSetting("Emulator:StatusDelay", "00:00:00.050");
            builder.UseSetting("Emulator:CallbackRetryDelay", "00:00:00.100");
            builder.UseSetting("Outbox:RetryBaseDelay", "00:00:00.100");
            builder.UseSetting("Outbox:RetryMaxDelay", "00:00:01");
            builder.UseSetting("Outbox:PollInterval", "00:00:00.100");
            // The whole suite signs in from 127.0.0.1, and the demo users many times a minute; the tests of the sign-in
            // limits start hosts with the product's own (or lower) limits.
            builder.UseSetting("Security:SignIn:AttemptsPerClient", "100000");
            builder.UseSetting("Security:SignIn:AttemptsPerAccount", "100000");
            builder.UseSetting("Logging:LogLevel:Default", "Information");
            builder.UseSetting("Logging:LogLevel:Microsoft", "Warning");
            builder.UseSetting("Logging:LogLevel:System", "Warning");
            foreach (var (key, value) in host.options.Settings) builder.UseSetting(key, value);

            builder.ConfigureLogging(logging =>
            {
                if (Environment.GetEnvironmentVariable("OMNI_TEST_CONSOLE_LOGS") != "1") logging.ClearProviders();
                logging.AddProvider(host.logs);
            });

            builder.ConfigureServices(services =>
            {
                foreach (var configure in host.options.ServiceOverrides) configure(services);
            });
        }
    }
}

/// <summary>Tests that use the app through its services share one host.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppHost>
{
    public const string Name = "App";
}

/// <summary>
/// Tests that measure time between events on the real app (pacing at the receiver). They run alone, after the
/// parallel collections, so the suite's own load on a two-core machine does not show up as the app's jitter.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}
