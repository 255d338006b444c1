using System.Security.Cryptography;
using System.Text;

namespace OmniWhatsApp.Core.Twilio;

/// <summary>
/// Twilio's request signature (<c>X-Twilio-Signature</c>): HMAC-SHA1, keyed with the account's Auth Token, over
/// the full URL followed by every POST parameter name and value, names sorted ordinally; Base64.
/// </summary>
public static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    public static string Compute(string url, IEnumerable<KeyValuePair<string, string>> parameters, string authToken)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }
        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
        return Convert.ToBase64String(hash);
    }

    /// <summary>
    /// True when <paramref name="signature"/> matches the URL as given or with its default port added or
    /// removed (Twilio signs whichever form it called), compared in constant time.
    /// </summary>
    public static bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> parameters, string authToken, string? signature)
    {
        if (string.IsNullOrEmpty(signature)) return false;
        var list = parameters as IReadOnlyCollection<KeyValuePair<string, string>> ?? parameters.ToList();
        var expected = Encoding.UTF8.GetBytes(signature);
        foreach (var candidate in UrlVariants(url))
        {
            var actual = Encoding.UTF8.GetBytes(Compute(candidate, list, authToken));
            if (CryptographicOperations.FixedTimeEquals(actual, expected)) return true;
        }
        return false;
    }

    private static IEnumerable<string> UrlVariants(string url)
    {
        yield return url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) yield break;
        var defaultPort = uri.Scheme == Uri.UriSchemeHttps ? 443 : uri.Scheme == Uri.UriSchemeHttp ? 80 : -1;
        if (defaultPort < 0 || uri.Port != defaultPort) yield break;

        var authority = $"{uri.Scheme}://{uri.Host}";
        var withPort = $"{authority}:{defaultPort}";
        // The string Twilio signed may or may not name the default port; try the form the given URL lacks.
        yield return url.StartsWith(withPort, StringComparison.OrdinalIgnoreCase)
            ? authority + url[withPort.Length..]
            : withPort + url[authority.Length..];
    }
}
