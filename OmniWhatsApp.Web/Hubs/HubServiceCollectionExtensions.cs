using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Scaling;
using StackExchange.Redis;
using SignalRRedisOptions = Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions;

namespace OmniWhatsApp.Web.Hubs;

public static class HubServiceCollectionExtensions
{
    /// <summary>
    /// SignalR and the conversation hub's audience and forwarder. With Redis configured, SignalR's Redis backplane
    /// (on the app's one Redis connection, channels under <c>{Redis:KeyPrefix}:signalr</c>) carries every send to a
    /// group, a user or a connection to the instance that holds the connection.
    /// </summary>
    public static IServiceCollection AddConversationHub(this IServiceCollection services, IConfiguration configuration)
    {
        var signalR = services.AddSignalR();
        var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (redis.Enabled)
        {
            signalR.AddStackExchangeRedis(o => o.Configuration.ChannelPrefix = RedisChannel.Literal(redis.KeyPrefix + ":signalr"));
            services.AddOptions<SignalRRedisOptions>().Configure<IConnectionMultiplexer>((o, shared) =>
                o.ConnectionFactory = _ => Task.FromResult(shared));
        }
        services.AddSingleton<HubAudience>();
        services.AddHostedService<HubEventForwarder>();
        return services;
    }
}
