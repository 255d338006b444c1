using OmniWhatsApp.Tests.Browser.Mud;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>/admin/quick-replies: an admin adds, edits and deletes canned responses; bad input gets field messages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class QuickReplyAdminTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task Admin_adds_edits_and_deletes_a_quick_reply_and_sees_field_messages_for_bad_input()
    {
        var shortcut = $"refund-{Guid.NewGuid():N}"[..20];
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        await new ShellPage(session.Page).MenuLink("Quick replies").ClickAsync();
        await Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/quick-replies$"));
        var page = await QuickRepliesPage.OpenAsync(session.Page);

        await page.NewButton.ClickAsync();
        await page.FillAsync("Refund Policy", "");
        await page.Save.ClickAsync();
        await Expect(page.ShortcutMessage).ToHaveTextAsync("Use lowercase letters, digits and hyphens only, without the slash (for example refund-policy).");
        await Expect(page.TextMessage).ToHaveTextAsync("Enter the text of the reply.");
        await session.ScreenshotAsync("validation");

        await page.FillAsync(shortcut, "We refund within 14 days of delivery.");
        await Expect(page.ShortcutMessage).ToBeHiddenAsync();
        await Expect(page.TextMessage).ToBeHiddenAsync();
        await page.Save.ClickAsync();
        await Expect(page.Row(shortcut)).ToContainTextAsync("We refund within 14 days of delivery.");

        // The same shortcut twice is refused next to the field.
        await page.NewButton.ClickAsync();
        await page.FillAsync(shortcut, "Another text");
        await page.Save.ClickAsync();
        await Expect(page.ShortcutMessage).ToHaveTextAsync($"The shortcut /{shortcut} is already used.");
        await page.Form.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await page.EditAsync(shortcut);
        await page.Text.FillAsync("We refund within 30 days of delivery.");
        await page.Save.ClickAsync();
        await Expect(page.Row(shortcut)).ToContainTextAsync("We refund within 30 days of delivery.");
        await session.ScreenshotAsync("list");

        await page.DeleteAsync(shortcut);
        await Expect(page.Row(shortcut)).ToHaveCountAsync(0);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task A_wrong_shortcut_shows_its_message_in_place_of_the_hint_not_beside_it()
    {
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var page = await QuickRepliesPage.OpenAsync(session.Page);
        await page.NewButton.ClickAsync();
        await Expect(page.ShortcutHelperLine).ToHaveTextAsync("Lowercase letters, digits and hyphens.");

        await page.FillAsync("Refund Policy", "We refund within 14 days.");

        await Expect(page.ShortcutHelperLine).ToHaveCountAsync(1);
        await Expect(page.ShortcutHelperLine).ToHaveTextAsync("Use lowercase letters, digits and hyphens only, without the slash (for example refund-policy).");
        await session.ScreenshotAsync("message-instead-of-hint");

        await page.FillAsync("refund-policy", "We refund within 14 days.");
        await Expect(page.ShortcutHelperLine).ToHaveTextAsync("Lowercase letters, digits and hyphens.");
        Assert.True(await page.DeleteButton("thanks").IsDangerStyledAsync(), "Delete is not in the error colour");
    }
}
