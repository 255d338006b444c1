using Microsoft.Extensions.DependencyInjection;

namespace OmniWhatsApp.Core.Inbox;

public static class InboxServiceCollectionExtensions
{
    /// <summary>The read models of the agent's inbox and the supervisor's queue dashboard.</summary>
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        services.AddSingleton<InboxQueries>();
        services.AddSingleton<QueueDashboardQueries>();
        services.AddSingleton<QueueDashboardFeed>();
        return services;
    }
}
