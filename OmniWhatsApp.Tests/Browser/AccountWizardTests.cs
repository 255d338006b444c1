using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Tests.Browser.Mud;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>The account wizard's refusals, cancelling it, and using it with the keyboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountWizardTests(AppHost app, BrowserFixture browser)
{
    private const string TwilioRejected = "Twilio rejected this Account SID / Auth Token. Copy both again from the Twilio Console.";

    [Fact]
    public async Task Wrong_credentials_show_Twilio_s_refusal_at_the_token_and_Next_stays_on_the_step()
    {
        var emulator = app.EmulatorCredentials();
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var wizard = await AccountWizardPage.OpenAsync(session.Page);
        await wizard.EnterChannelDetailsAsync(TestData.UniqueName("Wrong token"));

        await wizard.EnterCredentialsAsync(emulator.AccountSid, "0123456789abcdef0123456789abcdef");
        await wizard.VerifyButton.ClickAsync();

        await Expect(wizard.FieldMessage("auth-token")).ToHaveTextAsync(TwilioRejected);
        await Expect(wizard.FieldMessage("account-sid")).ToHaveCountAsync(0);
        await Expect(wizard.Verified).ToHaveCountAsync(0);
        await session.ScreenshotAsync("rejected");

        // Another wrong token: editing the field clears the old message, Next asks Twilio again and stays.
        await wizard.AuthToken.FillAsync("fedcba9876543210fedcba9876543210");
        await wizard.AuthToken.BlurAsync();
        await Expect(wizard.FieldMessage("auth-token")).ToHaveCountAsync(0);
        await wizard.NextButton.ClickAsync();
        await Expect(wizard.FieldMessage("auth-token")).ToHaveTextAsync(TwilioRejected);
        await Expect(wizard.CredentialsStep).ToBeVisibleAsync();
        await Expect(wizard.CurrentStepTitle).ToHaveTextAsync("Account details");
        await Expect(wizard.NumbersStep).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Wrong_shaped_SID_shows_the_format_at_the_SID_without_asking_Twilio()
    {
        var emulator = app.EmulatorCredentials();
        var malformedSid = "AC" + Guid.NewGuid().ToString("N")[..8] + "-not-a-sid";
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var wizard = await AccountWizardPage.OpenAsync(session.Page);
        await wizard.EnterChannelDetailsAsync(TestData.UniqueName("Wrong SID"));

        await wizard.EnterCredentialsAsync(malformedSid, emulator.AuthToken);
        await wizard.VerifyButton.ClickAsync();

        await Expect(wizard.FieldMessage("account-sid")).ToHaveTextAsync("An Account SID is AC followed by 32 hexadecimal characters.");
        await Expect(wizard.FieldMessage("auth-token")).ToHaveCountAsync(0);
        await wizard.NextButton.ClickAsync();
        await Expect(wizard.FieldMessage("account-sid")).ToHaveTextAsync("An Account SID is AC followed by 32 hexadecimal characters.");
        await Expect(wizard.CurrentStepTitle).ToHaveTextAsync("Account details");
        await session.ScreenshotAsync("malformed-sid");
        await wizard.BackButton.ClickAsync();
        await Expect(wizard.ChannelStep).ToBeVisibleAsync();

        // The emulator logs every answer it gives the Twilio client; none concerns this SID.
        Assert.DoesNotContain(app.Logs, entry => entry.Message.Contains(malformedSid, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wizard_cancelled_half_way_leaves_no_account_behind()
    {
        var name = TestData.UniqueName("Abandoned");
        var number = TestData.UniqueNumber();
        var emulator = app.EmulatorCredentials();
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var wizard = await AccountWizardPage.OpenAsync(session.Page);
        await wizard.EnterChannelDetailsAsync(name);
        await wizard.EnterCredentialsAsync(emulator.AccountSid, emulator.AuthToken);
        await wizard.NextButton.ClickAsync();
        await wizard.AddNumberAsync("Abandoned line", number);
        await Expect(wizard.NumberRow(number)).ToBeVisibleAsync();

        await wizard.CancelButton.ClickAsync();

        var accounts = new AccountsPage(session.Page);
        await accounts.WaitUntilShownAsync();
        await Expect(accounts.Row("Demo (emulator)")).ToBeVisibleAsync();
        await Expect(accounts.Row(name)).ToHaveCountAsync(0);
        await Expect(accounts.Grid).Not.ToContainTextAsync(number);
        await using var db = await app.CreateDbContextAsync();
        Assert.False(await db.Accounts.AnyAsync(a => a.Name == name));
        Assert.False(await db.Numbers.AnyAsync(n => n.Number == number));
    }

    [Fact]
    public async Task The_first_step_works_with_the_keyboard_alone()
    {
        var name = TestData.UniqueName("Keyboard");
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var wizard = await AccountWizardPage.OpenAsync(session.Page);
        var keyboard = session.Page.Keyboard;

        await Expect(wizard.AccountName).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");
        await Expect(wizard.FieldMessage("account-name")).ToHaveTextAsync("Enter a name for the account.");
        await Expect(wizard.ChannelStep).ToBeVisibleAsync();

        await keyboard.TypeAsync(name);
        await keyboard.PressAsync("Enter");

        await Expect(wizard.CredentialsStep).ToBeVisibleAsync();
        await Expect(wizard.CurrentStepTitle).ToHaveTextAsync("Account details");
        await wizard.BackButton.ClickAsync();
        await Expect(wizard.AccountName).ToHaveValueAsync(name);
    }

    [Fact]
    public async Task Done_goes_back_to_the_numbers_when_another_account_took_one_meanwhile()
    {
        var emulator = app.EmulatorCredentials();
        var number = TestData.UniqueNumber();
        var name = TestData.UniqueName("Late");
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var wizard = await AccountWizardPage.OpenAsync(session.Page);
        await wizard.EnterChannelDetailsAsync(name);
        await wizard.EnterCredentialsAsync(emulator.AccountSid, emulator.AuthToken);
        await wizard.NextButton.ClickAsync();
        await Expect(wizard.NumbersStep).ToBeVisibleAsync();
        await wizard.AddNumberAsync("Support", number);
        await Expect(wizard.NumberRow(number)).ToBeVisibleAsync();
        await wizard.NextButton.ClickAsync();
        await Expect(wizard.CallbacksStep).ToBeVisibleAsync();
        // Meanwhile another account gets the number.
        Assert.True((await app.WithServiceAsync((AccountService s) => s.CreateAsync(app.NewAccount(number)))).Succeeded);

        await wizard.NextButton.ClickAsync();

        await Expect(wizard.NumbersStep).ToBeVisibleAsync();
        await Expect(wizard.NumberProblem(number)).ToHaveTextAsync($"{number} is already used by another account.");
        await session.ScreenshotAsync("number-taken");
        await using var db = await app.CreateDbContextAsync();
        Assert.False(await db.Accounts.AnyAsync(a => a.Name == name));
    }

    [Fact]
    public async Task An_Account_SID_another_account_has_is_warned_about_at_the_field_by_name_and_the_admin_may_go_on()
    {
        var emulator = app.EmulatorCredentials();
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var wizard = await AccountWizardPage.OpenAsync(session.Page);
        await wizard.EnterChannelDetailsAsync(TestData.UniqueName("Second connection"));

        // A SID no account has: no warning.
        await wizard.AccountSid.FillAsync(TwilioSids.New("AC"));
        await wizard.AccountSid.BlurAsync();
        await Expect(wizard.SidWarning).ToHaveCountAsync(0);

        // The demo account's SID: the warning names the demo account, at the SID field, and is not an error.
        await wizard.EnterCredentialsAsync(emulator.AccountSid, emulator.AuthToken);
        await Expect(wizard.SidWarning).ToHaveTextAsync(
            "This Account SID is already connected as Demo (emulator). Connecting it twice is almost always a mistake; go on only if you mean to.");
        await Expect(wizard.FieldMessage("account-sid")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("same-sid");

        // A warning, not a refusal: Next verifies and goes on.
        await wizard.NextButton.ClickAsync();
        await Expect(wizard.NumbersStep).ToBeVisibleAsync();
        await Expect(wizard.CurrentStepTitle).ToHaveTextAsync("WhatsApp numbers");
    }

    [Fact]
    public async Task Numbers_step_asks_for_a_number_at_the_field_forgets_it_at_the_first_key_and_keeps_the_field_width_for_long_messages()
    {
        var emulator = app.EmulatorCredentials();
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var wizard = await AccountWizardPage.OpenAsync(session.Page);
        await wizard.EnterChannelDetailsAsync(TestData.UniqueName("Numbers"));
        await wizard.EnterCredentialsAsync(emulator.AccountSid, emulator.AuthToken);
        await wizard.NextButton.ClickAsync();
        await Expect(wizard.NumbersStep).ToBeVisibleAsync();
        var width = await FieldWidthAsync(wizard.NumberValue);

        // Next without a number stays, and says so at the number field.
        await wizard.NextButton.ClickAsync();
        await Expect(wizard.FieldMessage("number-value")).ToHaveTextAsync("Add at least one WhatsApp number.");
        await Expect(wizard.CurrentStepTitle).ToHaveTextAsync("WhatsApp numbers");

        // The first key pressed in the field answers it: the message goes while the admin is still typing.
        await wizard.NumberValue.PressSequentiallyAsync("+4");
        await Expect(wizard.FieldMessage("number-value")).ToHaveCountAsync(0);
        await Expect(wizard.NumberValue).ToBeFocusedAsync();

        // The longest message the field shows wraps under it instead of widening it (and pushing Add away).
        await wizard.NumberName.FillAsync("Sales line");
        await wizard.NumberValue.FillAsync("0044 7700 900");
        await wizard.AddNumberButton.ClickAsync();
        await Expect(wizard.FieldMessage("number-value")).ToHaveTextAsync("Enter the number in E.164 form with a leading +, for example +14155238886.");
        Assert.Equal(width, await FieldWidthAsync(wizard.NumberValue), precision: 0);
        await session.ScreenshotAsync("long-message");
    }

    [Fact]
    public async Task Removing_a_number_in_the_wizard_is_a_danger_styled_button()
    {
        var emulator = app.EmulatorCredentials();
        var number = TestData.UniqueNumber();
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var wizard = await AccountWizardPage.OpenAsync(session.Page);
        await wizard.EnterChannelDetailsAsync(TestData.UniqueName("Remove"));
        await wizard.EnterCredentialsAsync(emulator.AccountSid, emulator.AuthToken);
        await wizard.NextButton.ClickAsync();
        await wizard.AddNumberAsync("Line", number);
        await Expect(wizard.NumberRow(number)).ToBeVisibleAsync();

        var remove = wizard.NumberRow(number).GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = $"Remove {number}" });
        Assert.True(await remove.IsDangerStyledAsync(), "Remove is not in the error colour");
        await remove.ClickAsync();
        await Expect(wizard.NumberRows).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_wizard_fits_a_phone_from_the_first_step_to_the_callback_URLs()
    {
        var emulator = app.EmulatorCredentials();
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        await session.UsePhoneWidthAsync();
        var wizard = await AccountWizardPage.OpenAsync(session.Page);

        await ExpectFitsAsync("channel");
        await wizard.EnterChannelDetailsAsync(TestData.UniqueName("Phone"));
        await wizard.EnterCredentialsAsync(emulator.AccountSid, emulator.AuthToken);
        await wizard.VerifyButton.ClickAsync();
        await Expect(wizard.Verified).ToContainTextAsync("Twilio accepted these credentials");
        await ExpectFitsAsync("credentials");
        await wizard.NextButton.ClickAsync();
        await wizard.AddNumberAsync("Phone line", "0044 7700 900");
        await Expect(wizard.FieldMessage("number-value")).ToBeVisibleAsync();
        await ExpectFitsAsync("numbers-message");
        await wizard.NumberValue.FillAsync(TestData.UniqueNumber());
        await wizard.AddNumberButton.ClickAsync();
        await Expect(wizard.NumberRows).ToHaveCountAsync(1);
        await wizard.NextButton.ClickAsync();
        await Expect(wizard.CallbacksStep).ToBeVisibleAsync();
        await ExpectFitsAsync("callbacks");
        await wizard.CopyInboundUrlButton.ScrollIntoViewIfNeededAsync();
        await Expect(wizard.CopyInboundUrlButton).ToBeInViewportAsync(new() { Ratio = 1 });

        async Task ExpectFitsAsync(string step)
        {
            Assert.False(await session.Page.ScrollsSidewaysAsync(), $"the {step} step scrolls sideways");
            Assert.True(await wizard.StepBar.EvaluateAsync<bool>("bar => bar.scrollWidth <= bar.clientWidth"), $"the step bar of the {step} step is cut off");
            await wizard.NextButton.ScrollIntoViewIfNeededAsync();
            await Expect(wizard.NextButton).ToBeInViewportAsync(new() { Ratio = 1 });
            await session.ScreenshotAsync($"phone-{step}");
        }
    }

    private static Task<double> FieldWidthAsync(Microsoft.Playwright.ILocator input) =>
        input.EvaluateAsync<double>("i => i.closest('.mud-input-control').getBoundingClientRect().width");
}
