using Microsoft.Extensions.DependencyInjection;

namespace OmniWhatsApp.Core.Messages;

public static class MessagesServiceCollectionExtensions
{
    /// <summary>The timeline's system lines and the store of status callbacks that arrive before their message.</summary>
    public static IServiceCollection AddMessages(this IServiceCollection services)
    {
        services.AddSingleton<ConversationTimeline>();
        services.AddSingleton<StatusCallbackStore>();
        return services;
    }
}
