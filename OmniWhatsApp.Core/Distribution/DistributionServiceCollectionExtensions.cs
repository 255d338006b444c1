using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.Distribution;

public static class DistributionServiceCollectionExtensions
{
    /// <summary>
    /// Work distribution, presence, conversation actions, automated messages and the inbox and dashboard read
    /// models. All are singletons over short-lived database contexts, so pages and background workers share them.
    /// </summary>
    public static IServiceCollection AddDistribution(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DistributionOptions>().Bind(configuration.GetSection(DistributionOptions.Section))
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "Distribution:SweepInterval must be positive")
            .Validate(o => o.BatchSize > 0, "Distribution:BatchSize must be at least 1")
            .ValidateOnStart();
        services.AddOptions<PresenceOptions>().Bind(configuration.GetSection(PresenceOptions.Section))
            .Validate(o => o.OfflineAfter >= TimeSpan.Zero, "Presence:OfflineAfter cannot be negative")
            .ValidateOnStart();

        services.AddSingleton<ConversationTimeline>();
        services.AddSingleton<AutomatedMessages>();
        services.AddSingleton<Assignments>();
        services.AddSingleton<DistributionSignal>();
        services.AddSingleton<DistributionService>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<DemoWindowClock>();
        services.AddSingleton<PresenceService>();
        services.AddSingleton<AgentSessions>();
        services.AddSingleton<InboxQueries>();
        services.AddSingleton<QueueDashboardQueries>();
        services.AddSingleton<QueueDashboardFeed>();
        services.AddSingleton<AutomationWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AutomationWorker>());
        return services;
    }
}
