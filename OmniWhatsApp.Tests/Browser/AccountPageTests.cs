using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>An account's own page, reached from the accounts list.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountPageTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task Deleting_a_channel_without_open_conversations_removes_it_from_the_list()
    {
        var input = app.NewAccount(TestData.UniqueNumber());
        Assert.True((await app.WithServiceAsync((AccountService s) => s.CreateAsync(input))).Succeeded);
        var name = input.Channel.Name;
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var accounts = await AccountsPage.OpenAsync(session.Page);
        await Expect(accounts.Row(name)).ToContainTextAsync(input.Numbers[0].Number);

        await accounts.Link(name).ClickAsync();
        var account = new AccountPage(session.Page);
        await Expect(account.Shell.Heading).ToHaveTextAsync(name);
        await account.DeleteChannelAsync();

        await accounts.WaitUntilShownAsync();
        await Expect(session.Page.Notification("Channel deleted")).ToContainTextAsync(name);
        await Expect(accounts.Row(name)).ToHaveCountAsync(0);
        await Expect(accounts.Row("Demo (emulator)")).ToBeVisibleAsync();
        await session.ScreenshotAsync("deleted");
    }
}
