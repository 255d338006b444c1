using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Radzen;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>
/// /admin/accounts/new: the account wizard (channel details → account details → WhatsApp numbers → callback
/// information). Only the current step is in the page, so each step's locators are scoped to it.
/// </summary>
public sealed class AccountWizardPage(IPage page)
{
    public const string Path = "admin/accounts/new";

    public IPage Page => page;
    public ShellPage Shell { get; } = new(page);
    public ILocator Wizard => page.Locator("[data-testid=account-wizard]");

    /// <summary>The highlighted title in the step bar, e.g. "Account details".</summary>
    public ILocator CurrentStepTitle => Wizard.Locator(".rz-steps-current .rz-steps-title");

    public ILocator ChannelStep => Wizard.Locator("[data-testid=step-channel]");
    public ILocator CredentialsStep => Wizard.Locator("[data-testid=step-credentials]");
    public ILocator NumbersStep => Wizard.Locator("[data-testid=step-numbers]");
    public ILocator CallbacksStep => Wizard.Locator("[data-testid=step-callbacks]");

    public ILocator NextButton => Wizard.Locator("[data-testid=wizard-next]");
    public ILocator BackButton => Wizard.Locator("[data-testid=wizard-back]");
    public ILocator CancelButton => Wizard.Locator("[data-testid=wizard-cancel]");

    /// <summary>The messages under the field with this <c>Name</c> in the current step.</summary>
    public ILocator FieldMessage(string name) => Wizard.FieldMessage(name);

    // Channel details
    public ILocator AccountName => ChannelStep.Input("account-name");
    public ILocator Channel => ChannelStep.Dropdown("account-channel");

    // Account details
    public ILocator AccountSid => CredentialsStep.Input("account-sid");
    public ILocator AuthToken => CredentialsStep.Input("auth-token");
    public ILocator VerifyButton => CredentialsStep.Locator("[data-testid=verify]");

    /// <summary>"Twilio accepted these credentials (…)", shown after a successful Verify.</summary>
    public ILocator Verified => CredentialsStep.Locator("[data-testid=verified]");

    // WhatsApp numbers
    public ILocator NumberName => NumbersStep.Input("number-name");
    public ILocator NumberValue => NumbersStep.Input("number-value");
    public ILocator AddNumberButton => NumbersStep.Locator("[data-testid=add-number]");
    public ILocator NumberRows => NumbersStep.Locator("[data-testid=numbers-table] tbody tr");

    // Callback information
    public ILocator InboundUrl => CallbacksStep.Locator("[data-testid=inbound-url]");
    public ILocator StatusUrl => CallbacksStep.Locator("[data-testid=status-url]");
    public ILocator CopyInboundUrlButton => CallbacksStep.Locator("[data-testid=inbound-url-copy]");
    public ILocator SandboxHowTo => CallbacksStep.Locator("[data-testid=sandbox-howto]");

    /// <summary>Opens the wizard directly and waits until it reacts to clicks.</summary>
    public static async Task<AccountWizardPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        var wizard = new AccountWizardPage(page);
        await wizard.Shell.WaitUntilInteractiveAsync();
        await Expect(wizard.ChannelStep).ToBeVisibleAsync();
        return wizard;
    }

    /// <summary>Step 1: types the account name and goes on to the account details.</summary>
    public async Task EnterChannelDetailsAsync(string name)
    {
        await AccountName.FillAsync(name);
        await NextButton.ClickAsync();
        await Expect(CredentialsStep).ToBeVisibleAsync();
    }

    /// <summary>Step 2: types SID and token (without verifying).</summary>
    public async Task EnterCredentialsAsync(string accountSid, string authToken)
    {
        await AccountSid.FillAsync(accountSid);
        await AuthToken.FillAsync(authToken);
    }

    /// <summary>Step 3: fills the add-number form and presses Add; the caller looks at the outcome.</summary>
    public async Task AddNumberAsync(string displayName, string number)
    {
        await NumberName.FillAsync(displayName);
        await NumberValue.FillAsync(number);
        await AddNumberButton.ClickAsync();
    }

    /// <summary>The row of the numbers table that shows this number.</summary>
    public ILocator NumberRow(string number) => NumberRows.Filter(new() { HasText = number });

    /// <summary>Why Done refused this number, shown in its row.</summary>
    public ILocator NumberProblem(string number) => NumberRow(number).Locator("[data-testid=number-problem]");
}
