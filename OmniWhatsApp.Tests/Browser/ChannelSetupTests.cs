using System.Text.RegularExpressions;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>The setup flow of the product definition, end to end, as an admin clicks through it.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ChannelSetupTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task Admin_connects_a_Twilio_account_then_sets_up_WhatsApp_on_a_new_workstream()
    {
        var accountName = TestData.UniqueName("Sales account");
        var number = TestData.UniqueNumber();
        var workstreamName = TestData.UniqueName("Sales");
        var greeting = "Hello! An agent will be with you shortly.";
        var contentSid = "HX" + Guid.NewGuid().ToString("N");
        // Another account's number that no workstream uses, so a later workstream has something to choose from.
        var freeNumber = TestData.UniqueNumber();
        Assert.True((await app.WithServiceAsync((AccountService s) => s.CreateAsync(app.NewAccount(freeNumber)))).Succeeded);
        var emulator = app.EmulatorCredentials();

        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        await session.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = session.Page;
        var shell = new ShellPage(page);
        await shell.WaitUntilInteractiveAsync();

        // Accounts and channels → New account.
        await shell.MenuLink("Accounts and channels").ClickAsync();
        var accounts = new AccountsPage(page);
        await accounts.WaitUntilShownAsync();
        await accounts.NewAccountButton.ClickAsync();
        var wizard = new AccountWizardPage(page);

        // 1. Channel details.
        await Expect(wizard.CurrentStepTitle).ToHaveTextAsync("Channel details");
        await Expect(wizard.Channel).ToHaveValueAsync("WhatsApp");
        await wizard.EnterChannelDetailsAsync(accountName);

        // 2. Account details, verified against the emulator.
        await Expect(wizard.CurrentStepTitle).ToHaveTextAsync("Account details");
        await wizard.EnterCredentialsAsync(emulator.AccountSid, emulator.AuthToken);
        await wizard.VerifyButton.ClickAsync();
        await Expect(wizard.Verified).ToContainTextAsync("Twilio accepted these credentials (OmniWhatsApp emulator).");
        await session.ScreenshotAsync("1-credentials-verified");
        await wizard.NextButton.ClickAsync();

        // 3. WhatsApp numbers: a malformed one is refused at its field, a good one lands in the list.
        await Expect(wizard.NumbersStep).ToBeVisibleAsync();
        await wizard.AddNumberAsync("Sales line", "0044 7700 900");
        await Expect(wizard.FieldMessage("number-value")).ToHaveTextAsync("Enter the number in E.164 form with a leading +, for example +14155238886.");
        await Expect(wizard.NumberRows).ToHaveCountAsync(0);
        await session.ScreenshotAsync("2-malformed-number");
        // Corrected and left as a user leaves it: the field is checked as it loses focus and its message goes.
        await wizard.NumberValue.FillAsync(number);
        await wizard.NumberValue.BlurAsync();
        await Expect(wizard.FieldMessage("number-value")).ToBeHiddenAsync();
        await wizard.AddNumberButton.ClickAsync();
        await Expect(wizard.NumberRow(number)).ToContainTextAsync("Sales line");
        await Expect(wizard.FieldMessage("number-value")).ToHaveCountAsync(0);
        await Expect(wizard.NumberValue).ToHaveValueAsync("");
        await wizard.NextButton.ClickAsync();

        // 4. Callback information: both URLs name the new account; Copy puts the inbound URL on the clipboard.
        await Expect(wizard.CallbacksStep).ToBeVisibleAsync();
        await Expect(wizard.SandboxHowTo).ToBeVisibleAsync();
        var inbound = await wizard.InboundUrl.InputValueAsync();
        var status = await wizard.StatusUrl.InputValueAsync();
        var accountId = CallbackUrl().Match(inbound) is { Success: true } m ? m.Groups["id"].Value
            : throw new Xunit.Sdk.XunitException($"Unexpected inbound URL {inbound}");
        Assert.Equal($"{app.BaseUrl}api/twilio/{accountId}/inbound", inbound);
        Assert.Equal($"{app.BaseUrl}api/twilio/{accountId}/status", status);
        await wizard.CopyInboundUrlButton.ClickAsync();
        await Expect(wizard.Toast("Copied")).ToContainTextAsync("Twilio inbound URL");
        Assert.Equal(inbound, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await session.ScreenshotAsync("3-callback-information");
        await wizard.DismissToastAsync("Copied");
        await Expect(wizard.NextButton).ToContainTextAsync("Done");
        await wizard.NextButton.ClickAsync();

        // 5. Done: the account and its number are in the list, with the token masked.
        await accounts.WaitUntilShownAsync();
        await Expect(accounts.Toast("Account saved")).ToContainTextAsync($"{accountName} is connected with 1 number.");
        await session.ScreenshotAsync("4-accounts-list");
        await accounts.DismissToastAsync("Account saved");
        await Expect(accounts.Row(accountName)).ToContainTextAsync(number);
        await Expect(accounts.Row(accountName)).Not.ToContainTextAsync(emulator.AuthToken);
        var saved = (await app.WithServiceAsync((AccountService s) => s.ListAsync())).Single(a => a.Name == accountName);
        Assert.Equal(accountId, saved.Id.ToString());

        // 6. A new workstream.
        await shell.MenuLink("Workstreams").ClickAsync();
        var workstreams = new WorkstreamsPage(page);
        await Expect(workstreams.Grid).ToBeVisibleAsync();
        var workstream = await workstreams.CreateWorkstreamAsync(workstreamName);

        // 7. Set up WhatsApp: number and fallback queue, language, behaviours.
        var setup = await workstream.SetUpWhatsAppAsync();
        await Expect(setup.CurrentStepTitle).ToHaveTextAsync("WhatsApp number");
        await setup.ChooseNumberAsync(number, DemoData.DemoQueue);
        await setup.ChooseLanguageAsync("Turkish — Türkçe (tr)");
        await setup.Greeting.FillAsync(greeting);
        await setup.AttachmentsSwitch.ClickAsync();
        await Expect(setup.AttachmentsState).ToHaveTextAsync("On");
        await session.ScreenshotAsync("5-behaviours");
        await setup.NextAsync(setup.TemplatesStep);

        // 8. Templates: two, one of them with a Content SID.
        await setup.AddTemplateAsync("order_update", "Your order {{1}} has shipped.", contentSid);
        await Expect(setup.TemplateRow("order_update")).ToContainTextAsync(contentSid);
        await setup.AddTemplateAsync("appointment_reminder", "See you on {{1}} at {{2}}.");
        await Expect(setup.TemplateRow("appointment_reminder")).ToContainTextAsync("See you on {{1}} at {{2}}.");
        await Expect(setup.TemplateRows).ToHaveCountAsync(2);
        await session.ScreenshotAsync("6-templates");
        await setup.NextAsync(setup.BotStep);
        await setup.NextAsync(setup.SummaryStep);

        // 9. Summary lists every choice; Finish saves it.
        await ExpectSetupAsync(setup.Summary);
        await Expect(setup.Summary.Attachments).ToHaveTextAsync("On: customers can send, agents can send");
        await Expect(setup.Summary.FallbackQueue).ToHaveTextAsync(DemoData.DemoQueue);
        await session.ScreenshotAsync("7-summary");
        await Expect(setup.NextButton).ToContainTextAsync("Finish");
        await setup.NextButton.ClickAsync();

        // The workstream page shows what was saved.
        await Expect(workstream.Shell.Heading).ToHaveTextAsync(workstreamName);
        await Expect(workstream.Toast("WhatsApp is set up")).ToContainTextAsync(workstreamName);
        await workstream.DismissToastAsync("WhatsApp is set up");
        await ExpectSetupAsync(workstream.Summary);
        await Expect(workstream.SetUpWhatsAppButton).ToContainTextAsync("Edit WhatsApp setup");
        await session.ScreenshotAsync("8-workstream");

        // The workstreams list shows the number.
        await shell.MenuLink("Workstreams").ClickAsync();
        await Expect(workstreams.Row(workstreamName)).ToContainTextAsync(number);
        await Expect(workstreams.Row(workstreamName)).ToContainTextAsync("Turkish");

        // Another new workstream is offered only numbers no workstream uses: the free one, not this one.
        var other = await workstreams.CreateWorkstreamAsync(TestData.UniqueName("Other"));
        var otherSetup = await other.SetUpWhatsAppAsync();
        var available = await otherSetup.AvailableNumbersAsync();
        Assert.Contains(available, option => option.Contains(freeNumber, StringComparison.Ordinal));
        Assert.DoesNotContain(available, option => option.Contains(number, StringComparison.Ordinal));

        Assert.Empty(session.Errors);

        async Task ExpectSetupAsync(WhatsAppSummary summary)
        {
            await Expect(summary.Number).ToHaveTextAsync($"{number} · Sales line ({accountName})");
            await Expect(summary.Language).ToHaveTextAsync("Turkish — Türkçe (tr)");
            await Expect(summary.Value("Greeting")).ToHaveTextAsync(greeting);
            await Expect(summary.Templates).ToHaveCountAsync(2);
            await Expect(summary.Templates.Filter(new() { HasText = "order_update" })).ToContainTextAsync(contentSid);
            await Expect(summary.Templates.Filter(new() { HasText = "appointment_reminder" })).ToContainTextAsync("(tr)");
        }
    }

    [GeneratedRegex("/api/twilio/(?<id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/inbound$")]
    private static partial Regex CallbackUrl();
}
