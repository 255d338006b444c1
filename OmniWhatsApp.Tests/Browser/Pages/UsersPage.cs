using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Mud;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>/admin/users: the user list and the new/edit user form (a dialog).</summary>
public sealed class UsersPage(IPage page)
{
    public const string Path = "admin/users";

    public IPage Page => page;
    public ShellPage Shell { get; } = new(page);
    public ILocator Grid => page.Locator("[data-testid=users-grid]");
    public ILocator NewUserButton => page.Locator("[data-testid=new-user]");
    public ILocator Form => page.Locator("[data-testid=user-form]");
    public ILocator Name => Form.Field("user-name");
    public ILocator Email => Form.Field("user-email");
    public ILocator Role => Form.Field("user-role");
    public ILocator Capacity => Form.Field("user-capacity");
    public ILocator Password => Form.Field("user-password");
    public ILocator Queues => Form.Field("user-queues");
    public ILocator SaveButton => Form.Locator("[data-testid=save-user]");

    public ILocator Row(string text) => Grid.GridRow(text);

    /// <summary>The Lock (or Unlock) button in a user's row.</summary>
    public ILocator LockButton(ILocator row) => row.Locator("[data-testid=lock-user], [data-testid=unlock-user]");

    /// <summary>A toast with this text, e.g. "Saved".</summary>
    public ILocator Toast(string text) => page.Snackbar(text);

    /// <summary>The text of a grid row's cell under the column with this title.</summary>
    public Task<string> CellAsync(ILocator row, string column) => row.CellAsync(column);

    public static async Task<UsersPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        var users = new UsersPage(page);
        await users.Shell.WaitUntilInteractiveAsync();
        await Expect(users.Grid).ToBeVisibleAsync();
        return users;
    }
}
