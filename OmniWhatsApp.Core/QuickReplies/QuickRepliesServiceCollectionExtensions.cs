using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace OmniWhatsApp.Core.QuickReplies;

public static class QuickRepliesServiceCollectionExtensions
{
    public static IServiceCollection AddQuickReplies(this IServiceCollection services)
    {
        services.AddSingleton<IValidator<QuickReplyInput>, QuickReplyInputValidator>();
        services.AddSingleton<QuickReplyService>();
        return services;
    }
}
