using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using OmniWhatsApp.Core.Bots;

namespace OmniWhatsApp.Core.Workstreams;

public static class WorkstreamsServiceCollectionExtensions
{
    /// <summary>Workstreams with their WhatsApp setup, behaviours, templates and bot: the services and its validators.</summary>
    public static IServiceCollection AddWorkstreams(this IServiceCollection services)
    {
        services.AddSingleton<IValidator<WorkstreamInput>, WorkstreamInputValidator>();
        services.AddSingleton<IValidator<Behaviours>, BehavioursValidator>();
        services.AddSingleton<IValidator<TemplateInput>, TemplateInputValidator>();
        services.AddSingleton<IValidator<WhatsAppSetupInput>, WhatsAppSetupValidator>();
        services.AddSingleton<IValidator<BotSettingsInput>, BotSettingsValidator>();
        services.AddScoped<WorkstreamService>();
        // The bot's settings are part of the channel's setup (the wizard saves them with it).
        services.AddScoped<BotSetupService>();
        return services;
    }
}
