using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Tests.Browser.Mud;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>The admin's lists (accounts, users, quick replies) and an account's page on a laptop screen and on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminListTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task Column_titles_are_whole_at_1440_px()
    {
        // A long account name with two numbers, so the columns have to share the width.
        var input = app.NewAccount(TestData.UniqueNumber(), TestData.UniqueNumber());
        input.Channel.Name = TestData.UniqueName("Northwind Traders customer care, Europe and the Middle East");
        Assert.True((await app.WithServiceAsync((AccountService s) => s.CreateAsync(input))).Succeeded);
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        await session.Page.SetViewportSizeAsync(1440, 900);

        var accounts = await AccountsPage.OpenAsync(session.Page);
        await Expect(accounts.Row(input.Channel.Name)).ToBeVisibleAsync();
        Assert.Empty(await accounts.Grid.CutHeadersAsync());
        await Expect(accounts.Grid.Locator("thead")).ToContainTextAsync("Open conversations");
        await session.ScreenshotAsync("accounts");

        var users = await UsersPage.OpenAsync(session.Page);
        Assert.Empty(await users.Grid.CutHeadersAsync());
        await session.ScreenshotAsync("users");

        var replies = await QuickRepliesPage.OpenAsync(session.Page);
        await Expect(replies.Row("thanks")).ToBeVisibleAsync();
        Assert.Empty(await replies.Grid.CutHeadersAsync());
        await session.ScreenshotAsync("quick-replies");
    }

    [Fact]
    public async Task The_lists_fit_a_phone_without_sideways_scrolling()
    {
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        await session.UsePhoneWidthAsync();

        var accounts = await AccountsPage.OpenAsync(session.Page);
        await Expect(accounts.Row("Demo (emulator)")).ToBeVisibleAsync();
        await ExpectFitsAsync("accounts", accounts.NewAccountButton);
        await accounts.Link("Demo (emulator)").ClickAsync();
        var account = new AccountPage(session.Page);
        await Expect(account.Shell.Heading).ToHaveTextAsync("Demo (emulator)");
        await account.RemoveNumberButtons.First.ScrollIntoViewIfNeededAsync();
        await ExpectFitsAsync("account", account.RemoveNumberButtons.First);

        var users = await UsersPage.OpenAsync(session.Page);
        await Expect(users.Row(DemoData.Agent.Email)).ToBeVisibleAsync();
        await ExpectFitsAsync("users", users.NewUserButton);
        await users.NewUserButton.ClickAsync();
        await Expect(users.Form).ToBeVisibleAsync();
        await ExpectFitsAsync("user-dialog", users.SaveButton);

        var replies = await QuickRepliesPage.OpenAsync(session.Page);
        await Expect(replies.Row("thanks")).ToBeVisibleAsync();
        await ExpectFitsAsync("quick-replies", replies.NewButton);

        async Task ExpectFitsAsync(string label, Microsoft.Playwright.ILocator button)
        {
            Assert.False(await session.Page.ScrollsSidewaysAsync(), $"{label} scrolls sideways");
            await Expect(button).ToBeInViewportAsync(new() { Ratio = 1 });
            await session.ScreenshotAsync($"phone-{label}");
        }
    }
}
