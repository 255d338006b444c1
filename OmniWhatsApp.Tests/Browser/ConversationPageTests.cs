using System.Text.RegularExpressions;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>/conversations/{id}: titled by the customer, and Back returns where the user came from.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConversationPageTests(AppHost app, BrowserFixture browser)
{
    [GeneratedRegex(@"/supervisor$")]
    private static partial Regex Dashboard();

    [GeneratedRegex(@"/inbox$")]
    private static partial Regex Inbox();

    [Fact]
    public async Task The_page_is_titled_by_the_customer_and_Back_returns_to_the_dashboard_or_the_inbox_it_was_opened_from()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var agent = await app.AddSignInAgentAsync("Titled Tom", [channel.QueueId]);
        await app.SetPresenceAsync(agent.Id, Presence.Available);
        var id = await channel.OpenConversationAsync(body: "Who will read this?");
        await app.AssignedAsync(id, agent.Id);

        // From the queue dashboard (its Open link is an ordinary in-app link to conversations/{id}).
        await using var supervisor = await browser.SignInAsync(app, DemoData.Supervisor);
        var page = supervisor.Page;
        await page.GotoAsync("supervisor");
        await Blazor.WaitUntilInteractiveAsync(page);
        await OpenInAppAsync(page, $"conversations/{id}");
        var conversation = new ConversationPanel(page.Locator("[data-testid=conversation]"));
        await Expect(conversation.Message("Who will read this?")).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync("Jane Customer · OmniWhatsApp");
        await Expect(new ShellPage(page).Heading).ToHaveTextAsync("Jane Customer");
        var back = page.Locator("[data-testid=back]");
        await Expect(back).ToHaveTextAsync("Back to the queue dashboard");
        await supervisor.ScreenshotAsync("from-dashboard");
        await back.ClickAsync();
        await Expect(page).ToHaveURLAsync(Dashboard());

        // From the inbox.
        await OpenInAppAsync(page, "inbox");
        await Expect(new InboxPage(page).Heading).ToHaveTextAsync("Inbox");
        await OpenInAppAsync(page, $"conversations/{id}");
        await Expect(page).ToHaveTitleAsync("Jane Customer · OmniWhatsApp");
        await Expect(back).ToHaveTextAsync("Back to the inbox");
        await back.ClickAsync();
        await Expect(page).ToHaveURLAsync(Inbox());
        Assert.Empty(supervisor.Errors);

        // Opened directly (a bookmark): an agent goes back to their inbox.
        await using var own = await browser.SignInAsync(app, agent.User);
        await own.Page.GotoAsync($"conversations/{id}");
        await Blazor.WaitUntilInteractiveAsync(own.Page);
        await Expect(own.Page).ToHaveTitleAsync("Jane Customer · OmniWhatsApp");
        await Expect(own.Page.Locator("[data-testid=back]")).ToHaveTextAsync("Back to the inbox");
        Assert.Empty(own.Errors);
    }

    /// <summary>Follows an in-app link as a click on one does (Blazor's own navigation, no page load).</summary>
    private static Task OpenInAppAsync(Microsoft.Playwright.IPage page, string path) =>
        page.EvaluateAsync("path => Blazor.navigateTo(path)", path);
}
