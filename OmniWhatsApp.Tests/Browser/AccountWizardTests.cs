using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Accounts;
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
}
