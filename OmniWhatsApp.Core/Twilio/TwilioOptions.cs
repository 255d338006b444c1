namespace OmniWhatsApp.Core.Twilio;

/// <summary>Where the Twilio client sends its requests. Bound from the "Twilio" configuration section.</summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    /// <summary>False (the default): the built-in emulator answers. True: the real Twilio API.</summary>
    public bool Live { get; set; }

    public string ApiBaseUrl { get; set; } = "https://api.twilio.com/";
    public string ContentApiBaseUrl { get; set; } = "https://content.twilio.com/";

    /// <summary>Per-request timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>The base addresses the client talks to: Twilio's, or the emulator's when no live Twilio is configured.</summary>
public interface ITwilioEndpoints
{
    bool IsEmulator { get; }
    Uri ApiBase { get; }
    Uri ContentApiBase { get; }
}

public sealed class LiveTwilioEndpoints(TwilioOptions options) : ITwilioEndpoints
{
    public bool IsEmulator => false;
    public Uri ApiBase { get; } = WithSlash(options.ApiBaseUrl);
    public Uri ContentApiBase { get; } = WithSlash(options.ContentApiBaseUrl);

    internal static Uri WithSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}
