using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Radzen;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>/admin/accounts/{id}: one account's details, numbers, callback URLs and the danger zone.</summary>
public sealed class AccountPage(IPage page)
{
    public IPage Page => page;
    public ShellPage Shell { get; } = new(page);
    public ILocator NumbersTable => page.Locator("main [data-testid=numbers-table]");
    public ILocator DeleteChannelButton => page.Locator("[data-testid=delete-channel]");

    /// <summary>Why a delete was refused (open conversations), with "Delete anyway" beside it.</summary>
    public ILocator DeleteProblem => page.Locator("[data-testid=delete-problem]");

    /// <summary>Shown with <see cref="DeleteProblem"/>: deletes the channel and closes its open conversations.</summary>
    public ILocator DeleteAnywayButton => page.Locator("[data-testid=delete-force]");

    /// <summary>Presses Delete channel and confirms in the dialog.</summary>
    public async Task DeleteChannelAsync()
    {
        await DeleteChannelButton.ClickAsync();
        var dialog = page.OpenDialog();
        await Expect(dialog).ToContainTextAsync("Delete channel");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
    }
}
