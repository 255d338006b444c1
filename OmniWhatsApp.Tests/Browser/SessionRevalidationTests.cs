using System.Text.RegularExpressions;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>An open page learns of a lock at its next revalidation and leaves for the sign-in page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionRevalidationTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_locked_agents_open_inbox_goes_to_the_sign_in_page()
    {
        await using var own = await AppHost.StartAsync(o => o.With("Security:RevalidationInterval", "00:00:01"));
        var (id, agent) = await own.AddSignInAgentAsync("Revalidated Rae", []);
        await using var session = await browser.SignInAsync(own, agent);
        var inbox = await InboxPage.OpenAsync(session.Page);
        await Expect(inbox.Heading).ToHaveTextAsync("Inbox");

        var adminId = (await own.WithServiceAsync((UserService s) => s.ListAsync())).Single(u => u.Email == DemoData.Admin.Email).Id;
        var locked = await own.WithServiceAsync((UserService s) => s.SetLockedAsync(id, true, adminId));
        Assert.True(locked.Succeeded, locked.FirstMessage);

        await Expect(session.Page).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 10_000 });
        await Expect(new LoginPage(session.Page).SignInButton).ToBeVisibleAsync();
    }
}
