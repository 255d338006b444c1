using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Tests.Browser.Mud;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>
/// Russian and Turkish run 20–40 % longer than English: no column title or button is cut at 1440 px, and no page
/// scrolls sideways on a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LongerLanguagesLayoutTests(AppHost app, BrowserFixture browser)
{

    [Theory]
    [InlineData("ru")]
    [InlineData("tr")]
    public async Task No_title_or_button_is_cut_at_1440_px_and_no_page_scrolls_sideways_on_a_phone(string language)
    {
        var channel = await app.CreateChannelAsync();
        // The workstream page shows its Bot section with the FAQ bot's whole form.
        var demoAdmin = await app.AdminAsync();
        var bot = await app.WithServiceAsync((BotSetupService s) => s.SaveAsync(channel.WorkstreamId, new BotSettingsInput
        {
            Mode = BotMode.Faq,
            Entries = [new BotFaqEntryInput { Language = language, Phrases = "hours", Answer = "9–18" }],
        }, demoAdmin));
        Assert.True(bot.Succeeded, bot.FirstMessage);
        string[] pages =
        [
            "", "admin/accounts", "admin/accounts/new", $"admin/accounts/{channel.AccountId}", "admin/workstreams", "admin/workstreams/new",
            $"admin/workstreams/{channel.WorkstreamId}", $"admin/workstreams/{channel.WorkstreamId}/whatsapp", $"admin/workstreams/{channel.WorkstreamId}/routing",
            "admin/queues", "admin/users", "admin/quick-replies", "admin/templates", "admin/templates/new", "supervisor", "simulator",
        ];
        var admin = await app.AddSignInAdminAsync($"Layout {language}");
        await using var session = await browser.SignInAsync(app, admin);
        await session.Page.SetViewportSizeAsync(1440, 900);
        await new ShellPage(session.Page).ChooseLanguageAsync(language);

        var cut = new List<string>();
        foreach (var path in pages)
        {
            await session.Page.GotoAsync(path);
            await Blazor.WaitUntilInteractiveAsync(session.Page);
            await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", language);
            foreach (var grid in await session.Page.Locator("main table").AllAsync())
            {
                cut.AddRange((await grid.CutHeadersAsync()).Select(h => $"/{path}: column \"{h}\""));
            }
            foreach (var button in await session.Page.Locator("button.mud-button:visible").AllAsync())
            {
                if (await button.IsButtonTextClippedAsync()) cut.Add($"/{path}: button \"{await button.InnerTextAsync()}\"");
            }
        }
        Assert.True(cut.Count == 0, $"Cut in {language} at 1440 px:\n  " + string.Join("\n  ", cut));

        await session.UsePhoneWidthAsync();
        var sideways = new List<string>();
        foreach (var path in pages)
        {
            await session.Page.GotoAsync(path);
            await Blazor.WaitUntilInteractiveAsync(session.Page);
            if (await session.Page.ScrollsSidewaysAsync()) sideways.Add($"/{path} ({await WiderThanThePageAsync(session)})");
        }
        Assert.True(sideways.Count == 0, $"Pages that scroll sideways on a phone in {language}: " + string.Join(", ", sideways));
        Assert.Empty(session.Errors);
    }

    /// <summary>What sticks out on the right, for the failure message.</summary>
    private static Task<string> WiderThanThePageAsync(BrowserSession session) =>
        session.Page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('main *')]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .slice(-3).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${(e.innerText || '').slice(0, 40)}"`).join('; ')
            """);
}
