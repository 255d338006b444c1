using Microsoft.Extensions.Options;
using Twilio.Security;

namespace OmniWhatsApp.Core.Twilio;

/// <summary>The outcome of checking a webhook's signature; <see cref="Reason"/> says why it failed, for the log.</summary>
public readonly record struct SignatureCheck(bool IsValid, string? Reason)
{
    public static readonly SignatureCheck Valid = new(true, null);
    public static SignatureCheck Invalid(string reason) => new(false, reason);
}

/// <summary>
/// Checks Twilio's webhook signatures with the SDK's <see cref="RequestValidator"/>. By default Twilio signs with the
/// account's Auth Token and HMAC-SHA1. When a Webhook Rule gives the URL a shared key, Twilio says so in
/// <c>X-Twilio-Webhooks-Signature-Settings</c> (<c>key=…,algorithm=HMAC_SHA256</c>): the key's secret
/// (<see cref="TwilioOptions.WebhookSharedKeys"/>) and that algorithm are used instead. The URL is the one Twilio was
/// given (the public address, behind a proxy); Twilio signs it with or without the default port, and both pass.
/// </summary>
public sealed class WebhookSignature(IOptions<TwilioOptions> options)
{
    public const string SignatureHeader = "X-Twilio-Signature";
    public const string SettingsHeader = RequestValidator.SignatureSettingsHeader;

    public SignatureCheck Check(string url, IDictionary<string, string> form, string authToken, string? signature, string? settings)
    {
        if (string.IsNullOrEmpty(signature)) return SignatureCheck.Invalid($"missing {SignatureHeader}");

        var secret = authToken;
        var algorithm = RequestValidator.GetSignatureAlgorithm(settings);
        if (!algorithm.Equals(RequestValidator.HmacSha1, StringComparison.OrdinalIgnoreCase)
            && !algorithm.Equals(RequestValidator.HmacSha256, StringComparison.OrdinalIgnoreCase)) return SignatureCheck.Invalid($"unsupported signature algorithm {algorithm}");
        if (!string.IsNullOrWhiteSpace(settings))
        {
            var key = KeyOf(settings);
            if (key is null) return SignatureCheck.Invalid($"{SettingsHeader} names no key");
            if (!options.Value.WebhookSharedKeys.TryGetValue(key, out var shared) || string.IsNullOrEmpty(shared))
            {
                return SignatureCheck.Invalid($"signed with the shared key {key}, which Twilio:WebhookSharedKeys does not have");
            }
            secret = shared;
        }

        var validator = new RequestValidator(secret);
        return validator.Validate(url, form, signature, algorithm)
            // The SDK adds a missing default port but does not drop one that is there (Uri hides it), so that form goes in without it.
            || WithoutDefaultPort(url) is { } bare && validator.Validate(bare, form, signature, algorithm)
            ? SignatureCheck.Valid
            : SignatureCheck.Invalid($"invalid {SignatureHeader} ({algorithm})");
    }

    /// <summary><c>https://host:443/…</c> as <c>https://host/…</c> (and <c>:80</c> for http); null when the URL names no default port.</summary>
    private static string? WithoutDefaultPort(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsDefaultPort) return null;
        var authority = $"{uri.Scheme}://{uri.Host}";
        var withPort = $"{authority}:{uri.Port}";
        return url.StartsWith(withPort, StringComparison.OrdinalIgnoreCase) ? string.Concat(url.AsSpan(0, authority.Length), url.AsSpan(withPort.Length)) : null;
    }

    /// <summary>The key id in <c>key=webhooks_sharedkey_…,algorithm=…</c>.</summary>
    private static string? KeyOf(string settings) =>
        settings.Split(',')
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].Trim() == "key" && pair[1].Trim().Length > 0)
            .Select(pair => pair[1].Trim())
            .FirstOrDefault();
}
