using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Mud;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>The bot editor (BotEditor.razor) inside <paramref name="scope"/>: the wizard's Bot step or the workstream page's Bot section.</summary>
public sealed class BotEditorForm(ILocator scope)
{
    public ILocator Root => scope.Locator("[data-testid=bot-editor]");

    /// <summary>The choice "Off", "Faq" or "External" (the enum's name).</summary>
    public ILocator Mode(string mode) => Root.Locator($"[data-testid=bot-mode-{mode}]");

    public ILocator ChosenMode => Root.Locator(".mode.chosen strong");

    public ILocator FaqFields => Root.Locator("[data-testid=bot-faq]");
    public ILocator ExternalFields => Root.Locator("[data-testid=bot-external]");

    public ILocator Entries => Root.Locator("[data-testid=bot-entry]");
    public ILocator Phrases(int index) => Entries.Nth(index).Field("bot-entry-phrases");
    public ILocator Answer(int index) => Entries.Nth(index).Field("bot-entry-answer");
    public ILocator Language(int index) => Entries.Nth(index).Field("bot-entry-language");
    public ILocator Remove(int index) => Entries.Nth(index).Locator("[data-testid=bot-entry-remove]");
    public ILocator MoveUp(int index) => Entries.Nth(index).Locator("[data-testid=bot-entry-up]");
    public ILocator AddButton => Root.Locator("[data-testid=bot-entry-add]");
    public ILocator EntriesMessage => Root.Locator("[data-testid=bot-entries-message]");

    public ILocator Greeting => Root.Field("bot-greeting");
    public ILocator Fallback => Root.Field("bot-fallback");
    public ILocator HandoffWords => Root.Field("bot-handoff-words");
    public ILocator HandoffAfter => Root.Field("bot-handoff-after");

    public ILocator Url => Root.Field("bot-url");
    public ILocator Secret => Root.Field("bot-secret");
    public ILocator Timeout => Root.Field("bot-timeout");

    public ILocator FieldMessage(string testId) => Root.FieldMessage(testId);

    /// <summary>The message under the field of the entry at <paramref name="index"/> whose input has this <c>data-testid</c>.</summary>
    public ILocator EntryMessage(int index, string testId) => Entries.Nth(index).FieldMessage(testId);

    /// <summary>The helper line under a field (the saved secret's mask, for one).</summary>
    public ILocator Hint(string testId) => Root.FieldHint(testId);

    /// <summary>Fills the phrases and answer of the entry at <paramref name="index"/>.</summary>
    public async Task FillEntryAsync(int index, string phrases, string answer)
    {
        await Phrases(index).FillAsync(phrases);
        await Answer(index).FillAsync(answer);
    }
}
