using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace OmniWhatsApp.Core.Numbers;

/// <summary>
/// A phone number in E.164 form (<c>+</c>, country code, up to 15 digits in all). Twilio addresses WhatsApp
/// endpoints as <c>whatsapp:+E164</c>; this type converts both ways so nothing else parses prefixes.
/// </summary>
public readonly partial record struct PhoneNumber
{
    public const string WhatsAppPrefix = "whatsapp:";

    private PhoneNumber(string e164) => Value = e164;

    /// <summary>The number as <c>+14155238886</c>.</summary>
    public string Value { get; }

    public string WhatsAppAddress => WhatsAppPrefix + Value;

    /// <summary>WhatsApp's id for the number: the digits without the plus sign.</summary>
    public string WaId => Value[1..];

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}\z")]
    private static partial Regex E164();

    public static bool IsValidE164([NotNullWhen(true)] string? text) => text is not null && E164().IsMatch(text);

    /// <summary>Accepts <c>+E164</c> or <c>whatsapp:+E164</c>; nothing else (no spaces, no missing plus).</summary>
    public static bool TryParse(string? text, out PhoneNumber number)
    {
        number = default;
        if (text is null) return false;
        var candidate = text.StartsWith(WhatsAppPrefix, StringComparison.OrdinalIgnoreCase) ? text[WhatsAppPrefix.Length..] : text;
        if (!IsValidE164(candidate)) return false;
        number = new PhoneNumber(candidate);
        return true;
    }

    public static PhoneNumber Parse(string text) =>
        TryParse(text, out var number) ? number : throw new FormatException($"'{text}' is not an E.164 number.");

    public override string ToString() => Value ?? "";
}
