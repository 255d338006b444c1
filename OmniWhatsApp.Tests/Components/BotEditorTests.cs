using Bunit;
using FluentValidation;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Tests.Components;

/// <summary>The bot editor (wizard step and workstream page): the chosen mode's fields, the FAQ list, and messages at their fields.</summary>
public sealed class BotEditorTests : ComponentTest
{
    public BotEditorTests() => Services.AddSingleton<IValidator<BotSettingsInput>>(new BotSettingsValidator(TestLocalizer.Strings));

    [Fact]
    public void Each_mode_shows_its_own_fields()
    {
        var bot = new BotSettingsInput();
        var editor = RenderEditor(bot);
        Assert.Empty(editor.FindAll("[data-testid=bot-faq], [data-testid=bot-external]"));

        editor.Find("[data-testid=bot-mode-External]").Click();
        Assert.Equal(BotMode.External, bot.Mode);
        Assert.Single(editor.FindAll("input[data-testid=bot-url]"));
        Assert.Single(editor.FindAll("input[data-testid=bot-secret]"));
        Assert.Single(editor.FindAll("input[data-testid=bot-timeout]"));
        Assert.Empty(editor.FindAll("[data-testid=bot-faq]"));

        editor.Find("[data-testid=bot-mode-Faq]").Click();
        Assert.Equal(BotMode.Faq, bot.Mode);
        Assert.Single(editor.FindAll("[data-testid=bot-faq]"));
        Assert.Single(editor.FindAll("input[data-testid=bot-handoff-words]"));
        Assert.Empty(editor.FindAll("input[data-testid=bot-url]"));

        editor.Find("[data-testid=bot-mode-Off]").Click();
        Assert.Empty(editor.FindAll("[data-testid=bot-faq], [data-testid=bot-external]"));
    }

    [Fact]
    public void Choosing_the_FAQ_bot_starts_it_in_the_channels_language_with_one_question_to_fill_in()
    {
        var bot = new BotSettingsInput();
        var editor = RenderEditor(bot, channelLanguage: "ru");

        editor.Find("[data-testid=bot-mode-Faq]").Click();

        Assert.Equal("Соединяю вас с коллегой.", bot.Fallback);
        Assert.Contains("оператор", bot.Greeting);
        var entry = Assert.Single(bot.Entries);
        Assert.Equal(("ru", "", ""), (entry.Language, entry.Phrases, entry.Answer));
        Assert.Single(editor.FindAll("[data-testid=bot-entry]"));
    }

    [Fact]
    public void Questions_are_added_moved_and_removed()
    {
        var bot = new BotSettingsInput { Mode = BotMode.Faq, Entries = [Entry("hours"), Entry("prices")] };
        var editor = RenderEditor(bot);

        editor.Find("[data-testid=bot-entry-add]").Click();
        Assert.Equal(3, editor.FindAll("[data-testid=bot-entry]").Count);
        editor.FindAll("input[data-testid=bot-entry-phrases]")[2].Change("delivery");

        editor.FindAll("[data-testid=bot-entry-up]")[2].Click();        // delivery above prices
        Assert.Equal(["hours", "delivery", "prices"], bot.Entries.Select(e => e.Phrases));
        Assert.Equal(["hours", "delivery", "prices"], editor.FindAll("input[data-testid=bot-entry-phrases]").Select(i => i.GetAttribute("value")));
        Assert.True(editor.FindAll("[data-testid=bot-entry-up]")[0].HasAttribute("disabled"));
        Assert.True(editor.FindAll("[data-testid=bot-entry-down]")[2].HasAttribute("disabled"));

        editor.FindAll("[data-testid=bot-entry-down]")[0].Click();      // hours below delivery
        Assert.Equal(["delivery", "hours", "prices"], bot.Entries.Select(e => e.Phrases));

        editor.FindAll("[data-testid=bot-entry-remove]")[1].Click();
        Assert.Equal(["delivery", "prices"], bot.Entries.Select(e => e.Phrases));
        Assert.Equal(["delivery", "prices"], editor.FindAll("input[data-testid=bot-entry-phrases]").Select(i => i.GetAttribute("value")));
    }

    [Fact]
    public void Submitting_shows_each_message_at_its_field()
    {
        var bot = new BotSettingsInput { Mode = BotMode.Faq, HandoffWords = "", HandoffAfterMisses = 11, Entries = [Entry("hours"), new BotFaqEntryInput { Answer = "An answer" }] };
        var editor = RenderEditor(bot);

        editor.Find("form").Submit();

        Assert.Equal("Enter at least one hand-off word, so a customer can always ask for a person.", Mud.FieldMessage(editor, "bot-handoff-words"));
        Assert.Equal("Hand off after 1 to 10 unanswered messages.", Mud.FieldMessage(editor, "bot-handoff-after"));
        var phrases = editor.FindAll("input[data-testid=bot-entry-phrases]");
        Assert.Null(phrases[0].Closest(".mud-input-control")!.QuerySelector(".mud-input-error"));
        Assert.Equal("Enter at least one keyword or phrase.", phrases[1].Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text.mud-input-error")!.TextContent.Trim());

        // Removing every question says the FAQ bot needs one.
        editor.FindAll("[data-testid=bot-entry-remove]")[1].Click();
        editor.FindAll("[data-testid=bot-entry-remove]")[0].Click();
        editor.Find("form").Submit();
        Assert.Equal("Add at least one question and its answer for the FAQ bot.", editor.Find("[data-testid=bot-entries-message]").TextContent.Trim());
    }

    [Fact]
    public void A_saved_secret_is_shown_masked_and_the_field_stays_empty()
    {
        var bot = new BotSettingsInput { Mode = BotMode.External, ExternalUrl = "http://bot.example.com", SavedSecretHint = "7f2a" };
        var editor = RenderEditor(bot);

        var secret = editor.Find("input[data-testid=bot-secret]");
        Assert.Equal("password", secret.GetAttribute("type"));
        Assert.True(string.IsNullOrEmpty(secret.GetAttribute("value")));
        Assert.Contains("Saved: ••••••••••••7f2a. Leave empty to keep it.", editor.Markup);

        editor.Find("form").Submit();
        Assert.Equal("Enter a full https:// address (http:// only for localhost).", Mud.FieldMessage(editor, "bot-url"));
        Assert.Null(Mud.FieldMessage(editor, "bot-secret"));
    }

    private static BotFaqEntryInput Entry(string phrases) => new() { Language = "en", Phrases = phrases, Answer = $"About {phrases}" };

    private IRenderedComponent<EditForm> RenderEditor(BotSettingsInput bot, string channelLanguage = "en")
    {
        _ = Popovers;
        return Render<EditForm>(p => p.Add(f => f.Model, bot).Add(f => f.ChildContent, _ => b =>
        {
            b.OpenComponent<FluentValidator<BotSettingsInput>>(0);
            b.CloseComponent();
            b.OpenComponent<BotEditor>(1);
            b.AddAttribute(2, nameof(BotEditor.Bot), bot);
            b.AddAttribute(3, nameof(BotEditor.ChannelLanguage), channelLanguage);
            b.CloseComponent();
        }));
    }
}
