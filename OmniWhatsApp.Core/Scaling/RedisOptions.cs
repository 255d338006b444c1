using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace OmniWhatsApp.Core.Scaling;

/// <summary>
/// Redis, which lets several instances of the app work as one (live events, background work, sending rates).
/// Bound from the "Redis" configuration section; an empty <see cref="Configuration"/> means a single instance,
/// where everything stays inside the process.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis.internal:6379,password=…</c>. Empty: one instance.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key and channel the app uses, so two installations can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "omniwhatsapp";

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);
}

public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="RedisOptions"/> and, when Redis is configured, registers one shared
    /// <see cref="IConnectionMultiplexer"/> (connected on first use; it reconnects by itself).
    /// Returns whether Redis is configured.
    /// </summary>
    public static bool AddOmniRedis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.Section));
        var options = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (!options.Enabled) return false;
        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var redis = ConfigurationOptions.Parse(options.Configuration!);
            redis.AbortOnConnectFail = false;
            redis.ClientName ??= "omniwhatsapp";
            return ConnectionMultiplexer.Connect(redis);
        });
        return true;
    }
}
