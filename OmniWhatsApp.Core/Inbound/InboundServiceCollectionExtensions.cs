using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OmniWhatsApp.Core.Inbound;

public static class InboundServiceCollectionExtensions
{
    /// <summary>
    /// The inbound side: the store webhooks hand messages and status callbacks to, and the media worker with its
    /// storage (a relative <see cref="MediaOptions.Path"/> is resolved against <paramref name="contentRoot"/>).
    /// </summary>
    public static IServiceCollection AddInbound(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.Section))
            .Validate(o => o.MaxImageBytes > 0 && o.MaxFileBytes > 0 && o.MaxAttempts > 0, "Media limits must be positive")
            .Validate(o => o.PublicLinkLifetime > TimeSpan.Zero, "Media:PublicLinkLifetime must be positive")
            .ValidateOnStart();
        services.AddSingleton(sp => new MediaStorage(Path.Combine(contentRoot, sp.GetRequiredService<IOptions<MediaOptions>>().Value.Path)));
        services.AddSingleton<MediaSignal>();
        services.AddSingleton<InboundStore>();
        services.AddHostedService(sp => sp.GetRequiredService<InboundStore>());
        services.AddHostedService<MediaWorker>();
        return services;
    }
}
