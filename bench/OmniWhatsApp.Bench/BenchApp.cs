using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OmniWhatsApp.Bench;

/// <summary>The real app on Kestrel at 127.0.0.1 with a fresh database in a temporary folder.</summary>
public sealed class BenchApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? configure;

    /// <param name="extra">Settings over the defaults below.</param>
    /// <param name="services">More services for one section (e.g. a circuit counter).</param>
    /// <param name="traffic">Counts the bytes on every connection, when given.</param>
    public BenchApp(Dictionary<string, string?> extra, Action<IServiceCollection>? services = null, Traffic? traffic = null)
    {
        configure = services;
        DataFolder = Path.Combine(Path.GetTempPath(), "omniwhatsapp-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataFolder);
        settings = new Dictionary<string, string?>
        {
            ["Database:SqlitePath"] = Path.Combine(DataFolder, "bench.db"),
            ["DataProtection:KeysPath"] = Path.Combine(DataFolder, "keys"),
            ["Media:Path"] = Path.Combine(DataFolder, "media"),
            ["Emulator:DataPath"] = Path.Combine(DataFolder, "emulator"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
            // The push section signs in hundreds of agents from one address.
            ["Security:SignIn:AttemptsPerClient"] = "100000",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => traffic?.Count(listen)));
    }

    public string DataFolder { get; }

    public string KeysPath => settings["DataProtection:KeysPath"]!;

    public Uri BaseUrl { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.TrimEnd('/') + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        // As command-line settings, so they are in place before Program reads the database path.
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, BaselineEndpoint>();
            services.AddHttpClient(OmniWhatsApp.Core.Twilio.TwilioRestClients.HttpClientName).AddHttpMessageHandler(() => new Departures());
            // Hundreds of bench users are created and signed in: a cheap hash keeps that from taking the CPU for seconds.
            services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000);
            configure?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
