using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Mud;

/// <summary>
/// How the MudBlazor components look in the DOM. A text field, numeric field or select carries its
/// <c>data-testid</c> on the <c>input</c> (or <c>textarea</c>) itself; the field's messages sit in the helper line
/// of its <c>.mud-input-control</c>; popovers (select lists, menus) open at the end of the page.
/// </summary>
public static class MudControls
{
    /// <summary>A text field, numeric field, text area or select by the <c>data-testid</c> on its input.</summary>
    public static ILocator Field(this ILocator scope, string testId) =>
        scope.Locator($"input[data-testid='{testId}'], textarea[data-testid='{testId}']");

    /// <summary>The validation message shown under the field whose input has this <c>data-testid</c>.</summary>
    public static ILocator FieldMessage(this ILocator scope, string testId) =>
        scope.Locator($".mud-input-control:has([data-testid='{testId}']) .mud-input-helper-text.mud-input-error");

    /// <summary>The hint under the field whose input has this <c>data-testid</c> (its helper text while it shows no error).</summary>
    public static ILocator FieldHint(this ILocator scope, string testId) =>
        scope.Locator($".mud-input-control:has([data-testid='{testId}']) .mud-input-helper-text:not(.mud-input-error)");

    /// <summary>Everything under the field whose input has this <c>data-testid</c>: its hint or its messages.</summary>
    public static ILocator FieldHelperLine(this ILocator scope, string testId) =>
        scope.Locator($".mud-input-control:has([data-testid='{testId}']) .mud-input-helper-text");

    /// <summary>The list of the one open select or menu popover.</summary>
    public static ILocator OpenList(this IPage page) => page.Locator(".mud-popover-open .mud-list");

    /// <summary>Opens a single-choice select, picks the option with this text and waits until the field shows it.</summary>
    public static async Task SelectAsync(this ILocator select, string option, string? shown = null)
    {
        var list = select.Page.OpenList();
        await select.ClickAsync();
        await list.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Expect(list).ToHaveCountAsync(0);
        await Expect(select).ToHaveValueAsync(shown ?? option);
    }

    /// <summary>Opens a select and returns the texts of its options, then closes it again.</summary>
    public static async Task<IReadOnlyList<string>> OptionsAsync(this ILocator select)
    {
        var list = select.Page.OpenList();
        await select.ClickAsync();
        await Expect(list).ToBeVisibleAsync();
        var options = await list.GetByRole(AriaRole.Option).AllInnerTextsAsync();
        await select.Page.Keyboard.PressAsync("Escape");
        await Expect(list).ToHaveCountAsync(0);
        return options.Select(o => o.Trim()).ToList();
    }

    /// <summary>Ticks (or unticks) one option of a multiple-choice select and closes it.</summary>
    public static async Task ToggleChoiceAsync(this ILocator select, string option)
    {
        var list = select.Page.OpenList();
        await select.ClickAsync();
        await list.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        // The tick goes to the server and back; an Escape that arrives while it re-renders can be lost, so ask again.
        for (var attempt = 1; ; attempt++)
        {
            await select.Page.Keyboard.PressAsync("Escape");
            try
            {
                await Expect(list).ToHaveCountAsync(0, new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Whether a field's floating label is drawn over the value shown in it (instead of above it).</summary>
    public static Task<bool> LabelCoversValueAsync(this ILocator field) =>
        field.EvaluateAsync<bool>("""
            input => {
                const label = input.closest('.mud-input-control').querySelector('label.mud-input-label').getBoundingClientRect();
                const box = input.getBoundingClientRect(), style = getComputedStyle(input);
                const textTop = box.top + parseFloat(style.paddingTop), textBottom = box.bottom - parseFloat(style.paddingBottom);
                return label.bottom > textTop + 1 && label.top < textBottom - 1;
            }
            """);

    /// <summary>Whether an element's text does not fit in it (cut off with "…"), e.g. a field's label.</summary>
    public static Task<bool> IsCutAsync(this ILocator element) =>
        element.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth + 1");

    /// <summary>
    /// Whether a button's text is clipped: its label reaches past the button's edge, or overflows an element that hides
    /// what does not fit. (A few pixels of an icon's margin past a label that shows everything is not a cut.)
    /// </summary>
    public static Task<bool> IsButtonTextClippedAsync(this ILocator button) =>
        button.EvaluateAsync<bool>("""
            b => {
                const box = b.getBoundingClientRect();
                return [b, ...b.querySelectorAll('*')].some(e =>
                    (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
                    || e.getBoundingClientRect().right > box.right + 1 || e.getBoundingClientRect().left < box.left - 1);
            }
            """);

    /// <summary>A snackbar (toast) with this text.</summary>
    public static ILocator Snackbar(this IPage page, string text) =>
        page.Locator(".mud-snackbar").Filter(new() { HasText = text });

    /// <summary>Closes a snackbar with its × after the test has read it (it may cover buttons beneath it).</summary>
    public static async Task DismissAsync(this ILocator snackbar)
    {
        await snackbar.Locator(".mud-snackbar-close-button, button[aria-label]").Last.ClickAsync();
        await Expect(snackbar).ToHaveCountAsync(0);
    }

    /// <summary>The open dialog (message boxes and the app's own dialogs).</summary>
    public static ILocator OpenDialog(this IPage page) => page.Locator(".mud-dialog-container .mud-dialog");

    /// <summary>A button of the open dialog by its text, e.g. "Delete".</summary>
    public static ILocator DialogButton(this IPage page, string text) =>
        page.OpenDialog().GetByRole(AriaRole.Button, new() { Name = text, Exact = true });

    /// <summary>The data rows of a data grid (or table) that contain this text.</summary>
    public static ILocator GridRow(this ILocator grid, string text) =>
        grid.Locator("tbody tr").Filter(new() { HasText = text });

    /// <summary>The text of a data grid row's cell under the column with this title.</summary>
    public static async Task<string> CellAsync(this ILocator row, string column) =>
        (await row.Locator($"td[data-label='{column}']").InnerTextAsync()).Trim();

    /// <summary>
    /// Whether a button shows in the theme's error colour (text, outline or fill), as destructive buttons do: the
    /// colour is compared with <c>--mud-palette-error</c> as the browser resolves it, in light and dark alike.
    /// </summary>
    public static Task<bool> IsDangerStyledAsync(this ILocator button) =>
        button.EvaluateAsync<bool>("""
            b => {
                const probe = document.createElement('span');
                probe.style.color = 'var(--mud-palette-error)';
                document.body.appendChild(probe);
                const error = getComputedStyle(probe).color;
                probe.remove();
                const style = getComputedStyle(b);
                return [style.color, style.backgroundColor, style.borderTopColor].includes(error);
            }
            """);

    /// <summary>
    /// The column titles of a grid or table that do not fit their header cell (cut off or ellipsed). Text meant for
    /// screen readers only (<c>.visually-hidden</c>, e.g. "Actions") is not a title anyone sees.
    /// </summary>
    public static Task<string[]> CutHeadersAsync(this ILocator grid) =>
        grid.EvaluateAsync<string[]>("""
            g => [...g.querySelectorAll('thead th')].filter(th => {
                const shown = [th, ...th.querySelectorAll('*')].filter(e => !e.closest('.visually-hidden'));
                const text = shown.flatMap(e => [...e.childNodes]).filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join('').trim();
                const right = th.getBoundingClientRect().right;
                return text.length > 0 && shown.some(e => (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
                    || e.getBoundingClientRect().right > right + 1);
            }).map(th => th.innerText.trim())
            """);

    /// <summary>Whether the page is wider than the window, so the reader has to scroll sideways.</summary>
    public static Task<bool> ScrollsSidewaysAsync(this IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
}
