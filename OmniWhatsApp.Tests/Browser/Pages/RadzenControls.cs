using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Radzen;

/// <summary>
/// How the Radzen components of the admin pages look in the DOM. Inputs carry the <c>Name</c> given in the razor
/// file; drop-downs keep that name on a hidden input and open a popup with <c>role=option</c> items.
/// </summary>
public static class RadzenControls
{
    /// <summary>A text box, password, numeric or text area by its <c>Name</c>.</summary>
    public static ILocator Input(this ILocator scope, string name) =>
        scope.Locator($"input[name='{name}']:not([aria-hidden=true]), textarea[name='{name}']");

    /// <summary>The validation messages shown under the form field whose input has this <c>Name</c>.</summary>
    public static ILocator FieldMessage(this ILocator scope, string name) =>
        scope.Locator($".rz-form-field:has([name='{name}']) .validation-message");

    /// <summary>The drop-down whose hidden input has this <c>Name</c>.</summary>
    public static ILocator Dropdown(this ILocator scope, string name) => scope.Locator($".rz-dropdown:has(input[name='{name}'])");

    /// <summary>What a closed single-choice drop-down shows as its value.</summary>
    public static ILocator DropdownLabel(this ILocator dropdown) => dropdown.Locator(".rz-dropdown-label");

    /// <summary>The popup of a drop-down (wherever Radzen's script has put it).</summary>
    public static async Task<ILocator> PopupAsync(this ILocator dropdown) =>
        dropdown.Page.Locator($"#popup-{await dropdown.GetAttributeAsync("id")}");

    /// <summary>Opens a single-choice drop-down, picks the option with this accessible name and waits until it shows it.</summary>
    public static async Task SelectAsync(this ILocator dropdown, string option, string? shown = null)
    {
        var popup = await dropdown.PopupAsync();
        await dropdown.ClickAsync();
        await popup.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Expect(popup).ToBeHiddenAsync();
        await Expect(dropdown.DropdownLabel()).ToContainTextAsync(shown ?? option);
    }

    /// <summary>Opens a drop-down and returns the options it offers, then closes it again.</summary>
    public static async Task<IReadOnlyList<string>> OptionsAsync(this ILocator dropdown)
    {
        var popup = await dropdown.PopupAsync();
        await dropdown.ClickAsync();
        await Expect(popup).ToBeVisibleAsync();
        var options = await popup.GetByRole(AriaRole.Option).AllInnerTextsAsync();
        await dropdown.Page.Keyboard.PressAsync("Escape");
        await Expect(popup).ToBeHiddenAsync();
        return options.Select(o => o.Trim()).ToList();
    }

    /// <summary>Ticks one more option of a multiple-choice drop-down and closes it; the option then shows as a chip.</summary>
    public static async Task AddChoiceAsync(this ILocator dropdown, string option)
    {
        var popup = await dropdown.PopupAsync();
        await dropdown.ClickAsync();
        await popup.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await dropdown.Page.Keyboard.PressAsync("Escape");
        await Expect(popup).ToBeHiddenAsync();
        await Expect(dropdown.Locator(".rz-chip").Filter(new() { HasText = option })).ToBeVisibleAsync();
    }

    /// <summary>A Radzen switch by the <c>Name</c> of its hidden checkbox.</summary>
    public static ILocator Switch(this ILocator scope, string name) => scope.Locator($".rz-switch:has(input[name='{name}'])");

    /// <summary>A Radzen check box by the <c>Name</c> of its hidden input.</summary>
    public static ILocator CheckBox(this ILocator scope, string name) => scope.Locator($".rz-chkbox:has(input[name='{name}'])");

    /// <summary>A toast notification (top right) with this text in its title or message.</summary>
    public static ILocator Notification(this IPage page, string text) =>
        page.Locator(".rz-notification-item").Filter(new() { HasText = text });

    /// <summary>
    /// Closes a toast with its × after the test has read it. Toasts sit over the top right of the page, where the
    /// lists have their "New …" button, for several seconds; a user closes them to reach the button.
    /// </summary>
    public static async Task DismissAsync(this ILocator notification)
    {
        await notification.Locator(".rz-notification-close").ClickAsync();
        await Expect(notification).ToHaveCountAsync(0);
    }

    /// <summary>The open dialog (Radzen's confirm dialogs).</summary>
    public static ILocator OpenDialog(this IPage page) => page.Locator(".rz-dialog");

    /// <summary>The data rows of a Radzen data grid that contain this text.</summary>
    public static ILocator GridRow(this ILocator grid, string text) =>
        grid.Locator("tr.rz-data-row").Filter(new() { HasText = text });
}
