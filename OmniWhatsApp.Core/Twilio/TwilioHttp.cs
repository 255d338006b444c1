namespace OmniWhatsApp.Core.Twilio;

/// <summary>
/// Sends the SDK's requests for Twilio's hosts to the addresses <see cref="ITwilioEndpoints"/> names: the emulator's
/// in emulator mode. Twilio's SDK has no base-address option (it always builds <c>https://api.twilio.com/…</c>), so
/// this is where that happens. Requests for Twilio's own addresses in live mode, and for any other host, pass as
/// they are.
/// </summary>
public sealed class TwilioAddressHandler(ITwilioEndpoints endpoints) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && Target(uri) is { } target) request.RequestUri = target;
        return base.SendAsync(request, cancellationToken);
    }

    private Uri? Target(Uri uri)
    {
        var host = uri.Host;
        var (twilio, actual) =
            host.Equals(TwilioHosts.Api.Host, StringComparison.OrdinalIgnoreCase) ? (TwilioHosts.Api, endpoints.ApiBase)
            : host.Equals(TwilioHosts.Content.Host, StringComparison.OrdinalIgnoreCase) ? (TwilioHosts.Content, endpoints.ContentApiBase)
            : host.Equals(TwilioHosts.Messaging.Host, StringComparison.OrdinalIgnoreCase) ? (TwilioHosts.Messaging, endpoints.MessagingApiBase)
            : (null, null);
        if (twilio is null || actual is null || actual == twilio) return null;
        return new Uri(actual, uri.PathAndQuery.TrimStart('/'));
    }
}

/// <summary>
/// Lets a caller's <see cref="CancellationToken"/> reach the HTTP request although Twilio's SDK takes none: the
/// caller sets <see cref="Use"/> (an async-local value, so it flows into the SDK's call and no further), and this
/// handler links it with the client's own timeout. Without it a stopping app would wait out every request in flight.
/// </summary>
public sealed class CallerCancellationHandler : DelegatingHandler
{
    private static readonly AsyncLocal<CancellationToken> Caller = new();

    /// <summary>Cancels the Twilio requests made from the calling async method (and what it awaits) with <paramref name="token"/>.</summary>
    public static void Use(CancellationToken token) => Caller.Value = token;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var caller = Caller.Value;
        if (!caller.CanBeCanceled) return await base.SendAsync(request, cancellationToken);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, caller);
        return await base.SendAsync(request, linked.Token);
    }
}
