using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OmniWhatsApp.Core.Distribution;

public static class DistributionServiceCollectionExtensions
{
    /// <summary>
    /// Work distribution (assignments, push and pick) and the <see cref="AutomationWorker"/> that runs what happens
    /// without anyone clicking. Singletons over short-lived database contexts, so pages and background workers share them.
    /// </summary>
    public static IServiceCollection AddDistribution(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DistributionOptions>().Bind(configuration.GetSection(DistributionOptions.Section))
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "Distribution:SweepInterval must be positive")
            .Validate(o => o.BatchSize > 0, "Distribution:BatchSize must be at least 1")
            .ValidateOnStart();
        services.AddSingleton<Assignments>();
        services.AddSingleton<DistributionSignal>();
        services.AddSingleton<DistributionService>();
        services.AddSingleton<AutomationWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AutomationWorker>());
        return services;
    }
}
