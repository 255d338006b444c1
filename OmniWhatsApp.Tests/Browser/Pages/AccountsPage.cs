using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Mud;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>/admin/accounts: the list of connected Twilio accounts and their WhatsApp numbers.</summary>
public sealed class AccountsPage(IPage page)
{
    public const string Path = "admin/accounts";

    public IPage Page => page;
    public ShellPage Shell { get; } = new(page);
    public ILocator Grid => page.Locator("[data-testid=accounts-grid]");
    public ILocator NewAccountButton => page.Locator("[data-testid=new-account]");

    /// <summary>The grid row of the account with this name (empty when it is not listed).</summary>
    public ILocator Row(string accountName) => Grid.GridRow(accountName);

    /// <summary>What the list says while it has no account.</summary>
    public ILocator EmptyState => Grid.Locator("[data-testid=no-accounts]");

    /// <summary>A toast with this text, e.g. "Account saved" after the wizard's Done.</summary>
    public ILocator Toast(string text) => page.Snackbar(text);

    /// <summary>Closes the toast with this text (it may cover the list's buttons).</summary>
    public Task DismissToastAsync(string text) => page.Snackbar(text).DismissAsync();

    /// <summary>The link to the account's page, as its name in the grid.</summary>
    public ILocator Link(string accountName) => Grid.GetByRole(AriaRole.Link, new() { Name = accountName, Exact = true });

    public static async Task<AccountsPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        var accounts = new AccountsPage(page);
        await accounts.Shell.WaitUntilInteractiveAsync();
        await Expect(accounts.Grid).ToBeVisibleAsync();
        return accounts;
    }

    /// <summary>
    /// Waits until the list is on screen (after the wizard or a delete navigated here); <paramref name="heading"/> is
    /// the page's title in the language it is shown in.
    /// </summary>
    public async Task WaitUntilShownAsync(string heading = "Accounts and channels")
    {
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/accounts$"));
        await Expect(Shell.Heading).ToHaveTextAsync(heading);
        await Expect(Grid).ToBeVisibleAsync();
    }
}
