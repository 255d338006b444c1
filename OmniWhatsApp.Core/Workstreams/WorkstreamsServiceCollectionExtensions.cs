using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace OmniWhatsApp.Core.Workstreams;

public static class WorkstreamsServiceCollectionExtensions
{
    /// <summary>Workstreams with their WhatsApp setup, behaviours and templates: the service and its validators.</summary>
    public static IServiceCollection AddWorkstreams(this IServiceCollection services)
    {
        services.AddSingleton<IValidator<WorkstreamInput>, WorkstreamInputValidator>();
        services.AddSingleton<IValidator<Behaviours>, BehavioursValidator>();
        services.AddSingleton<IValidator<TemplateInput>, TemplateInputValidator>();
        services.AddSingleton<IValidator<WhatsAppSetupInput>, WhatsAppSetupValidator>();
        services.AddScoped<WorkstreamService>();
        return services;
    }
}
