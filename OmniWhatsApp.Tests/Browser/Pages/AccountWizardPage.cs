using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Mud;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>
/// /admin/accounts/new: the account wizard (channel details → account details → WhatsApp numbers → callback
/// information), a MudStepper. Only the current step is in the page, so each step's locators are scoped to it.
/// </summary>
public sealed class AccountWizardPage(IPage page)
{
    public const string Path = "admin/accounts/new";

    public IPage Page => page;
    public ShellPage Shell { get; } = new(page);
    public ILocator Wizard => page.Locator("[data-testid=account-wizard]");

    /// <summary>The bar of step numbers and titles above the current step.</summary>
    public ILocator StepBar => Wizard.Locator(".mud-stepper-nav");

    /// <summary>The titles of all steps in the step bar, first to last.</summary>
    public ILocator StepTitles => StepBar.Locator(".mud-step-label-content-title");

    /// <summary>The highlighted title in the step bar, e.g. "Account details".</summary>
    public ILocator CurrentStepTitle => Wizard.Locator(".mud-step.active .mud-step-label-content-title");

    public ILocator ChannelStep => Wizard.Locator("[data-testid=step-channel]");
    public ILocator CredentialsStep => Wizard.Locator("[data-testid=step-credentials]");
    public ILocator NumbersStep => Wizard.Locator("[data-testid=step-numbers]");
    public ILocator CallbacksStep => Wizard.Locator("[data-testid=step-callbacks]");

    public ILocator NextButton => Wizard.Locator("[data-testid=wizard-next]");
    public ILocator BackButton => Wizard.Locator("[data-testid=wizard-back]");
    public ILocator CancelButton => Wizard.Locator("[data-testid=wizard-cancel]");

    /// <summary>The message under the field with this <c>data-testid</c> in the current step.</summary>
    public ILocator FieldMessage(string testId) => Wizard.FieldMessage(testId);

    /// <summary>The floating label of the current step's field whose input has this <c>data-testid</c>.</summary>
    public ILocator LabelOf(string testId) => Wizard.Locator($".mud-input-control:has([data-testid='{testId}']) label.mud-input-label");

    /// <summary>The current step's heading (its h2), e.g. "Account details".</summary>
    public ILocator StepHeading => Wizard.Locator(".wizard-step h2");

    /// <summary>The hint (or warning) under the field with this <c>data-testid</c> while it shows no error.</summary>
    public ILocator FieldHint(string testId) => Wizard.FieldHint(testId);

    // Channel details
    public ILocator AccountName => ChannelStep.Field("account-name");
    public ILocator Channel => ChannelStep.Field("account-channel");

    // Account details
    public ILocator AccountSid => CredentialsStep.Field("account-sid");
    public ILocator AuthToken => CredentialsStep.Field("auth-token");
    public ILocator VerifyButton => CredentialsStep.Locator("[data-testid=verify]");

    /// <summary>"Twilio accepted these credentials (…)", shown at the token field after a successful Verify.</summary>
    public ILocator Verified => CredentialsStep.FieldHint("auth-token");

    /// <summary>The warning at the SID field when another account already has this Account SID.</summary>
    public ILocator SidWarning => CredentialsStep.FieldHint("account-sid");

    // WhatsApp numbers
    public ILocator NumberName => NumbersStep.Field("number-name");
    public ILocator NumberValue => NumbersStep.Field("number-value");
    public ILocator AddNumberButton => NumbersStep.Locator("[data-testid=add-number]");
    public ILocator NumberRows => NumbersStep.Locator("[data-testid=numbers-table] tbody tr");
    public ILocator RemoveNumberButtons => NumbersStep.Locator("[data-testid=remove-number]");

    // Callback information
    public ILocator InboundUrl => CallbacksStep.Field("inbound-url");
    public ILocator StatusUrl => CallbacksStep.Field("status-url");
    public ILocator CopyInboundUrlButton => CallbacksStep.Locator("[data-testid=inbound-url-copy]");
    public ILocator SandboxHowTo => CallbacksStep.Locator("[data-testid=sandbox-howto]");

    /// <summary>A toast with this text, e.g. "Copied".</summary>
    public ILocator Toast(string text) => page.Snackbar(text);

    /// <summary>Closes the toast with this text (it may cover the wizard's buttons).</summary>
    public Task DismissToastAsync(string text) => page.Snackbar(text).DismissAsync();

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
        // Leaving the field hands its value to the server; a message from an earlier Next goes once it has arrived.
        await AccountName.BlurAsync();
        await Expect(FieldMessage("account-name")).ToHaveCountAsync(0);
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
