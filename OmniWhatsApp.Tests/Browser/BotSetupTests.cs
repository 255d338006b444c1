using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Tests.Browser.Mud;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>An admin gives a channel its bot: in the WhatsApp setup wizard's Bot step, and afterwards on the workstream page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BotSetupTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task Admin_turns_on_the_FAQ_bot_in_the_wizard_sees_it_on_the_workstream_page_and_edits_it_there()
    {
        var channel = await app.CreateChannelAsync();
        var admin = await app.AddSignInAdminAsync("Bot admin");
        await using var session = await browser.SignInAsync(app, admin);
        var workstream = await WorkstreamPage.OpenAsync(session.Page, channel.WorkstreamId);
        await Expect(workstream.Summary.Bot).ToHaveTextAsync("Off");

        var wizard = await workstream.SetUpWhatsAppAsync();
        await wizard.ChooseFallbackQueueAsync(DemoData.DemoQueue);
        await wizard.NextAsync(wizard.LanguageStep);
        await wizard.LanguageSelect.SelectAsync("Turkish — Türkçe (tr)");
        foreach (var step in new[] { wizard.BehavioursStep, wizard.TemplatesStep, wizard.BotStep }) await wizard.NextAsync(step);
        var bot = wizard.Bot;
        await Expect(bot.ChosenMode).ToHaveTextAsync("Off");
        await Expect(bot.FaqFields).ToHaveCountAsync(0);

        // The FAQ bot starts with the customers' (the channel's) language: Turkish texts and one question to fill in.
        await bot.Mode("Faq").ClickAsync();
        await Expect(bot.Fallback).ToHaveValueAsync("Sizi bir çalışma arkadaşıma bağlıyorum.");
        await Expect(bot.HandoffWords).ToHaveValueAsync("agent, temsilci, оператор");
        await Expect(bot.Entries).ToHaveCountAsync(1);
        await Expect(bot.Language(0)).ToHaveValueAsync("Turkish — Türkçe (tr)");
        await wizard.NextButton.ClickAsync();
        await Expect(bot.EntryMessage(0, "bot-entry-phrases")).ToHaveTextAsync("Enter at least one keyword or phrase.");
        await Expect(bot.EntryMessage(0, "bot-entry-answer")).ToHaveTextAsync("Enter the answer.");
        await Expect(wizard.BotStep).ToBeVisibleAsync();

        await bot.FillEntryAsync(0, "çalışma saatleri, ne zaman açıksınız", "Hafta içi 09:00–18:00 arası açığız.");
        await bot.AddButton.ClickAsync();
        await bot.FillEntryAsync(1, "iade", "İade için sipariş numaranızı yazın.");
        // A window as tall as the step, so the screenshot shows the app bar once, at the top.
        await session.Page.SetViewportSizeAsync(1280, 2000);
        await session.ScreenshotAsync("wizard-bot-step");
        await wizard.NextAsync(wizard.SummaryStep);
        await Expect(wizard.Summary.Bot).ToHaveTextAsync("Built-in FAQ bot with 2 questions");
        await wizard.NextButton.ClickAsync();

        await Expect(workstream.Toast("WhatsApp is set up")).ToBeVisibleAsync();
        await Expect(workstream.Summary.Bot).ToHaveTextAsync("Built-in FAQ bot with 2 questions");
        await Expect(workstream.Bot.ChosenMode).ToHaveTextAsync("Built-in FAQ bot");
        await Expect(workstream.Bot.Entries).ToHaveCountAsync(2);
        await Expect(workstream.Bot.Phrases(1)).ToHaveValueAsync("iade");

        // On the workstream page: "iade" first, a longer answer, hand-off after 3 misses; its own Save.
        await workstream.Bot.MoveUp(1).ClickAsync();
        await Expect(workstream.Bot.Phrases(0)).ToHaveValueAsync("iade");
        await workstream.Bot.Answer(0).FillAsync("İade için sipariş numaranızı ve nedenini yazın.");
        await workstream.Bot.HandoffAfter.FillAsync("3");
        await session.ScreenshotAsync("workstream-bot");
        await workstream.SaveBotButton.ClickAsync();
        await Expect(workstream.Toast("Bot saved")).ToBeVisibleAsync();

        await session.Page.ReloadAsync();
        await workstream.Shell.WaitUntilInteractiveAsync();
        await Expect(workstream.Bot.Phrases(0)).ToHaveValueAsync("iade");
        await Expect(workstream.Bot.Answer(0)).ToHaveValueAsync("İade için sipariş numaranızı ve nedenini yazın.");
        await Expect(workstream.Bot.HandoffAfter).ToHaveValueAsync("3");
        await session.UsePhoneWidthAsync();
        // The layout follows the new width after a round trip to the server (the menu drawer closes): measure after it.
        await Expect(session.Page.Locator(".mud-drawer--open")).ToHaveCountAsync(0);
        Assert.False(await session.Page.ScrollsSidewaysAsync(), "the workstream page scrolls sideways on a phone");
        await workstream.Bot.Entries.Nth(0).ScrollIntoViewIfNeededAsync();
        await session.ScreenshotAsync("workstream-bot-phone", fullPage: false);

        await using var db = await app.CreateDbContextAsync();
        var entries = await db.BotFaqEntries.Where(e => e.WorkstreamId == channel.WorkstreamId).OrderBy(e => e.Position).ToListAsync();
        Assert.Equal(["0 tr iade", "1 tr çalışma saatleri, ne zaman açıksınız"], entries.Select(e => $"{e.Position} {e.Language} {e.Phrases}"));
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Admin_connects_an_external_bot_on_the_workstream_page_and_its_secret_stays_hidden()
    {
        const string secret = "correct-horse-battery-staple";
        var channel = await app.CreateChannelAsync();
        var admin = await app.AddSignInAdminAsync("Bot admin");
        await using var session = await browser.SignInAsync(app, admin);
        var workstream = await WorkstreamPage.OpenAsync(session.Page, channel.WorkstreamId);
        var bot = workstream.Bot;

        await bot.Mode("External").ClickAsync();
        await bot.Url.FillAsync("http://bot.example.com/hook");
        await workstream.SaveBotButton.ClickAsync();

        await Expect(bot.FieldMessage("bot-url")).ToHaveTextAsync("Enter a full https:// address (http:// only for localhost).");
        await Expect(bot.FieldMessage("bot-secret")).ToHaveTextAsync("Enter a shared secret of at least 16 characters.");
        await Expect(workstream.Summary.Bot).ToHaveTextAsync("Off");

        await bot.Url.FillAsync("https://bot.example.com/hook");
        await bot.Secret.FillAsync(secret);
        await workstream.SaveBotButton.ClickAsync();

        await Expect(workstream.Toast("Bot saved")).ToBeVisibleAsync();
        await Expect(workstream.Summary.Bot).ToHaveTextAsync("External bot at bot.example.com");
        await Expect(bot.Secret).ToHaveValueAsync("");
        await Expect(bot.Hint("bot-secret")).ToHaveTextAsync("Saved: ••••••••••••aple. Leave empty to keep it.");
        Assert.DoesNotContain(secret, await session.Page.ContentAsync());
        await using var db = await app.CreateDbContextAsync();
        var stored = await db.WhatsAppSetups.AsNoTracking().Where(s => s.WorkstreamId == channel.WorkstreamId).Select(s => s.Bot).SingleAsync();
        Assert.Equal(BotMode.External, stored.Mode);
        Assert.DoesNotContain(secret, stored.ProtectedSecret);
        Assert.Empty(session.Errors);
    }
}
