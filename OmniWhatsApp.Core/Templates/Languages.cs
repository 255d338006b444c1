namespace OmniWhatsApp.Core.Templates;

public sealed record Language(string Code, string EnglishName, string NativeName)
{
    public string Label => EnglishName == NativeName ? $"{EnglishName} ({Code})" : $"{EnglishName} — {NativeName} ({Code})";
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
