using OmniWhatsApp.Core.Bots;

namespace OmniWhatsApp.Tests.Core.Bots;

/// <summary>The FAQ bot's rules for a turn: hand-off words, answers with the greeting once, misses up to the hand-off.</summary>
public sealed class FaqTurnTests
{
    private const string Rephrase = "(rephrase)";

    private static readonly BotFaqEntry[] Faq =
    [
        new() { Id = 1, Position = 0, Language = "en", Phrases = "opening hours, open", Answer = "We are open 9 to 5." },
        new() { Id = 2, Position = 1, Language = "tr", Phrases = "iade", Answer = "İade 14 gün içinde yapılır." },
    ];

    private static BotSettings Bot(string? greeting = "Hi, I'm the help bot.", string? fallback = "I'll connect you with a colleague.", int misses = 2) =>
        new() { Mode = BotMode.Faq, Greeting = greeting, Fallback = fallback, HandoffAfterMisses = misses };

    private static FaqTurnResult Take(BotSettings bot, string?[] texts, int misses = 0, bool spoken = false, string language = "en") =>
        FaqTurn.Take(bot, Faq, language, texts, misses, spoken, () => Rephrase);

    [Theory]
    [InlineData("agent")]
    [InlineData("Temsilci lütfen")]
    [InlineData("ОПЕРАТОР")]
    public void A_hand_off_word_hands_off_after_the_fallback(string text)
    {
        var turn = Take(Bot(), [text]);

        Assert.Equal(HandoffReason.CustomerAsked, turn.Handoff);
        Assert.Equal(["I'll connect you with a colleague."], turn.Replies);
    }

    [Fact]
    public void Without_a_fallback_the_hand_off_is_silent()
    {
        var turn = Take(Bot(fallback: null), ["agent"]);

        Assert.Equal(HandoffReason.CustomerAsked, turn.Handoff);
        Assert.Empty(turn.Replies);
    }

    [Fact]
    public void The_greeting_comes_once_before_the_first_answer()
    {
        var first = Take(Bot(), ["What are your opening hours?", "İADE?"], language: "tr");
        Assert.Null(first.Handoff);
        Assert.Equal(["Hi, I'm the help bot.", "We are open 9 to 5.", "İade 14 gün içinde yapılır."], first.Replies);

        var later = Take(Bot(), ["are you open?"], spoken: true);
        Assert.Equal(["We are open 9 to 5."], later.Replies);
    }

    [Fact]
    public void A_miss_asks_to_rephrase_and_the_Nth_miss_in_a_row_hands_off()
    {
        var first = Take(Bot(misses: 2), ["blah"], spoken: true);
        Assert.Equal((1, (HandoffReason?)null), (first.Misses, first.Handoff));
        Assert.Equal([Rephrase], first.Replies);

        var second = Take(Bot(misses: 2), ["still blah"], misses: first.Misses, spoken: true);
        Assert.Equal(HandoffReason.NoAnswer, second.Handoff);
        Assert.Equal(["I'll connect you with a colleague."], second.Replies);
    }

    [Fact]
    public void An_answer_starts_the_misses_again()
    {
        var turn = Take(Bot(misses: 2), ["blah", "opening hours", "blah"], spoken: true);

        Assert.Null(turn.Handoff);
        Assert.Equal(1, turn.Misses);
        Assert.Equal([Rephrase, "We are open 9 to 5.", Rephrase], turn.Replies);
    }

    [Fact]
    public void Nothing_after_a_hand_off_is_answered()
    {
        var turn = Take(Bot(), ["agent", "opening hours"], spoken: true);

        Assert.Equal(HandoffReason.CustomerAsked, turn.Handoff);
        Assert.Equal(["I'll connect you with a colleague."], turn.Replies);
    }
}
