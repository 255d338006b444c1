using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Inbound;

namespace OmniWhatsApp.Core.Outbound;

public enum MediaLinkCheck
{
    Valid,
    Expired,
    Forged,
}

/// <summary>
/// Short-lived links to a stored file that Twilio fetches without signing in, for the attachments agents upload:
/// <c>{App:PublicBaseUrl}/media/public/{id}?expires={unix seconds}&amp;sig={token}</c>. The token is the media id and
/// the expiry protected with Data Protection (authenticated encryption with the app's key ring), so nobody can make
/// one for another file or move its expiry; the dispatcher makes a fresh link for every send attempt, so retries
/// after a long Twilio outage still work with a link that lives only <see cref="MediaOptions.PublicLinkLifetime"/>.
/// </summary>
public sealed class PublicMediaLinks(IDataProtectionProvider protection, IPublicUrls urls, IOptions<MediaOptions> options, TimeProvider clock)
{
    public const string Route = "media/public";

    private readonly IDataProtector protector = protection.CreateProtector("OmniWhatsApp.PublicMediaLinks.v1");

    /// <summary>A link to media <paramref name="mediaId"/> valid from now for <paramref name="lifetime"/> (default: the configured one).</summary>
    public Uri Create(long mediaId, TimeSpan? lifetime = null)
    {
        var expires = (clock.GetUtcNow() + (lifetime ?? options.Value.PublicLinkLifetime)).ToUnixTimeSeconds();
        var token = Base64Url.EncodeToString(protector.Protect(Payload(mediaId, expires)));
        return new Uri(urls.BaseUrl, $"{Route}/{mediaId}?expires={expires.ToString(CultureInfo.InvariantCulture)}&sig={token}");
    }

    /// <summary>Whether a link's parts are one this app made for this media and it has not expired.</summary>
    public MediaLinkCheck Check(long mediaId, long expires, string? sig)
    {
        if (string.IsNullOrEmpty(sig)) return MediaLinkCheck.Forged;
        byte[] payload;
        try
        {
            payload = protector.Unprotect(Base64Url.DecodeFromChars(sig));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return MediaLinkCheck.Forged;
        }
        if (!CryptographicOperations.FixedTimeEquals(payload, Payload(mediaId, expires))) return MediaLinkCheck.Forged;
        return clock.GetUtcNow().ToUnixTimeSeconds() < expires ? MediaLinkCheck.Valid : MediaLinkCheck.Expired;
    }

    private static byte[] Payload(long mediaId, long expires) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{mediaId}:{expires}"));
}
