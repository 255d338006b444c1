using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Core.Outbound;

public static class OutboundServiceCollectionExtensions
{
    /// <summary>The outbound side: <see cref="OutboundService"/>, the outbox dispatcher and template sync.</summary>
    public static IServiceCollection AddOutbound(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section))
            .Validate(o => o.MessagesPerSecondPerSender > 0, "Outbox:MessagesPerSecondPerSender must be greater than 0")
            .Validate(o => o.MaxConcurrentSends > 0, "Outbox:MaxConcurrentSends must be at least 1")
            .Validate(o => o.MaxAttempts > 0, "Outbox:MaxAttempts must be at least 1")
            .Validate(o => o.RetryBaseDelay > TimeSpan.Zero && o.RetryMaxDelay >= o.RetryBaseDelay,
                "Outbox:RetryBaseDelay must be positive and Outbox:RetryMaxDelay at least as long")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Outbox:PollInterval must be positive")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutboxOptions>, LeaseLongerThanTimeout>();

        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<InFlightCutoff>();
        services.AddSingleton<PublicMediaLinks>();
        // Registered before the dispatcher, so it stops after it: sends finishing during shutdown can still record their outcome.
        services.AddSingleton<OutboxStore>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxStore>());
        services.AddSingleton<OutboxDelivery>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddSingleton<IValidator<RichMessageDraft>, RichMessageDraftValidator>();
        services.AddScoped<OutboundService>();
        services.AddScoped<TemplateSyncService>();
        return services;
    }

    /// <summary>An attempt still waiting for Twilio's answer must not be taken for an abandoned one.</summary>
    private sealed class LeaseLongerThanTimeout(IOptions<TwilioOptions> twilio) : IValidateOptions<OutboxOptions>
    {
        public ValidateOptionsResult Validate(string? name, OutboxOptions options) =>
            options.InFlightLease > twilio.Value.Timeout
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Outbox:InFlightLease ({options.InFlightLease}) must be longer than Twilio:Timeout ({twilio.Value.Timeout})");
    }
}
