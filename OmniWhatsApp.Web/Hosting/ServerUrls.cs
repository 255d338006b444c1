using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Common;

namespace OmniWhatsApp.Web.Hosting;

/// <summary>
/// The app's addresses: the public one (configured, for Twilio and for signatures) and its own listening one
/// (for talking to itself, e.g. to the built-in emulator). Without a configured public URL both are the same.
/// </summary>
public sealed class ServerUrls(IServer server, IOptions<AppOptions> options) : IPublicUrls
{
    private Uri? self;

    public Uri BaseUrl => string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)
        ? Self
        : new Uri(options.Value.PublicBaseUrl.TrimEnd('/') + "/");

    /// <summary>A loopback address this process listens on, preferring plain HTTP.</summary>
    public Uri Self => self ??= ResolveSelf();

    private Uri ResolveSelf()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? 1 : 0).FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address yet; it is asked before the app started listening.");
        // Wildcard bindings (http://+:80, http://[::]:80, http://0.0.0.0:80) are reachable on loopback.
        var normalized = chosen.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1")
            .Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1");
        return new Uri(normalized.TrimEnd('/') + "/");
    }
}
