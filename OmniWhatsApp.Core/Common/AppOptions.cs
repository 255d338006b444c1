namespace OmniWhatsApp.Core.Common;

/// <summary>Installation-wide settings, bound from the "App" configuration section.</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>
    /// The address Twilio uses to reach this installation (e.g. https://support.example.com). Callback URLs and
    /// webhook signatures are built from it, so they stay right behind a proxy. Empty: the app's own address.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>The public base address, from configuration or, when none is set, from the running server.</summary>
public interface IPublicUrls
{
    Uri BaseUrl { get; }
}

/// <summary>The two webhook addresses of an account, as the wizard shows them and Twilio calls them.</summary>
public sealed record CallbackUrls(string Inbound, string Status)
{
    public static CallbackUrls For(Uri baseUrl, Guid accountId)
    {
        var root = baseUrl.ToString().TrimEnd('/');
        return new CallbackUrls($"{root}/api/twilio/{accountId}/inbound", $"{root}/api/twilio/{accountId}/status");
    }
}
