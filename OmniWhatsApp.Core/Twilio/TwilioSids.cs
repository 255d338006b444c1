using System.Text.RegularExpressions;

namespace OmniWhatsApp.Core.Twilio;

/// <summary>The shapes of Twilio identifiers: a two-letter prefix and 32 hexadecimal digits.</summary>
public static partial class TwilioSids
{
    [GeneratedRegex(@"^AC[0-9a-fA-F]{32}\z")] private static partial Regex Account();
    [GeneratedRegex(@"^HX[0-9a-fA-F]{32}\z")] private static partial Regex Content();
    [GeneratedRegex(@"^(SM|MM)[0-9a-fA-F]{32}\z")] private static partial Regex Message();
    [GeneratedRegex(@"^[0-9a-fA-F]{32}\z")] private static partial Regex Token();

    public static bool IsAccountSid(string? value) => value is not null && Account().IsMatch(value);
    public static bool IsContentSid(string? value) => value is not null && Content().IsMatch(value);
    public static bool IsMessageSid(string? value) => value is not null && Message().IsMatch(value);
    public static bool IsAuthToken(string? value) => value is not null && Token().IsMatch(value);

    /// <summary>A new identifier of Twilio's shape, for the emulator.</summary>
    public static string New(string prefix) => prefix + Guid.NewGuid().ToString("N");
}
