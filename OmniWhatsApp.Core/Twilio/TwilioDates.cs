using System.Globalization;

namespace OmniWhatsApp.Core.Twilio;

/// <summary>Twilio's dates: RFC 2822 in GMT, e.g. <c>Thu, 24 Aug 2023 05:01:45 +0000</c>.</summary>
public static class TwilioDates
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }
}
