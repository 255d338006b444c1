using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Browser.Mud;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>The timeline follows new messages, resolving is confirmed, and the inbox says what an image-only message is.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InboxTimelineTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task The_timeline_follows_new_messages_unless_the_agent_scrolled_up_then_a_pill_says_there_are_new_ones()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var agent = await app.AddSignInAgentAsync("Scrolling Sam", [channel.QueueId]);
        await app.SetPresenceAsync(agent.Id, Presence.Available);
        var customer = TestData.UniqueNumber();
        var id = await channel.OpenConversationAsync(customer, "Message 1");
        await app.AssignedAsync(id, agent.Id);
        for (var i = 2; i <= 12; i++) await channel.OpenConversationAsync(customer, $"Message {i}\nwith a second line\nand a third one");

        await using var session = await browser.SignInAsync(app, agent.User);
        var conversation = (await InboxPage.OpenAsync(session.Page, id)).Conversation;
        await Expect(conversation.MessageStartingWith("Message 12")).ToBeInViewportAsync();
        await Expect(conversation.MessageStartingWith("Message 1").First).Not.ToBeInViewportAsync();

        // At the bottom: a new message scrolls into view by itself.
        await channel.OpenConversationAsync(customer, "Message 13");
        await Expect(conversation.MessageStartingWith("Message 13")).ToBeInViewportAsync();
        await Expect(conversation.NewMessages).ToHaveCountAsync(0);

        // Scrolled up to read: the place is kept and a pill says there is more below.
        await conversation.Timeline.EvaluateAsync("t => t.scrollTop = 0");
        await channel.OpenConversationAsync(customer, "Message 14");
        await Expect(conversation.NewMessages).ToBeVisibleAsync();
        await Expect(conversation.MessageStartingWith("Message 14")).Not.ToBeInViewportAsync();
        Assert.Equal(0, await conversation.Timeline.EvaluateAsync<double>("t => t.scrollTop"));
        await session.ScreenshotAsync("new-messages-pill");
        await conversation.NewMessages.ClickAsync();
        await Expect(conversation.MessageStartingWith("Message 14")).ToBeInViewportAsync();
        await Expect(conversation.NewMessages).ToHaveCountAsync(0);

        // Scrolling down by hand to the newest message also puts the pill away.
        await conversation.Timeline.EvaluateAsync("t => t.scrollTop = 0");
        await channel.OpenConversationAsync(customer, "Message 15");
        await Expect(conversation.NewMessages).ToBeVisibleAsync();
        await conversation.Timeline.EvaluateAsync("t => t.scrollTop = t.scrollHeight");
        await Expect(conversation.NewMessages).ToHaveCountAsync(0);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Resolve_asks_first_since_the_customer_gets_the_closing_message_and_says_Resolved_not_closed()
    {
        var channel = await WebhookChannel.CreateAsync(app, b => b.ConversationClosedMessage = "Thanks for contacting us!");
        var agent = await app.AddSignInAgentAsync("Careful Cara", [channel.QueueId]);
        await app.SetPresenceAsync(agent.Id, Presence.Available);
        var id = await channel.OpenConversationAsync(body: "That is all, thanks");
        await app.AssignedAsync(id, agent.Id);

        await using var session = await browser.SignInAsync(app, agent.User);
        var inbox = await InboxPage.OpenAsync(session.Page, id);
        var conversation = inbox.Conversation;
        await Expect(conversation.Message("That is all, thanks")).ToBeVisibleAsync();

        await conversation.Resolve.ClickAsync();
        var dialog = session.Page.OpenDialog();
        await Expect(dialog).ToContainTextAsync("closing message");
        await session.ScreenshotAsync("resolve-confirmation");
        await session.Page.DialogButton("Cancel").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(conversation.Composer).ToBeVisibleAsync();
        Assert.Equal(ConversationStatus.Active, (await app.ConversationAsync(id)).Status);

        await conversation.ResolveAsync();
        await Expect(conversation.Status).ToHaveTextAsync("Resolved");
        await Expect(conversation.ReadOnlyNotice).ToContainTextAsync("Resolved");
        await Expect(conversation.Root).Not.ToContainTextAsync("Window closed");
        await Expect(conversation.Message("Thanks for contacting us!")).ToBeVisibleAsync();
        Assert.Equal(ConversationStatus.Closed, (await app.ConversationAsync(id)).Status);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task An_image_without_text_shows_as_Photo_in_the_inbox_list()
    {
        var channel = await WebhookChannel.CreateAsync(app, b => { b.AttachmentsEnabled = true; b.CustomersCanSendAttachments = true; });
        var agent = await app.AddSignInAgentAsync("Photo Phoebe", [channel.QueueId]);
        await app.SetPresenceAsync(agent.Id, Presence.Available);
        var customer = TestData.UniqueNumber();
        var id = await channel.OpenConversationAsync(customer, "Look at this");
        await app.AssignedAsync(id, agent.Id);

        await using var session = await browser.SignInAsync(app, agent.User);
        var inbox = await InboxPage.OpenAsync(session.Page);
        await Expect(inbox.Preview(id)).ToHaveTextAsync("Look at this");

        var photo = channel.Inbound(customer, "");
        photo["NumMedia"] = "1";
        photo["MediaUrl0"] = "http://127.0.0.1:9/never-fetched.jpg";
        photo["MediaContentType0"] = "image/jpeg";
        (await channel.PostInboundAsync(photo)).EnsureSuccessStatusCode();

        await Expect(inbox.Preview(id)).ToHaveTextAsync("📷 Photo");
        Assert.Empty(session.Errors);
    }
}
