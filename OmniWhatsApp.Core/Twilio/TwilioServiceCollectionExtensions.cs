using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OmniWhatsApp.Core.Twilio;

public static class TwilioServiceCollectionExtensions
{
    /// <summary>
    /// Twilio's SDK over the "Twilio" HTTP client (timeout, the emulator's address, the caller's cancellation), the
    /// gateway the app calls, media downloads and webhook signatures. <see cref="ITwilioEndpoints"/> comes from the host.
    /// </summary>
    public static IServiceCollection AddTwilio(this IServiceCollection services)
    {
        services.AddTransient<TwilioAddressHandler>();
        services.AddTransient<CallerCancellationHandler>();
        services.AddHttpClient(TwilioRestClients.HttpClientName, (sp, http) => http.Timeout = sp.GetRequiredService<IOptions<TwilioOptions>>().Value.Timeout)
            .AddHttpMessageHandler<TwilioAddressHandler>()
            .AddHttpMessageHandler<CallerCancellationHandler>();
        services.AddSingleton<TwilioRestClients>();
        services.AddSingleton<TwilioGateway>();
        services.AddSingleton<TwilioMediaDownloads>();
        services.AddSingleton<WebhookSignature>();
        return services;
    }
}
