using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Bots;

/// <summary>The FAQ bot finds an answer whatever the case and accents, the same on a Turkish or Russian server, and only on whole words.</summary>
public sealed class FaqMatcherTests
{
    private static BotFaqEntry Entry(string phrases, string language = "en", int position = 0, string answer = "answer") =>
        new() { Id = position + 1, Position = position, Language = language, Phrases = phrases, Answer = answer };

    [Theory]
    [InlineData("İADE", "iade")]
    [InlineData("iade", "İADE")]
    [InlineData("IADE", "iade")]
    [InlineData("ıade", "iade")]
    [InlineData("İade istiyorum", "iade")]
    [InlineData("ŞİKAYET", "şikayet")]
    [InlineData("sikayet", "şikâyet")]
    [InlineData("ЁЛКА", "елка")]
    [InlineData("Ёлка", "ёлка")]
    [InlineData("ДОСТАВКА", "доставка")]
    [InlineData("Café au lait", "cafe")]
    [InlineData("what are your OPENING-hours?", "opening hours")]
    public void Matches_ignoring_case_and_accents(string message, string phrase)
    {
        var entry = Entry(phrase);
        foreach (var culture in (string[])["tr-TR", "ru-RU", "en-US", "az-Latn-AZ"])
        {
            InCulture.Run(culture, () => Assert.Same(entry, FaqMatcher.Best([entry], message, "en")));
        }
    }

    [Theory]
    [InlineData("I want to return this", "turn")]
    [InlineData("iadeler", "iade")]
    [InlineData("доставкой", "доставка")]
    [InlineData("hours opening", "opening hours")]
    public void Does_not_match_part_of_a_word_or_words_out_of_order(string message, string phrase) =>
        Assert.Null(FaqMatcher.Best([Entry(phrase)], message, "en"));

    [Fact]
    public void The_longest_matching_phrase_wins_over_an_earlier_entry()
    {
        var refund = Entry("refund", position: 0, answer: "About refunds");
        var status = Entry("refund status, where is my refund", position: 1, answer: "Your refund's status");

        Assert.Same(status, FaqMatcher.Best([refund, status], "Where is my refund?", "en"));
        Assert.Same(refund, FaqMatcher.Best([refund, status], "I want a refund", "en"));
    }

    [Fact]
    public void On_a_tie_the_conversation_s_language_comes_first_then_the_earlier_entry()
    {
        var english = Entry("wifi", "en", position: 0, answer: "The password is on the router");
        var turkish = Entry("wifi", "tr", position: 1, answer: "Şifre modemin üzerinde");
        var turkishLater = Entry("wifi", "tr", position: 2, answer: "later");

        Assert.Same(turkish, FaqMatcher.Best([english, turkish, turkishLater], "WIFI şifresi?", "tr"));
        Assert.Same(english, FaqMatcher.Best([english, turkish, turkishLater], "wifi password?", "en"));
        Assert.Same(english, FaqMatcher.Best([english, turkish], "wifi?", "ru"));
    }

    [Fact]
    public void Hand_off_words_match_in_the_three_languages()
    {
        var words = new BotSettings().HandoffWordList().ToList();

        Assert.True(FaqMatcher.ContainsAny("I want an AGENT please", words));
        Assert.True(FaqMatcher.ContainsAny("TEMSİLCİ", words));
        Assert.True(FaqMatcher.ContainsAny("Temsilciyle konuşmak istiyorum, temsilci!", words));
        Assert.True(FaqMatcher.ContainsAny("Позовите ОПЕРАТОРА, пожалуйста: оператор", words));
        Assert.False(FaqMatcher.ContainsAny("My agency sent me", words));
        Assert.False(FaqMatcher.ContainsAny("", words));
    }
}
