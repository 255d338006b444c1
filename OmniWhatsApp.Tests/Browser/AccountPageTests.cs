using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Tests.Browser.Mud;
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
        await Expect(accounts.Toast("Channel deleted")).ToContainTextAsync(name);
        await Expect(accounts.Row(name)).ToHaveCountAsync(0);
        await Expect(accounts.Row("Demo (emulator)")).ToBeVisibleAsync();
        await session.ScreenshotAsync("deleted");
    }

    [Fact]
    public async Task Deleting_a_channel_with_an_open_conversation_is_refused_until_the_admin_deletes_anyway()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var conversation = await channel.OpenConversationAsync();
        var name = (await app.WithServiceAsync((AccountService s) => s.GetAsync(channel.AccountId)))!.Name;
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var accounts = await AccountsPage.OpenAsync(session.Page);
        await accounts.Link(name).ClickAsync();
        var account = new AccountPage(session.Page);
        await Expect(account.Shell.Heading).ToHaveTextAsync(name);

        await account.DeleteChannelAsync();

        await Expect(account.DeleteProblem).ToContainTextAsync(
            "1 conversation on this channel is still open. Close it first, or delete anyway to close it now.");
        await session.ScreenshotAsync("refused");
        Assert.NotEqual(ConversationStatus.Closed, (await app.ConversationAsync(conversation)).Status);

        await account.DeleteAnywayButton.ClickAsync();

        await accounts.WaitUntilShownAsync();
        await Expect(accounts.Toast("Channel deleted")).ToContainTextAsync(name);
        await Expect(accounts.Row(name)).ToHaveCountAsync(0);
        Assert.Equal(ConversationStatus.Closed, (await app.ConversationAsync(conversation)).Status);
    }

    [Fact]
    public async Task Delete_channel_delete_anyway_and_remove_number_are_danger_styled()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        await channel.OpenConversationAsync();
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        await session.Page.GotoAsync($"admin/accounts/{channel.AccountId}");
        var account = new AccountPage(session.Page);
        await account.Shell.WaitUntilInteractiveAsync();
        await Expect(account.RemoveNumberButtons).ToHaveCountAsync(1);

        Assert.True(await account.RemoveNumberButtons.First.IsDangerStyledAsync(), "Remove number is not in the error colour");
        Assert.True(await account.DeleteChannelButton.IsDangerStyledAsync(), "Delete channel is not in the error colour");
        await account.DeleteChannelAsync();
        await Expect(account.DeleteAnywayButton).ToBeVisibleAsync();
        Assert.True(await account.DeleteAnywayButton.IsDangerStyledAsync(), "Delete anyway is not in the error colour");
        await session.ScreenshotAsync("danger");

        await account.DeleteAnywayButton.ClickAsync();
        await new AccountsPage(session.Page).WaitUntilShownAsync();
    }

    [Fact]
    public async Task Replacing_credentials_with_another_account_s_SID_is_warned_about_at_the_field()
    {
        var input = app.NewAccount(TestData.UniqueNumber());
        var id = (await app.WithServiceAsync((AccountService s) => s.CreateAsync(input))).Value;
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        await session.Page.GotoAsync($"admin/accounts/{id}");
        var account = new AccountPage(session.Page);
        await account.Shell.WaitUntilInteractiveAsync();

        await account.ReplaceCredentialsButton.ClickAsync();
        await account.AccountSid.FillAsync(TwilioSids.New("AC"));
        await account.AccountSid.BlurAsync();
        await Expect(account.SidWarning).ToHaveCountAsync(0);
        await account.AccountSid.FillAsync(app.EmulatorCredentials().AccountSid);
        await account.AccountSid.BlurAsync();

        // This account itself has the SID too; the warning names the other one.
        await Expect(account.SidWarning).ToContainTextAsync("This Account SID is already connected as Demo (emulator).");
    }
}
