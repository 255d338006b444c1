using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OmniWhatsApp.Core.Conversations;

public static class ConversationsServiceCollectionExtensions
{
    /// <summary>
    /// What the team and the system do with a conversation (actions, automated messages, the demo's window clock),
    /// who may see it (<see cref="ConversationAccess"/>) and the watch that announces windows running out. Singletons
    /// over short-lived database contexts, so pages and background workers share them.
    /// </summary>
    public static IServiceCollection AddConversations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ConversationAccess>();
        services.AddSingleton<AutomatedMessages>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<DemoWindowClock>();
        services.AddOptions<WindowWatchOptions>().Bind(configuration.GetSection(WindowWatchOptions.Section))
            .Validate(o => o.MaxWait > TimeSpan.Zero, "WindowWatch:MaxWait must be positive")
            .ValidateOnStart();
        services.AddHostedService<WindowWatch>();
        return services;
    }
}
