using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Mud;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>/admin/accounts/{id}: one account's details, numbers, callback URLs and the danger zone.</summary>
public sealed class AccountPage(IPage page)
{
    public IPage Page => page;
    public ShellPage Shell { get; } = new(page);
    public ILocator NumbersTable => page.Locator("main [data-testid=numbers-table]");
    public ILocator RemoveNumberButtons => NumbersTable.Locator("[data-testid=remove-number]");
    public ILocator DeleteChannelButton => page.Locator("[data-testid=delete-channel]");

    /// <summary>Why a delete was refused (open conversations), with "Delete anyway" beside it.</summary>
    public ILocator DeleteProblem => page.Locator("[data-testid=delete-problem]");

    /// <summary>Shown with <see cref="DeleteProblem"/>: deletes the channel and closes its open conversations.</summary>
    public ILocator DeleteAnywayButton => page.Locator("[data-testid=delete-force]");

    // Replace credentials
    public ILocator ReplaceCredentialsButton => page.Locator("[data-testid=replace-credentials]");
    public ILocator CredentialsForm => page.Locator("[data-testid=credentials-form]");
    public ILocator AccountSid => CredentialsForm.Field("account-sid");
    public ILocator AuthToken => CredentialsForm.Field("auth-token");

    /// <summary>The warning at the SID field when another account already has this Account SID.</summary>
    public ILocator SidWarning => CredentialsForm.FieldHint("account-sid");

    /// <summary>A toast with this text, e.g. "Channel deleted".</summary>
    public ILocator Toast(string text) => page.Snackbar(text);

    /// <summary>Presses Delete channel and confirms in the dialog.</summary>
    public async Task DeleteChannelAsync()
    {
        await DeleteChannelButton.ClickAsync();
        await Expect(page.OpenDialog()).ToContainTextAsync("Delete channel");
        await page.DialogButton("Delete").ClickAsync();
    }
}
