using System.Text.RegularExpressions;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>An agent's inbox open on instance B follows what happens on instance A.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Instances", "Two")]
public sealed class TwoInstanceBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_message_that_reaches_A_shows_in_the_agents_inbox_on_B_and_a_lock_on_A_signs_that_inbox_out()
    {
        await using var pair = await Instances.StartAsync();
        var channel = await WebhookChannel.CreateAsync(pair.A);
        var (agentId, agent) = await pair.A.AddSignInAgentAsync("Inbox on B", [channel.QueueId]);
        await using var session = await browser.SignInAsync(pair.B, agent);
        var inbox = await InboxPage.OpenAsync(session.Page);
        await Expect(inbox.Heading).ToHaveTextAsync("Inbox");
        await Blazor.MarkDocumentAsync(session.Page);

        (await channel.PostInboundAsync(channel.Inbound(TestData.UniqueNumber(), "Sent to A, read on B", profileName: "Ada Across"))).EnsureSuccessStatusCode();

        var item = session.Page.Locator("[data-testid=inbox-item], [data-testid=waiting-item]").Filter(new() { HasText = "Ada Across" });
        await Expect(item.First).ToBeVisibleAsync(new() { Timeout = 2_000 });
        Assert.False(await Blazor.WasReloadedAsync(session.Page), "the inbox reloaded instead of updating live");

        // The product's revalidation interval is a minute: the lock reaches the page on B through the event.
        var adminId = (await pair.A.WithServiceAsync((UserService s) => s.ListAsync())).Single(u => u.Email == DemoData.Admin.Email).Id;
        var locked = await pair.A.WithServiceAsync((UserService s) => s.SetLockedAsync(agentId, true, adminId));
        Assert.True(locked.Succeeded, locked.FirstMessage);
        await Expect(session.Page).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 10_000 });
    }
}
