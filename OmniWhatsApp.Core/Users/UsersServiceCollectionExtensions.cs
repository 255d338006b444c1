using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniWhatsApp.Core.Scaling;

namespace OmniWhatsApp.Core.Users;

public static class UsersServiceCollectionExtensions
{
    /// <summary>Users and their roles, and agents' presence, which follows their browser sessions.</summary>
    public static IServiceCollection AddUsers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PresenceOptions>().Bind(configuration.GetSection(PresenceOptions.Section))
            .Validate(o => o.OfflineAfter >= TimeSpan.Zero, "Presence:OfflineAfter cannot be negative")
            .ValidateOnStart();
        services.AddSingleton<IValidator<UserInput>, UserInputValidator>();
        services.AddScoped<UserService>();
        services.AddSingleton<PresenceService>();
        services.AddSingleton<AgentSessions>();
        // Several instances share who is connected where through Redis; one instance keeps it in memory.
        if ((configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions()).Enabled)
        {
            services.AddSingleton<RedisSessionDirectory>();
            services.AddSingleton<ISessionDirectory>(sp => sp.GetRequiredService<RedisSessionDirectory>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisSessionDirectory>());
        }
        else
        {
            services.AddSingleton<ISessionDirectory, InProcessSessionDirectory>();
        }
        return services;
    }
}
