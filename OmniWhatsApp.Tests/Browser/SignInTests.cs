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
        // Their start page is the inbox: no "Start" entry that would only send them back to it.
        await Expect(shell.MenuLink("Start")).ToHaveCountAsync(0);
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
            // Nothing of the page itself leaks around the notice (whose own form is its sign-out button).
            await Expect(session.Page.Locator("main h2, main form:not([data-testid=access-denied-sign-out-form]), main table, main .mud-table")).ToHaveCountAsync(0);
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

        await Expect(login.Error).ToHaveTextAsync(Refused);
        await Expect(session.Page).ToHaveURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_silently_and_an_admin_sees_the_lock_and_unlocks_it()
    {
        var name = TestData.UniqueName("Lockout Lee");
        var (_, user) = await app.AddSignInAgentAsync(name, []);
        await using var session = await browser.NewSessionAsync(app);
        var login = await LoginPage.OpenAsync(session.Page);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await login.SubmitAndWaitAsync(user.Email, $"wrong-{attempt}");
            await Expect(login.Error).ToHaveTextAsync(Refused);
        }

        // Locked now: the right password is refused with the same words, which tell a stranger nothing about the account.
        await login.SubmitAndWaitAsync(user.Email, user.Password);
        await Expect(login.Error).ToHaveTextAsync(Refused);
        await Expect(session.Page).ToHaveURLAsync(new Regex("/account/login"));

        await using (var admin = await browser.SignInAsync(app, DemoData.Admin))
        {
            var users = await UsersPage.OpenAsync(admin.Page);
            var row = users.Row(name);
            await Expect(row.Locator("[data-testid=user-locked]")).ToHaveTextAsync(new Regex(@"^Locked until \d{1,2}:\d{2}(\s[AP]M)?$"));
            await Expect(row.Locator("[data-testid=user-locked]")).ToHaveAttributeAsync("title", "Locked after 5 wrong passwords; it unlocks by itself at that time, or now with Unlock.");
            await admin.ScreenshotAsync("locked-user");
            await users.LockButton(row).ClickAsync();
            await Expect(row.Locator("[data-testid=user-locked]")).ToHaveCountAsync(0);
        }

        await login.SignInAsync(user.Email, user.Password);
        await Expect(session.Page).ToHaveURLAsync(new Regex("/inbox$"));
    }

    [Fact]
    public async Task On_a_phone_an_agent_opens_the_menu_from_its_button_chooses_a_presence_and_signs_out_from_the_account_menu()
    {
        var (_, agent) = await app.AddSignInAgentAsync("Phone Pia", []);
        await using var session = await browser.NewSessionAsync(app);
        await session.UsePhoneWidthAsync();
        var login = await LoginPage.OpenAsync(session.Page);
        await login.SignInAsync(agent.Email, agent.Password);
        var shell = new ShellPage(session.Page);
        await shell.WaitUntilInteractiveAsync();

        // The left menu waits behind the menu button; the app bar fits the screen.
        await Expect(shell.MenuLink("Inbox")).Not.ToBeInViewportAsync();
        await Expect(shell.MenuButton).ToHaveAttributeAsync("aria-expanded", "false");
        await shell.MenuButton.ClickAsync();
        await Expect(shell.MenuButton).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(shell.MenuLink("Inbox")).ToBeInViewportAsync();
        await session.Page.Keyboard.PressAsync("Escape");
        await session.Page.Mouse.ClickAsync(370, 400);
        await Expect(shell.MenuLink("Inbox")).Not.ToBeInViewportAsync();
        Assert.True(await session.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");

        // A presence chosen in the header stays shown (it used to show an empty box right after choosing Away).
        await shell.ChoosePresenceAsync("Away");
        await Expect(shell.PresenceButton).ToHaveAccessibleNameAsync("Your presence: Away");
        await session.ScreenshotAsync("phone-away");

        await shell.SignOutAsync();
        await Expect(session.Page).ToHaveURLAsync(new Regex("/account/login"));
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_dark_theme_chosen_in_the_account_menu_is_kept_in_the_account_and_follows_the_user_to_another_device()
    {
        var (_, agent) = await app.AddSignInAgentAsync("Dark Dana", []);
        const string Background = "() => getComputedStyle(document.body).backgroundColor";
        await using (var first = await browser.NewSessionAsync(app))
        {
            await (await LoginPage.OpenAsync(first.Page)).SignInAsync(agent.Email, agent.Password);
            var shell = new ShellPage(first.Page);
            await shell.WaitUntilInteractiveAsync();
            var light = await first.Page.EvaluateAsync<string>(Background);

            await shell.UserMenuButton.ClickAsync();
            await first.Page.Locator("[data-testid=toggle-dark-mode]").ClickAsync();

            await Expect(first.Page.Locator("body")).Not.ToHaveCSSAsync("background-color", light);
            await first.ScreenshotAsync("dark");
        }

        // Another browser, signed in afresh: the page arrives dark, before any script runs.
        await using var second = await browser.NewSessionAsync(app);
        await (await LoginPage.OpenAsync(second.Page)).SignInAsync(agent.Email, agent.Password);
        await second.Page.GotoAsync("inbox", new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });
        await Expect(second.Page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(18, 23, 23)");
    }

    [Fact]
    public async Task The_sign_in_error_is_in_the_themes_error_colour_and_empty_fields_say_what_is_missing()
    {
        await using var session = await browser.NewSessionAsync(app);
        var login = await LoginPage.OpenAsync(session.Page);

        await login.SubmitAndWaitAsync("", "");
        await Expect(login.EmailMessage).ToHaveTextAsync("Enter your email address.");
        await Expect(login.PasswordMessage).ToHaveTextAsync("Enter your password.");
        await Expect(login.Error).ToHaveCountAsync(0);

        await login.SubmitAndWaitAsync(DemoData.Supervisor.Email, "not-the-password");

        await Expect(login.Error).ToHaveTextAsync(Refused);
        // The light theme's Error (#c62828), not a grey box that reads like a hint.
        await Expect(login.Error).ToHaveCSSAsync("background-color", "rgb(198, 40, 40)");
        await Expect(login.Email).ToHaveValueAsync(DemoData.Supervisor.Email);
        await Expect(login.Password).ToHaveValueAsync("");
        await session.ScreenshotAsync("sign-in-error");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task A_device_set_to_dark_gets_the_dark_sign_in_page_and_a_phone_gets_it_without_sideways_scrolling()
    {
        await using var session = await browser.NewSessionAsync(app);
        await session.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await session.UsePhoneWidthAsync();

        var login = await LoginPage.OpenAsync(session.Page);

        // The dark palette's Background (#121717), before any script: nobody has chosen yet, so the device decides.
        await Expect(session.Page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(18, 23, 23)");
        Assert.True(await session.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the sign-in page scrolls sideways");
        await session.ScreenshotAsync("dark-phone");
        await login.SignInAsync(DemoData.Supervisor.Email, DemoData.Supervisor.Password);
        await Expect(session.Page).ToHaveURLAsync(new Regex("/supervisor$"));
    }

    [Fact]
    public async Task When_the_connection_is_lost_the_page_says_so_in_the_themed_reconnect_dialog()
    {
        // A host of its own: it is stopped under the open page.
        await using var own = await AppHost.StartAsync();
        await using var session = await browser.SignInAsync(own, DemoData.Supervisor);
        var shell = new ShellPage(session.Page);
        await shell.WaitUntilInteractiveAsync();
        var dialog = session.Page.Locator("[data-testid=reconnect-modal]");
        await Expect(dialog).Not.ToBeVisibleAsync();

        await own.DisposeAsync();

        await Expect(dialog).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(dialog).ToContainTextAsync(new Regex("The connection to the server was lost. Reconnecting…|Still reconnecting. Next attempt in \\d+ s."));
        await Expect(dialog).ToHaveCSSAsync("border-top-color", "rgb(15, 122, 110)");
        // Faded in, not a transparent box.
        await Expect(dialog).ToHaveCSSAsync("opacity", "1");
        await session.ScreenshotAsync("reconnecting");
    }

    [Fact]
    public async Task A_signed_in_person_at_an_unknown_address_gets_the_page_not_found_page_with_a_way_back()
    {
        await using var session = await browser.SignInAsync(app, DemoData.Supervisor);

        var response = await session.Page.GotoAsync("no-such-page");

        Assert.Equal(404, response!.Status);
        var shell = new ShellPage(session.Page);
        await Expect(shell.Heading).ToHaveTextAsync("Page not found");
        // Still so once the page is interactive: the interactive router finds no page either and must show the same one.
        await Blazor.WaitUntilInteractiveAsync(session.Page);
        await Expect(shell.Heading).ToHaveTextAsync("Page not found");
        await Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = "Back to the start page" })).ToBeVisibleAsync();
    }

    private const string Refused = "The email address or password is not right. After 5 wrong passwords an account is locked for 15 minutes; an admin can unlock it sooner.";

    private static readonly string[] AdminMenuLinks = ["Accounts and channels", "Workstreams", "Queues", "Users"];
}
