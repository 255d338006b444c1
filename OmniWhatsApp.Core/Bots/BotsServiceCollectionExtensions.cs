using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OmniWhatsApp.Core.Bots;

public static class BotsServiceCollectionExtensions
{
    /// <summary>The channels' bots: the turns, the external bots' HTTP client (named <see cref="ExternalBotClient.HttpClientName"/>) and the <see cref="BotWorker"/>.</summary>
    public static IServiceCollection AddBots(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(BotOptions.Section);
        services.AddOptions<BotOptions>().Bind(section)
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "Bots:SweepInterval must be positive")
            .Validate(o => o.Parallelism > 0, "Bots:Parallelism must be at least 1")
            .Validate(o => o.RetryAfter >= TimeSpan.Zero, "Bots:RetryAfter must not be negative")
            .ValidateOnStart();
        // Each call has its own timeout (the channel's TimeoutSeconds); no redirects: a bot answers where it was asked.
        services.AddHttpClient(ExternalBotClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<ExternalBotClient>();
        services.AddSingleton<BotSignal>();
        services.AddSingleton<BotTurns>();
        services.AddSingleton<BotWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<BotWorker>());
        return services;
    }
}
