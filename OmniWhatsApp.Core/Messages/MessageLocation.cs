using System.Globalization;

namespace OmniWhatsApp.Core.Messages;

/// <summary>A location a customer shared: its coordinates, and the place's name and address when WhatsApp sent them.</summary>
public sealed record MessageLocation(double Latitude, double Longitude, string? Label, string? Address)
{
    /// <summary>The most characters of a place's name or address (<see cref="Inbound.InboundForm.MaxLengths"/>).</summary>
    public const int MaxTextLength = 1000;

    /// <summary>"41.0082, 28.9784": up to six decimals (about 10 cm), a point as separator whatever the reader's culture.</summary>
    public string Coordinates => $"{Format(Latitude)}, {Format(Longitude)}";

    /// <summary>The point on OpenStreetMap, with a marker.</summary>
    public string MapUrl => $"https://www.openstreetmap.org/?mlat={Format(Latitude)}&mlon={Format(Longitude)}#map=17/{Format(Latitude)}/{Format(Longitude)}";

    /// <summary>A decimal degree within ±<paramref name="limit"/>, as Twilio writes it (invariant culture, no exponent, no NaN).</summary>
    public static bool TryParseCoordinate(string? text, double limit, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && Math.Abs(value) <= limit;

    private static string Format(double degrees) => degrees.ToString("0.######", CultureInfo.InvariantCulture);
}
