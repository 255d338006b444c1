using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class TemplateSyncButtonTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task Admin_syncs_templates_from_Twilio_on_the_workstream_page()
    {
        var channel = await app.CreateChannelAsync(templates: []);
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var page = await WorkstreamPage.OpenAsync(session.Page, channel.WorkstreamId);

        await page.SyncTemplatesButton.ClickAsync();

        // The pending spring_sale comes in too, as pending (since the template studio).
        await Expect(page.SyncResult).ToContainTextAsync("Templates synced from Twilio: 4 added, 0 updated, 0 unchanged.");
        await Expect(page.Summary.Templates).ToHaveCountAsync(4);
        await Expect(page.Summary.Value("Templates")).ToContainTextAsync("spring_sale");
        await Expect(page.Summary.Value("Templates")).ToContainTextAsync("appointment_reminder");
        await Expect(page.Summary.Value("Templates")).ToContainTextAsync("HX0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a");

        await page.SyncTemplatesButton.ClickAsync();
        await Expect(page.SyncResult).ToContainTextAsync("0 added, 0 updated, 4 unchanged.");
        Assert.Empty(session.Errors);
    }
}
