using Microsoft.Extensions.DependencyInjection;

namespace OmniWhatsApp.Core.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// The live event stream: inside this process on one instance; across instances through Redis pub/sub when
    /// <paramref name="acrossInstances"/> (Redis is configured). Subscribers are the same either way.
    /// </summary>
    public static IServiceCollection AddLiveEvents(this IServiceCollection services, bool acrossInstances)
    {
        if (!acrossInstances)
        {
            services.AddSingleton<IConversationEvents, InProcessConversationEvents>();
            return services;
        }
        services.AddSingleton<InProcessConversationEvents>();
        services.AddSingleton<RedisConversationEvents>();
        services.AddSingleton<IConversationEvents>(sp => sp.GetRequiredService<RedisConversationEvents>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisConversationEvents>());
        return services;
    }
}
