using System.Globalization;
using System.Resources;
using OmniWhatsApp.Core.Localization;

namespace OmniWhatsApp.Core.Templates;

/// <param name="EnglishName">Also the language's key in the string table, which names it in the reader's language.</param>
public sealed record Language(string Code, string EnglishName, string NativeName)
{
    private static readonly ResourceManager Names = new(typeof(Strings).FullName!, typeof(Strings).Assembly);

    /// <summary>The language in the reader's language, then in itself: "Turkish — Türkçe (tr)", "Rusça — Русский (ru)".</summary>
    public string Label
    {
        get
        {
            var name = Names.GetString(EnglishName, CultureInfo.CurrentUICulture) ?? EnglishName;
            return name == NativeName ? $"{name} ({Code})" : $"{name} — {NativeName} ({Code})";
        }
    }
}

/// <summary>The languages a WhatsApp channel and its templates can use (WhatsApp's template language codes).</summary>
public static class Languages
{
    public static readonly IReadOnlyList<Language> All =
    [
        new("en", "English", "English"),
        new("en_US", "English (US)", "English (US)"),
        new("en_GB", "English (UK)", "English (UK)"),
        new("tr", "Turkish", "Türkçe"),
        new("ru", "Russian", "Русский"),
        new("de", "German", "Deutsch"),
        new("fr", "French", "Français"),
        new("es", "Spanish", "Español"),
        new("it", "Italian", "Italiano"),
        new("pt_BR", "Portuguese (Brazil)", "Português (Brasil)"),
        new("nl", "Dutch", "Nederlands"),
        new("pl", "Polish", "Polski"),
        new("uk", "Ukrainian", "Українська"),
        new("ar", "Arabic", "العربية"),
    ];

    public static bool IsKnown(string? code) => code is not null && All.Any(l => l.Code == code);

    public static string LabelOf(string? code) => All.FirstOrDefault(l => l.Code == code)?.Label ?? code ?? "";
}
