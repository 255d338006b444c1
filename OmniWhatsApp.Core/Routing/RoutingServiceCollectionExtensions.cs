using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace OmniWhatsApp.Core.Routing;

public static class RoutingServiceCollectionExtensions
{
    /// <summary>Queues and routing rules: the service and its validators. (Not AddRouting: ASP.NET Core has one.)</summary>
    public static IServiceCollection AddQueuesAndRouting(this IServiceCollection services)
    {
        services.AddSingleton<IValidator<QueueInput>, QueueInputValidator>();
        services.AddSingleton<IValidator<RoutingRuleInput>, RoutingRuleInputValidator>();
        services.AddSingleton<IValidator<RoutingInput>, RoutingInputValidator>();
        services.AddScoped<RoutingService>();
        return services;
    }
}
