using System.Text.RegularExpressions;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>The inbox on a phone (390 × 844): the list, then the conversation full width with a back arrow.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class InboxPhoneTests(AppHost app, BrowserFixture browser)
{
    [GeneratedRegex(@"/inbox$")]
    private static partial Regex InboxList();

    [Fact]
    public async Task On_a_phone_the_agent_goes_from_the_list_to_the_conversation_replies_and_comes_back()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var agent = await app.AddSignInAgentAsync("Phone Phil", [channel.QueueId]);
        await app.SetPresenceAsync(agent.Id, Presence.Available);
        var id = await channel.OpenConversationAsync(body: "Hello from my phone");
        await app.AssignedAsync(id, agent.Id);

        await using var session = await browser.SignInAsync(app, agent.User);
        await session.UsePhoneWidthAsync();
        var inbox = await InboxPage.OpenAsync(session.Page);
        await Blazor.MarkDocumentAsync(session.Page);

        // The list alone, full width, nothing to scroll sideways.
        await Expect(inbox.Item(id)).ToBeVisibleAsync();
        await Expect(inbox.Placeholder).ToBeHiddenAsync();
        Assert.True((await inbox.List.BoundingBoxAsync())!.Width >= 380, "the list does not use the phone's width");
        Assert.False(await inbox.ScrollsSidewaysAsync(), "the list scrolls sideways");
        await session.ScreenshotAsync("phone-list");

        // The conversation takes the whole width, with a back arrow; the list is gone.
        await inbox.Item(id).ClickAsync();
        var conversation = inbox.Conversation;
        await Expect(conversation.Message("Hello from my phone")).ToBeVisibleAsync();
        await Expect(inbox.List).ToBeHiddenAsync();
        await Expect(conversation.Back).ToBeVisibleAsync();
        Assert.True((await conversation.Root.BoundingBoxAsync())!.Width >= 380, "the conversation does not use the phone's width");
        await Expect(conversation.Text).ToBeInViewportAsync();
        await Expect(conversation.Send).ToBeInViewportAsync();
        await Expect(conversation.Resolve).ToBeInViewportAsync();
        Assert.False(await inbox.ScrollsSidewaysAsync(), "the conversation scrolls sideways");
        await session.ScreenshotAsync("phone-conversation");

        // With the keyboard up the window is shorter: the composer stays on screen.
        await session.Page.SetViewportSizeAsync(BrowserSession.Phone.Width, 480);
        await conversation.Text.FocusAsync();
        await Expect(conversation.Text).ToBeInViewportAsync();
        await Expect(conversation.Send).ToBeInViewportAsync();
        await conversation.Text.FillAsync("/thanks");
        await Expect(conversation.QuickReplies.First).ToBeInViewportAsync();
        await conversation.Text.PressAsync("Escape");
        await conversation.Text.FillAsync("");
        await conversation.SendTextAsync("Sure, I can help with that");
        var reply = conversation.Message("Sure, I can help with that");
        await Expect(reply).ToBeInViewportAsync();
        await Expect(ConversationPanel.Ticks(reply)).ToHaveAttributeAsync("data-status", "read", new() { Timeout = 10_000 });
        await session.ScreenshotAsync("phone-keyboard");
        await session.UsePhoneWidthAsync();

        // Back to the list, without a reload.
        await conversation.Back.ClickAsync();
        await Expect(session.Page).ToHaveURLAsync(InboxList());
        await Expect(inbox.Item(id)).ToBeVisibleAsync();
        await Expect(inbox.Item(id)).ToContainTextAsync("Sure, I can help with that");
        await Expect(conversation.Root).ToHaveCountAsync(0);
        Assert.False(await Blazor.WasReloadedAsync(session.Page), "the page reloaded");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task On_a_wide_screen_list_and_conversation_sit_side_by_side_without_a_back_arrow()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var agent = await app.AddSignInAgentAsync("Desk Dora", [channel.QueueId]);
        await app.SetPresenceAsync(agent.Id, Presence.Available);
        var id = await channel.OpenConversationAsync(body: "Hello from my desk");
        await app.AssignedAsync(id, agent.Id);

        await using var session = await browser.SignInAsync(app, agent.User);
        var inbox = await InboxPage.OpenAsync(session.Page, id);

        await Expect(inbox.Conversation.Message("Hello from my desk")).ToBeVisibleAsync();
        await Expect(inbox.Item(id)).ToBeVisibleAsync();
        await Expect(inbox.Conversation.Back).ToBeHiddenAsync();
        Assert.Empty(session.Errors);
    }
}
