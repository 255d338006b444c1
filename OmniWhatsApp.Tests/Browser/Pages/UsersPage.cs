using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Radzen;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>/admin/users: the user list and the new/edit user form.</summary>
public sealed class UsersPage(IPage page)
{
    public const string Path = "admin/users";

    public IPage Page => page;
    public ShellPage Shell { get; } = new(page);
    public ILocator Grid => page.Locator("[data-testid=users-grid]");
    public ILocator NewUserButton => page.Locator("[data-testid=new-user]");
    public ILocator Form => page.Locator("[data-testid=user-form]");
    public ILocator Name => Form.Input("user-name");
    public ILocator Email => Form.Input("user-email");
    public ILocator Role => Form.Dropdown("user-role");
    public ILocator Capacity => Form.Input("user-capacity");
    public ILocator Password => Form.Input("user-password");
    public ILocator Queues => Form.Dropdown("user-queues");
    public ILocator SaveButton => Form.Locator("[data-testid=save-user]");

    public ILocator Row(string text) => Grid.GridRow(text);

    /// <summary>The text of a grid row's cell under the column with this title.</summary>
    public async Task<string> CellAsync(ILocator row, string column)
    {
        var titles = await Grid.Locator("thead th").AllInnerTextsAsync();
        var index = titles.Select(t => t.Trim()).ToList().IndexOf(column);
        if (index < 0) throw new InvalidOperationException($"The users grid has no column '{column}' (columns: {string.Join(", ", titles)}).");
        return (await row.Locator("td").Nth(index).InnerTextAsync()).Trim();
    }

    public static async Task<UsersPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        var users = new UsersPage(page);
        await users.Shell.WaitUntilInteractiveAsync();
        await Expect(users.Grid).ToBeVisibleAsync();
        return users;
    }
}
