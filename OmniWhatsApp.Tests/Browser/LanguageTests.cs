using System.Globalization;
using Microsoft.Playwright;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>The console in Turkish and Russian: the browser's language before sign-in, each person's own choice after.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LanguageTests(AppHost app, BrowserFixture browser)
{
    private static readonly IReadOnlyDictionary<string, string> Russian = StringTable.Read(StringTable.TranslationPath("ru"));
    private static readonly IReadOnlyDictionary<string, string> Turkish = StringTable.Read(StringTable.TranslationPath("tr"));

    [Theory]
    [InlineData("ru-RU", "ru")]
    [InlineData("tr-TR", "tr")]
    [InlineData("de-DE", "en")]
    public async Task The_sign_in_page_follows_the_browsers_language_then_English(string browserLanguage, string expected)
    {
        await using var session = await browser.NewSessionAsync(app, locale: browserLanguage);

        var login = await LoginPage.OpenAsync(session.Page);
        await login.SubmitAndWaitAsync("", "");

        var table = expected switch { "ru" => Russian, "tr" => Turkish, _ => StringTable.Read() };
        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", expected);
        await Expect(login.SignInButton).ToHaveTextAsync(table["Sign in"]);
        await Expect(login.EmailMessage).ToHaveTextAsync(table["Enter your email address."]);
        await Expect(login.PasswordMessage).ToHaveTextAsync(table["Enter your password."]);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task A_persons_language_is_kept_in_their_account_across_sign_out_and_on_another_device()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var agent = await app.AddSignInAgentAsync("Lena Language", [channel.QueueId]);
        await using var first = await browser.SignInAsync(app, agent.User);
        var shell = new ShellPage(first.Page);
        await Expect(shell.Heading).ToHaveTextAsync("Inbox");

        await shell.ChooseLanguageAsync("ru");

        await Expect(shell.Heading).ToHaveTextAsync(Russian["Inbox"]);
        await Expect(shell.CurrentUser).ToContainTextAsync(Russian["Agent"]);
        await shell.SignOutAsync();
        // Signed out, the browser's language (English here) decides again; signed in, the person's choice.
        var login = new LoginPage(first.Page);
        await Expect(login.SignInButton).ToHaveTextAsync("Sign in");
        await login.SignInAsync(agent.User.Email, agent.User.Password);
        await Expect(first.Page.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await Expect(shell.Heading).ToHaveTextAsync(Russian["Inbox"]);

        // Another device, whose browser asks for English.
        await using var second = await browser.NewSessionAsync(app);
        await (await LoginPage.OpenAsync(second.Page)).SignInAsync(agent.User.Email, agent.User.Password);
        await Expect(second.Page.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await Expect(new ShellPage(second.Page).Heading).ToHaveTextAsync(Russian["Inbox"]);

        // And back.
        await new ShellPage(second.Page).ChooseLanguageAsync("en");
        await Expect(new ShellPage(second.Page).Heading).ToHaveTextAsync("Inbox");
        Assert.Empty(first.Errors);
        Assert.Empty(second.Errors);
    }

    [Fact]
    public async Task A_Russian_agent_answers_a_customer_and_sees_the_window_close_in_Russian()
    {
        var channel = await WebhookChannel.CreateAsync(app, templates: [new TemplateInput { Name = "follow_up", Language = "en", Body = TestChannels.FollowUp.Body }]);
        var agent = await app.AddSignInAgentAsync("Ivan Agentov", [channel.QueueId]);
        Assert.True((await app.WithServiceAsync((UserService s) => s.SetLanguageAsync(agent.Id, "ru"))).Succeeded);
        await app.SetPresenceAsync(agent.Id, Presence.Available);
        var customer = TestData.UniqueNumber();
        var id = await channel.OpenConversationAsync(customer, "Здравствуйте, где мой заказ?");
        await app.AssignedAsync(id, agent.Id);

        await using var session = await browser.SignInAsync(app, agent.User);
        var inbox = await InboxPage.OpenAsync(session.Page, id);
        var conversation = inbox.Conversation;
        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await Expect(inbox.Heading).ToHaveTextAsync(Russian["Inbox"]);
        await Expect(conversation.Message("Здравствуйте, где мой заказ?")).ToBeVisibleAsync();
        // The system line, stored once, read in the agent's language.
        await Expect(conversation.SystemLines.First).ToContainTextAsync(
            string.Format(CultureInfo.InvariantCulture, Russian["Assigned to {0}"], "Ivan Agentov"));
        await Expect(conversation.Countdown).ToContainTextAsync(Russian["{0} h"].Replace("{0}", "23", StringComparison.Ordinal));

        await conversation.SendTextAsync("Добрый день! Проверяю ваш заказ.");
        await Expect(conversation.Message("Добрый день! Проверяю ваш заказ.")).ToBeVisibleAsync();
        await Blazor.MarkDocumentAsync(session.Page);

        var ended = await app.WithServiceAsync(async (DemoWindowClock c) => await c.EndWindowNowAsync(channel.Number, customer, await app.SupervisorAsync()));
        Assert.True(ended.Succeeded, ended.FirstMessage);

        await Expect(conversation.Text).ToBeDisabledAsync();
        await Expect(conversation.Countdown).ToHaveTextAsync(Russian["Window closed — templates only"]);
        await Expect(conversation.WindowClosedReason).ToContainTextAsync(Russian["The 24-hour window is closed: until the customer writes again, only approved templates can be sent."]);
        await Expect(conversation.TemplatePicker).ToBeVisibleAsync();
        Assert.False(await Blazor.WasReloadedAsync(session.Page));
        await session.ScreenshotAsync("inbox-ru");
        Assert.Empty(session.Errors);
    }
}
