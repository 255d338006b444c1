using System.Globalization;
using System.Text.RegularExpressions;

namespace OmniWhatsApp.Web.Emulator;

/// <summary>
/// Twilio's identifiers, addresses, dates and error codes as the emulator writes and checks them. Its own code: the
/// emulator plays Twilio for the app, so it shares none of the app's code for what it imitates.
/// </summary>
public static partial class EmulatorWire
{
    public const string WhatsAppPrefix = "whatsapp:";

    /// <summary>Free-form message outside the 24-hour window.</summary>
    public const int OutsideWindow = 63016;

    /// <summary>The sandbox recipient has not joined.</summary>
    public const int SandboxNotJoined = 63015;

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}\z")] private static partial Regex E164();
    [GeneratedRegex(@"^AC[0-9a-fA-F]{32}\z")] private static partial Regex AccountSid();
    [GeneratedRegex(@"^[0-9a-fA-F]{32}\z")] private static partial Regex AuthToken();
    [GeneratedRegex(@"^HX[0-9a-fA-F]{32}\z")] private static partial Regex ContentSid();

    public static bool IsE164(string? number) => number is not null && E164().IsMatch(number);
    public static bool IsAccountSid(string? sid) => sid is not null && AccountSid().IsMatch(sid);
    public static bool IsAuthToken(string? token) => token is not null && AuthToken().IsMatch(token);
    public static bool IsContentSid(string? sid) => sid is not null && ContentSid().IsMatch(sid);

    /// <summary>The +E164 number of a <c>whatsapp:+E164</c> address, or null for anything else.</summary>
    public static string? NumberOf(string? address) =>
        address is not null && address.StartsWith(WhatsAppPrefix, StringComparison.Ordinal) && IsE164(address[WhatsAppPrefix.Length..])
            ? address[WhatsAppPrefix.Length..]
            : null;

    /// <summary>A new identifier of Twilio's shape: two letters and 32 hexadecimal digits.</summary>
    public static string NewSid(string prefix) => prefix + Guid.NewGuid().ToString("N");

    /// <summary>Twilio's dates: RFC 2822 in GMT, e.g. <c>Thu, 24 Aug 2023 05:01:45 +0000</c>.</summary>
    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    /// <summary>Twilio's ISO 8601 dates (the v1/v2 APIs: Content, Senders).</summary>
    public static string IsoDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
