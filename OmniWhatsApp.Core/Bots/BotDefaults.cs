using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;

namespace OmniWhatsApp.Core.Bots;

/// <summary>
/// What the FAQ bot says until the admin writes their own: a greeting and a fallback in the channel's language (the
/// customers' language, not the admin's); English for a language the console has no translation for.
/// </summary>
public static class BotDefaults
{
    public static string Greeting(IStringLocalizer<Strings> L, string channelLanguage) =>
        UiLanguages.In(channelLanguage, () => L["Hello! I'm the automatic assistant. Ask me a question, or write \"agent\" to talk to a person."]);

    public static string Fallback(IStringLocalizer<Strings> L, string channelLanguage) =>
        UiLanguages.In(channelLanguage, () => L["I'll connect you with a colleague."]);

    /// <summary>A new FAQ entry: empty, in the channel's language.</summary>
    public static BotFaqEntryInput Entry(string channelLanguage) => new() { Language = channelLanguage };
}
