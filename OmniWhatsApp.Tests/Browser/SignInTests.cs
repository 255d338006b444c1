using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task Admin_signs_in_and_the_app_is_interactive()
    {
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var shell = new ShellPage(session.Page);

        await Expect(shell.Heading).ToContainTextAsync("Welcome");
        await Expect(shell.CurrentUser).ToContainTextAsync(DemoData.Admin.DisplayName);
        Assert.True(await session.Page.EvaluateAsync<bool>("() => typeof window.Blazor === 'object'"), "blazor.web.js did not load");
        await shell.WaitUntilInteractiveAsync();

        // Navigating through the circuit keeps the document; a full page load would replace it.
        await Blazor.MarkDocumentAsync(session.Page);
        await shell.MenuLink("Accounts and channels").ClickAsync();
        await Expect(shell.Heading).ToHaveTextAsync("Accounts and channels");
        await Expect(session.Page.GetByText("Demo (emulator)")).ToBeVisibleAsync();

        // A button with a C# click handler works only through the circuit.
        await session.Page.Locator("[data-testid=new-account]").ClickAsync();
        await Expect(shell.Heading).ToHaveTextAsync("New account");
        Assert.False(await Blazor.WasReloadedAsync(session.Page), "navigation reloaded the page instead of staying in the circuit");

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Agent_who_opens_an_admin_page_sees_access_denied()
    {
        await using var session = await browser.SignInAsync(app, DemoData.Agent);
        var shell = new ShellPage(session.Page);
        await Expect(shell.Heading).ToContainTextAsync("Welcome");
        await Expect(shell.MenuLink("Accounts and channels")).ToHaveCountAsync(0);

        await session.Page.GotoAsync("admin/accounts");

        await Expect(session.Page.Locator("h1")).ToHaveTextAsync("Access denied");
        await Expect(session.Page.GetByText("Demo (emulator)")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Wrong_password_keeps_the_visitor_on_the_sign_in_page_with_a_message()
    {
        await using var session = await browser.NewSessionAsync(app);
        var login = await LoginPage.OpenAsync(session.Page);

        await login.SubmitAsync(DemoData.Supervisor.Email, "not-the-password");

        await Expect(login.Error).ToHaveTextAsync("The email address or password is not right.");
        await Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }
}
