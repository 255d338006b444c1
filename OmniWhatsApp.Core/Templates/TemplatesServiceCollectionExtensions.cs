using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OmniWhatsApp.Core.Templates;

public static class TemplatesServiceCollectionExtensions
{
    /// <summary>The template studio, its validator and the background refresh of approvals.</summary>
    public static IServiceCollection AddTemplates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TemplateOptions>().Bind(configuration.GetSection(TemplateOptions.Section))
            .Validate(o => o.ApprovalRefreshSeconds >= 1, "Templates:ApprovalRefreshSeconds must be at least 1")
            .Validate(o => o.SettledRefreshHours > 0, "Templates:SettledRefreshHours must be positive")
            .Validate(o => o.MaxPerRound >= 1, "Templates:MaxPerRound must be at least 1")
            .ValidateOnStart();
        services.AddSingleton<IValidator<TemplateDraftInput>, TemplateDraftValidator>();
        services.AddScoped<TemplateStudioService>();
        services.AddSingleton<TemplateApprovalRefresh>();
        services.AddHostedService(sp => sp.GetRequiredService<TemplateApprovalRefresh>());
        return services;
    }
}
