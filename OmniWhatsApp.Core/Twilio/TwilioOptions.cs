namespace OmniWhatsApp.Core.Twilio;

/// <summary>How the app talks to Twilio. Bound from the "Twilio" configuration section.</summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    /// <summary>False (the default): the built-in emulator answers. True: the real Twilio API.</summary>
    public bool Live { get; set; }

    /// <summary>
    /// Where the SDK's requests for Twilio's REST API (<c>api.twilio.com</c>) go in live mode. Twilio's own address
    /// by default; another one only for an egress proxy or a test double.
    /// </summary>
    public string ApiBaseUrl { get; set; } = TwilioHosts.Api.ToString();

    /// <summary>The same for the Content API (<c>content.twilio.com</c>).</summary>
    public string ContentApiBaseUrl { get; set; } = TwilioHosts.Content.ToString();

    /// <summary>Per-request timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Secrets of the webhook shared keys (Twilio's Webhook Settings), by key id (<c>webhooks_sharedkey_…</c>). A
    /// webhook whose <c>X-Twilio-Webhooks-Signature-Settings</c> header names one of these keys is checked with its
    /// secret and the header's algorithm (HMAC-SHA256) instead of the account's Auth Token and HMAC-SHA1.
    /// </summary>
    public Dictionary<string, string> WebhookSharedKeys { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The addresses Twilio's SDK always builds its requests on.</summary>
public static class TwilioHosts
{
    public static readonly Uri Api = new("https://api.twilio.com/");
    public static readonly Uri Content = new("https://content.twilio.com/");
    public static readonly Uri Messaging = new("https://messaging.twilio.com/");
}

/// <summary>
/// Where requests for Twilio's hosts really go: Twilio itself, or the emulator this app hosts when no live Twilio
/// is configured. <see cref="TwilioAddressHandler"/> sends the SDK's requests there.
/// </summary>
public interface ITwilioEndpoints
{
    bool IsEmulator { get; }
    Uri ApiBase { get; }
    Uri ContentApiBase { get; }
    Uri MessagingApiBase { get; }
}

public sealed class LiveTwilioEndpoints(TwilioOptions options) : ITwilioEndpoints
{
    public bool IsEmulator => false;
    public Uri ApiBase { get; } = WithSlash(options.ApiBaseUrl);
    public Uri ContentApiBase { get; } = WithSlash(options.ContentApiBaseUrl);
    public Uri MessagingApiBase => TwilioHosts.Messaging;

    internal static Uri WithSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}
