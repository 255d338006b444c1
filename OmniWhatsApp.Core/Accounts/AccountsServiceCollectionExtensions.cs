using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace OmniWhatsApp.Core.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>Twilio accounts and their numbers: the service, its validators, the channel directory and the senders' webhooks.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddSingleton<IValidator<ChannelDetailsInput>, ChannelDetailsValidator>();
        services.AddSingleton<IValidator<CredentialsInput>, CredentialsValidator>();
        services.AddSingleton<IValidator<NumberInput>, NumberInputValidator>();
        services.AddSingleton<IValidator<NewAccountInput>, NewAccountValidator>();
        services.AddSingleton<ChannelDirectory>();
        services.AddScoped<AccountService>();
        services.AddSingleton<SenderWebhooks>();
        services.AddHostedService(sp => sp.GetRequiredService<SenderWebhooks>());
        return services;
    }
}
