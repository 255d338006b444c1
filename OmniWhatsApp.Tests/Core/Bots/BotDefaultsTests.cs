using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Bots;

/// <summary>The FAQ bot's suggested texts speak the customers' language (the channel's), whatever the admin's is.</summary>
public sealed class BotDefaultsTests
{
    [Theory]
    [InlineData("tr", "Sizi bir çalışma arkadaşıma bağlıyorum.", "temsilci")]
    [InlineData("ru", "Соединяю вас с коллегой.", "оператор")]
    [InlineData("en", "I'll connect you with a colleague.", "agent")]
    [InlineData("de", "I'll connect you with a colleague.", "agent")]   // no German string table: English
    public void Greeting_and_fallback_are_in_the_channels_language_whatever_the_admins_is(string channel, string fallback, string handoffWord)
    {
        InCulture.Run("ru", () =>
        {
            Assert.Equal(fallback, BotDefaults.Fallback(TestLocalizer.Strings, channel));
            // The word the greeting suggests is one the bot hands off on by default.
            Assert.Contains(handoffWord, BotDefaults.Greeting(TestLocalizer.Strings, channel));
            Assert.Contains(handoffWord, new BotSettings().HandoffWordList());
        });
    }
}
