using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Bots;

/// <summary>The bot's settings, field by field: only the chosen mode's fields count; lengths are counted in characters.</summary>
public sealed class BotSettingsValidatorTests
{
    private readonly BotSettingsValidator validator = new(TestLocalizer.Strings);

    private static BotSettingsInput Faq() => new()
    {
        Mode = BotMode.Faq,
        Greeting = "Hello!",
        Fallback = "I'll connect you with a colleague.",
        Entries = [new BotFaqEntryInput { Language = "en", Phrases = "opening hours, when are you open", Answer = "Monday to Friday, 9 to 18." }],
    };

    private static BotSettingsInput External() => new()
    {
        Mode = BotMode.External,
        ExternalUrl = "https://bot.example.com/whatsapp",
        Secret = "0123456789abcdef",
    };

    [Fact]
    public void Off_needs_nothing_even_with_leftovers_of_the_other_modes()
    {
        var input = new BotSettingsInput { Mode = BotMode.Off, ExternalUrl = "not a url", HandoffAfterMisses = 0, Entries = [new BotFaqEntryInput()] };

        Assert.True(validator.Validate(input).IsValid);
    }

    [Fact]
    public void Well_formed_FAQ_and_external_bots_pass()
    {
        Assert.True(validator.Validate(Faq()).IsValid);
        Assert.True(validator.Validate(External()).IsValid);
    }

    [Fact]
    public void Unknown_mode_is_refused()
    {
        var input = Faq();
        input.Mode = (BotMode)7;

        Assert.Equal(["Choose who answers first."], validator.Validate(input).MessagesFor(nameof(BotSettingsInput.Mode)));
    }

    [Fact]
    public void FAQ_bot_needs_at_least_one_entry()
    {
        var input = Faq();
        input.Entries.Clear();

        Assert.Equal(["Add at least one question and its answer for the FAQ bot."], validator.Validate(input).MessagesFor(nameof(BotSettingsInput.Entries)));
    }

    [Fact]
    public void FAQ_bot_takes_at_most_100_entries()
    {
        var input = Faq();
        input.Entries = Enumerable.Range(0, BotSettingsValidator.MaxEntries + 1).Select(i => new BotFaqEntryInput { Phrases = $"q{i}", Answer = "a" }).ToList();

        Assert.Equal(["The FAQ bot takes at most 100 questions."], validator.Validate(input).MessagesFor(nameof(BotSettingsInput.Entries)));
        input.Entries.RemoveAt(0);
        Assert.True(validator.Validate(input).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(" , ,")]
    public void Every_entry_has_a_phrase(string phrases)
    {
        var input = Faq();
        input.Entries.Add(new BotFaqEntryInput { Language = "tr", Phrases = phrases, Answer = "Yanıt" });

        Assert.Equal(["Enter at least one keyword or phrase."], validator.Validate(input).MessagesFor("Entries[1].Phrases"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Every_entry_has_an_answer(string answer)
    {
        var input = Faq();
        input.Entries[0].Answer = answer;

        Assert.Equal(["Enter the answer."], validator.Validate(input).MessagesFor("Entries[0].Answer"));
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("")]
    public void Every_entry_has_a_known_language(string language)
    {
        var input = Faq();
        input.Entries[0].Language = language;

        Assert.Equal(["Choose a language."], validator.Validate(input).MessagesFor("Entries[0].Language"));
    }

    [Theory]
    [InlineData('ş')]   // Turkish
    [InlineData('ж')]   // Russian
    public void Answers_of_1600_and_phrases_of_2000_Turkish_or_Russian_characters_fit_and_one_more_does_not(char letter)
    {
        var input = Faq();
        input.Entries[0].Answer = new string(letter, 1600);
        input.Entries[0].Phrases = new string(letter, 2000);
        Assert.True(validator.Validate(input).IsValid);

        input.Entries[0].Answer = new string(letter, 1601);
        input.Entries[0].Phrases = new string(letter, 2001);
        var result = validator.Validate(input);
        Assert.Equal(["Use at most 1600 characters."], result.MessagesFor("Entries[0].Answer"));
        Assert.Equal(["Use at most 2000 characters."], result.MessagesFor("Entries[0].Phrases"));
    }

    [Theory]
    [InlineData('İ')]
    [InlineData('щ')]
    public void Greeting_and_fallback_take_1600_characters_and_handoff_words_1000(char letter)
    {
        var input = Faq();
        (input.Greeting, input.Fallback, input.HandoffWords) = (new string(letter, 1600), new string(letter, 1600), new string(letter, 1000));
        Assert.True(validator.Validate(input).IsValid);

        (input.Greeting, input.Fallback, input.HandoffWords) = (new string(letter, 1601), new string(letter, 1601), new string(letter, 1001));
        var result = validator.Validate(input);
        Assert.Equal(["Use at most 1600 characters."], result.MessagesFor(nameof(BotSettingsInput.Greeting)));
        Assert.Equal(["Use at most 1600 characters."], result.MessagesFor(nameof(BotSettingsInput.Fallback)));
        Assert.Equal(["Use at most 1000 characters."], result.MessagesFor(nameof(BotSettingsInput.HandoffWords)));
    }

    [Fact]
    public void Greeting_and_fallback_may_be_empty()
    {
        var input = Faq();
        (input.Greeting, input.Fallback) = (null, "");

        Assert.True(validator.Validate(input).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    public void FAQ_bot_needs_a_handoff_word(string words)
    {
        var input = Faq();
        input.HandoffWords = words;

        Assert.Equal(["Enter at least one hand-off word, so a customer can always ask for a person."],
            validator.Validate(input).MessagesFor(nameof(BotSettingsInput.HandoffWords)));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void Handoff_after_1_to_10_unanswered_messages(int misses, bool valid)
    {
        var input = Faq();
        input.HandoffAfterMisses = misses;

        Assert.Equal(valid ? [] : ["Hand off after 1 to 10 unanswered messages."], validator.Validate(input).MessagesFor(nameof(BotSettingsInput.HandoffAfterMisses)));
    }

    [Theory]
    [InlineData("https://bot.example.com/hook?x=1", true)]
    [InlineData("http://localhost:5080/bot", true)]
    [InlineData("http://127.0.0.1:9000/", true)]
    [InlineData("http://[::1]:9000/", true)]
    [InlineData("http://bot.example.com/hook", false)]
    [InlineData("ftp://bot.example.com/", false)]
    [InlineData("bot.example.com/hook", false)]
    [InlineData("/bot", false)]
    [InlineData("https://user:pass@bot.example.com/", false)]
    public void External_bot_needs_an_https_url_or_http_on_this_machine(string url, bool valid)
    {
        var input = External();
        input.ExternalUrl = url;

        Assert.Equal(valid ? [] : ["Enter a full https:// address (http:// only for localhost)."],
            validator.Validate(input).MessagesFor(nameof(BotSettingsInput.ExternalUrl)));
    }

    [Fact]
    public void External_bot_url_is_required_and_at_most_500_characters()
    {
        var input = External();
        input.ExternalUrl = " ";
        Assert.Equal(["Enter the bot's URL."], validator.Validate(input).MessagesFor(nameof(BotSettingsInput.ExternalUrl)));

        input.ExternalUrl = "https://bot.example.com/" + new string('a', 477);
        Assert.Equal(["Use at most 500 characters."], validator.Validate(input).MessagesFor(nameof(BotSettingsInput.ExternalUrl)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0123456789abcde")]   // 15
    public void A_first_secret_has_at_least_16_characters(string? secret)
    {
        var input = External();
        input.Secret = secret;

        Assert.Equal(["Enter a shared secret of at least 16 characters."], validator.Validate(input).MessagesFor(nameof(BotSettingsInput.Secret)));
    }

    [Fact]
    public void With_a_saved_secret_a_blank_one_keeps_it_and_a_new_one_still_needs_16_characters()
    {
        var input = External();
        input.SavedSecretHint = "cdef";
        input.Secret = "";
        Assert.True(validator.Validate(input).IsValid);

        input.Secret = "short";
        Assert.Equal(["Enter a shared secret of at least 16 characters."], validator.Validate(input).MessagesFor(nameof(BotSettingsInput.Secret)));

        input.Secret = new string('s', 201);
        Assert.Equal(["Use at most 200 characters."], validator.Validate(input).MessagesFor(nameof(BotSettingsInput.Secret)));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(30, true)]
    [InlineData(31, false)]
    public void Timeout_is_1_to_30_seconds(int seconds, bool valid)
    {
        var input = External();
        input.TimeoutSeconds = seconds;

        Assert.Equal(valid ? [] : ["The timeout is 1 to 30 seconds."], validator.Validate(input).MessagesFor(nameof(BotSettingsInput.TimeoutSeconds)));
    }

    [Fact]
    public void Messages_are_in_the_readers_language()
    {
        var input = Faq();
        input.Entries[0].Answer = "";

        InCulture.Run("tr", () => Assert.Equal(["Yanıtı girin."], validator.Validate(input).MessagesFor("Entries[0].Answer")));
        InCulture.Run("ru", () => Assert.Equal(["Введите ответ."], validator.Validate(input).MessagesFor("Entries[0].Answer")));
    }

    [Fact]
    public void The_WhatsApp_setup_checks_its_bot_with_paths_under_Bot()
    {
        var setup = new WhatsAppSetupInput { NumberId = 1, FallbackQueueId = 1, Bot = Faq() };
        setup.Bot.Entries[0].Phrases = "";

        var result = new WhatsAppSetupValidator(TestLocalizer.Strings).Validate(setup);

        Assert.Equal(["Enter at least one keyword or phrase."], result.MessagesFor("Bot.Entries[0].Phrases"));
        Assert.True(new WhatsAppSetupValidator(TestLocalizer.Strings).Validate(new WhatsAppSetupInput { NumberId = 1, FallbackQueueId = 1 }).IsValid);
    }
}
