using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using OmniWhatsApp.Core.Scaling;
using StackExchange.Redis;
using RedisOptions = OmniWhatsApp.Core.Scaling.RedisOptions;
using SignalRRedisOptions = Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions;

namespace OmniWhatsApp.Web.Hubs;

public static class HubServiceCollectionExtensions
{
    /// <summary>
    /// SignalR and the conversation hub's audience and forwarder. With Redis configured, the conversation hub runs on
    /// SignalR's Redis backplane: a send to a group, a user or a connection from any instance reaches the instance that
    /// holds the connection. Only this hub: Blazor's own circuits stay on one instance each and keep working while
    /// Redis is away.
    /// </summary>
    public static IServiceCollection AddConversationHub(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSignalR();
        var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (redis.Enabled)
        {
            // A connection of its own rather than the app's shared one: the backplane's channels are named through the
            // connection's ChannelPrefix (the shared one has none, and other users of it name their channels themselves),
            // so that two installations or test pairs on one Redis never hear each other's hub traffic.
            services.AddOptions<SignalRRedisOptions>().Configure(o =>
            {
                o.Configuration = ConfigurationOptions.Parse(redis.Configuration!);
                o.Configuration.AbortOnConnectFail = false;
                o.Configuration.ChannelPrefix = RedisChannel.Literal(redis.KeyPrefix + ":signalr:");
                o.Configuration.ClientName ??= "omniwhatsapp-signalr";
            });
            services.AddSingleton<HubLifetimeManager<ConversationHub>, RedisHubLifetimeManager<ConversationHub>>();
        }
        // Every hub protocol also writes a batch of live events as its separate invocations in one frame (decision 0015).
        services.AddSingleton<IHubProtocolResolver, LiveEventBatchProtocolResolver>();
        services.AddOptions<HubEventOptions>().Bind(configuration.GetSection(HubEventOptions.Section))
            .Validate(o => o.BatchWindow >= TimeSpan.Zero && o.BatchWindow <= TimeSpan.FromSeconds(1), "Hub:BatchWindow must be between 0 and 1 second.")
            .ValidateOnStart();
        services.AddSingleton<HubAudience>();
        services.AddHostedService<HubEventForwarder>();
        return services;
    }
}
