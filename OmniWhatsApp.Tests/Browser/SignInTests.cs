using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OmniWhatsApp.Core.Workstreams;
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
        await using var session = await browser.NewSessionAsync(app);
        var login = await LoginPage.OpenAsync(session.Page);
        await login.SignInAsync(DemoData.Admin.Email, DemoData.Admin.Password);
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
    public async Task Agent_sees_no_admin_links_and_access_denied_on_every_admin_page()
    {
        var workstreamId = (await app.WithServiceAsync((WorkstreamService s) => s.ListAsync())).First().Id;
        await using var session = await browser.SignInAsync(app, DemoData.Agent);
        var shell = new ShellPage(session.Page);
        // Agents start in their inbox, the first entry of their menu.
        await Expect(session.Page).ToHaveURLAsync(new Regex("/inbox$"));
        await Expect(shell.Heading).ToHaveTextAsync("Inbox");
        await Expect(shell.CurrentUser).ToContainTextAsync("Agent");
        await Expect(shell.Menu.GetByRole(AriaRole.Link).First).ToHaveAccessibleNameAsync("Inbox");
        await Expect(shell.MenuLink("Start")).ToBeVisibleAsync();
        foreach (var adminLink in AdminMenuLinks)
        {
            await Expect(shell.MenuLink(adminLink)).ToHaveCountAsync(0);
        }

        string[] adminPages =
        [
            AccountsPage.Path, AccountWizardPage.Path, WorkstreamsPage.Path, $"admin/workstreams/{workstreamId}",
            $"admin/workstreams/{workstreamId}/whatsapp", $"admin/workstreams/{workstreamId}/routing", QueuesPage.Path, UsersPage.Path,
        ];
        foreach (var path in adminPages)
        {
            await session.Page.GotoAsync(path);
            await Expect(shell.Heading).ToHaveTextAsync("Access denied");
            // Nothing of the page itself leaks around the notice.
            await Expect(session.Page.Locator("main h2, main form, main table, main .rz-data-grid")).ToHaveCountAsync(0);
        }
        await Expect(session.Page.GetByText("Demo (emulator)")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("access-denied");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Anonymous_visitor_of_an_admin_page_is_sent_to_sign_in_and_back_afterwards()
    {
        await using var session = await browser.NewSessionAsync(app);

        await session.Page.GotoAsync(WorkstreamsPage.Path);

        await Expect(session.Page).ToHaveURLAsync(new Regex(@"/account/login\?returnUrl=(/|%2F)admin(/|%2F)workstreams$", RegexOptions.IgnoreCase));
        var login = new LoginPage(session.Page);
        await Expect(login.SignInButton).ToBeVisibleAsync();
        await Expect(session.Page.Locator("nav")).ToHaveCountAsync(0);

        await login.SignInAsync(DemoData.Admin.Email, DemoData.Admin.Password);

        await Expect(session.Page).ToHaveURLAsync(new Regex("/admin/workstreams$"));
        await Expect(new ShellPage(session.Page).Heading).ToHaveTextAsync("Workstreams");
    }

    [Fact]
    public async Task Wrong_password_keeps_the_visitor_on_the_sign_in_page_with_a_message()
    {
        await using var session = await browser.NewSessionAsync(app);
        var login = await LoginPage.OpenAsync(session.Page);

        await login.SubmitAsync(DemoData.Supervisor.Email, "not-the-password");

        await Expect(login.Error).ToHaveTextAsync("The email address or password is not right.");
        await Expect(session.Page).ToHaveURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_then_the_right_one_is_refused_too()
    {
        var (_, user) = await app.AddSignInAgentAsync("Lockout Lee", []);
        await using var session = await browser.NewSessionAsync(app);
        var login = await LoginPage.OpenAsync(session.Page);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await login.SubmitAndWaitAsync(user.Email, $"wrong-{attempt}");
            await Expect(login.Error).ToHaveTextAsync("The email address or password is not right.");
        }
        await login.SubmitAndWaitAsync(user.Email, "wrong-5");
        await Expect(login.Error).ToHaveTextAsync(LockedOut);

        await login.SubmitAndWaitAsync(user.Email, user.Password);

        await Expect(login.Error).ToHaveTextAsync(LockedOut);
        await Expect(session.Page).ToHaveURLAsync(new Regex("/account/login"));
    }

    private const string LockedOut = "This account is locked after too many failed attempts. Try again in 15 minutes or ask an admin.";

    private static readonly string[] AdminMenuLinks = ["Accounts and channels", "Workstreams", "Queues", "Users"];
}
