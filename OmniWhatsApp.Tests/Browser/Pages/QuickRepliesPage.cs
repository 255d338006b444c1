using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Mud;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>/admin/quick-replies: the team's canned responses, added and edited in a dialog.</summary>
public sealed class QuickRepliesPage(IPage page)
{
    public const string Path = "admin/quick-replies";

    public IPage Page => page;
    public ShellPage Shell { get; } = new(page);

    public static async Task<QuickRepliesPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        var replies = new QuickRepliesPage(page);
        await replies.Shell.WaitUntilInteractiveAsync();
        await Expect(replies.NewButton).ToBeVisibleAsync();
        return replies;
    }

    public ILocator Grid => page.Locator("[data-testid=quick-replies-grid]");
    public ILocator NewButton => page.Locator("[data-testid=new-quick-reply]");
    public ILocator Form => page.Locator("[data-testid=quick-reply-form]");
    public ILocator Shortcut => Form.Field("quick-reply-shortcut");
    public ILocator Text => Form.Field("quick-reply-text");
    public ILocator ShortcutMessage => Form.FieldMessage("quick-reply-shortcut");
    public ILocator TextMessage => Form.FieldMessage("quick-reply-text");

    /// <summary>Everything under the shortcut field: its hint, or its message in the hint's place.</summary>
    public ILocator ShortcutHelperLine => Form.FieldHelperLine("quick-reply-shortcut");

    public ILocator Save => Form.Locator("[data-testid=save-quick-reply]");

    public ILocator Row(string shortcut) => Grid.Locator($"tbody tr:has([data-shortcut='{shortcut}'])");

    /// <summary>
    /// Fills both fields and leaves the text as a user does before reaching for the button: the field is checked
    /// when it loses focus, and a field message that goes then moves the button (a click aimed before it moved
    /// would miss it).
    /// </summary>
    public async Task FillAsync(string shortcut, string text)
    {
        await Shortcut.FillAsync(shortcut);
        await Text.FillAsync(text);
        await Text.BlurAsync();
    }

    public Task EditAsync(string shortcut) => page.GetByRole(AriaRole.Button, new() { Name = $"Edit /{shortcut}" }).ClickAsync();

    public ILocator DeleteButton(string shortcut) => page.GetByRole(AriaRole.Button, new() { Name = $"Delete /{shortcut}" });

    public async Task DeleteAsync(string shortcut)
    {
        await DeleteButton(shortcut).ClickAsync();
        await page.DialogButton("Delete").ClickAsync();
    }
}
