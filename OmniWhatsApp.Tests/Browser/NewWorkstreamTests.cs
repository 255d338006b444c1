using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class NewWorkstreamTests(AppHost app, BrowserFixture browser)
{
    /// <summary>Walkthrough (issue 9, §3.9): capacity 0 and auto-close 1 were silently changed to 1 and 5.</summary>
    [Fact]
    public async Task Capacity_0_and_auto_close_1_are_refused_at_their_fields_with_what_is_allowed_and_nothing_is_saved()
    {
        var name = TestData.UniqueName("Night shift");
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var workstreams = await WorkstreamsPage.OpenAsync(session.Page);
        var form = await workstreams.OpenNewWorkstreamAsync();
        await Expect(form.Helper("workstream-capacity")).ToContainTextAsync("a whole number from 1 to 100");
        await Expect(form.Helper("workstream-autoclose")).ToContainTextAsync("From 5 minutes to 30 days.");

        await form.Name.FillAsync(name);
        await form.Capacity.FillAsync("0");
        await form.AutoClose.FillAsync("1");
        await form.SaveButton.ClickAsync();

        await Expect(form.CapacityMessage).ToHaveTextAsync("Capacity per conversation is a whole number from 1 to 100.");
        await Expect(form.AutoCloseMessage).ToHaveTextAsync("Auto-close takes from 5 minutes to 30 days.");
        await Expect(form.Capacity).ToHaveValueAsync("0");
        await Expect(form.AutoClose).ToHaveValueAsync("1");
        await Expect(workstreams.Shell.Heading).ToHaveTextAsync("New workstream");
        await session.ScreenshotAsync("refused");
        await using (var db = await app.CreateDbContextAsync())
        {
            Assert.False(await db.Workstreams.AnyAsync(w => w.Name == name));
        }

        // Allowed values go through.
        await form.Capacity.FillAsync("2");
        await form.AutoClose.FillAsync("90");
        await form.SaveButton.ClickAsync();
        await Expect(workstreams.Shell.Heading).ToHaveTextAsync(name);
        await using (var db = await app.CreateDbContextAsync())
        {
            var saved = await db.Workstreams.SingleAsync(w => w.Name == name);
            Assert.Equal((2, 90), (saved.CapacityPerConversation, saved.AutoCloseAfterMinutes));
        }
        Assert.Empty(session.Errors);
    }
}
