using System.Collections.Concurrent;
using Twilio.Clients;
using Twilio.Http;

namespace OmniWhatsApp.Core.Twilio;

/// <summary>
/// One Twilio SDK client per account, each over an <see cref="IHttpClientFactory"/> client (so the timeout, the
/// emulator's address and the caller's cancellation apply to every call). Never the SDK's static
/// <c>TwilioClient.Init</c>: the app serves many accounts at once. A client is renewed when its account's token
/// changes and every few minutes, so the factory's handler rotation still applies.
/// </summary>
public sealed class TwilioRestClients(IHttpClientFactory httpFactory, TimeProvider clock)
{
    /// <summary>The named HTTP client every Twilio request goes through.</summary>
    public const string HttpClientName = "Twilio";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (string Token, ITwilioRestClient Client, DateTimeOffset Created)> clients = new(StringComparer.Ordinal);

    public ITwilioRestClient For(TwilioCredentials credentials)
    {
        var now = clock.GetUtcNow();
        if (clients.TryGetValue(credentials.AccountSid, out var known) && known.Token == credentials.AuthToken && now - known.Created < Lifetime)
        {
            return known.Client;
        }
        var client = new TwilioRestClient(credentials.AccountSid, credentials.AuthToken,
            httpClient: new SystemNetHttpClient(httpFactory.CreateClient(HttpClientName)))
        {
            // The SDK prints requests to the console when TWILIO_LOG_LEVEL=debug; the app's own log says what happened.
            LogLevel = null,
        };
        clients[credentials.AccountSid] = (credentials.AuthToken, client, now);
        return client;
    }
}
