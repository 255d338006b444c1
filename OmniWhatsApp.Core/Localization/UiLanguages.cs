using System.Globalization;

namespace OmniWhatsApp.Core.Localization;

/// <summary>
/// The console's languages: English (the default and fallback), Turkish and Russian. Each is named in itself in the
/// language menu, so a person finds their own whatever the page's language is.
/// </summary>
public static class UiLanguages
{
    public const string English = "en";
    public const string Turkish = "tr";
    public const string Russian = "ru";

    public sealed record UiLanguage(string Code, string NativeName)
    {
        public CultureInfo Culture => CultureInfo.GetCultureInfo(Code);
    }

    public static readonly IReadOnlyList<UiLanguage> All =
    [
        new(English, "English"),
        new(Turkish, "Türkçe"),
        new(Russian, "Русский"),
    ];

    public static readonly string[] Codes = [.. All.Select(l => l.Code)];

    /// <summary>
    /// <paramref name="text"/> read in the language <paramref name="code"/> names (the customers' language, not the
    /// user's), English when the console has no translation for it; the thread's UI culture is put back afterwards.
    /// </summary>
    public static T In<T>(string? code, Func<T> text)
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(Normalize(code) ?? English);
            return text();
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    /// <summary>The supported language a code names ("tr", "TR", "tr-TR" → "tr"), or null.</summary>
    public static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var language = code.Trim().Split('-', '_')[0];
        return Codes.FirstOrDefault(c => string.Equals(c, language, StringComparison.OrdinalIgnoreCase));
    }
}
