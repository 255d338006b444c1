using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>What an agent does in a conversation: who may see it, transfer, resolve, quick replies.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InboxActionsTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task An_agent_neither_lists_nor_opens_a_conversation_of_another_queue_while_a_supervisor_reads_it()
    {
        var mine = await WebhookChannel.CreateAsync(app);
        var theirs = await WebhookChannel.CreateAsync(app);
        var agent = await app.AddSignInAgentAsync("Private Priya", [mine.QueueId]);
        var other = await app.AddAgentAsync("Other Otto", [theirs.QueueId]);
        await app.SetPresenceAsync(agent.Id, Presence.Available);
        var own = await mine.OpenConversationAsync(body: "My own question");
        var foreign = await theirs.OpenConversationAsync(body: "A secret order 4711");
        await app.AssignedAsync(own, agent.Id);
        await app.AssignedAsync(foreign, other);

        await using var session = await browser.SignInAsync(app, agent.User);
        var inbox = await InboxPage.OpenAsync(session.Page);
        await Expect(inbox.Item(own)).ToBeVisibleAsync();
        await Expect(inbox.Item(foreign)).ToHaveCountAsync(0);
        await Expect(session.Page.GetByText("A secret order 4711")).ToHaveCountAsync(0);

        foreach (var path in new[] { $"conversations/{foreign}", $"inbox/{foreign}" })
        {
            await session.Page.GotoAsync(path);
            await Blazor.WaitUntilInteractiveAsync(session.Page);
            var refused = new ConversationPanel(session.Page.Locator("[data-testid=conversation]"));
            await Expect(refused.Refused).ToContainTextAsync("You cannot see this conversation.");
            await Expect(session.Page.GetByText("A secret order 4711")).ToHaveCountAsync(0);
            await Expect(refused.Composer).ToHaveCountAsync(0);
        }
        await session.ScreenshotAsync("refused");

        // Their own conversation opens on its page, with the composer.
        await session.Page.GotoAsync($"conversations/{own}");
        var page = new ConversationPanel(session.Page.Locator("[data-testid=conversation]"));
        await Expect(page.Message("My own question")).ToBeVisibleAsync();
        await Expect(page.Composer).ToBeVisibleAsync();
        Assert.Empty(session.Errors);

        // A supervisor reads any conversation there, read-only.
        await using var supervisor = await browser.SignInAsync(app, DemoData.Supervisor);
        await supervisor.Page.GotoAsync($"conversations/{foreign}");
        await Blazor.WaitUntilInteractiveAsync(supervisor.Page);
        var readOnly = new ConversationPanel(supervisor.Page.Locator("[data-testid=conversation]"));
        await Expect(readOnly.Message("A secret order 4711")).ToBeVisibleAsync();
        await Expect(readOnly.ReadOnlyNotice).ToContainTextAsync("Other Otto");
        await Expect(readOnly.Composer).ToHaveCountAsync(0);
        await Expect(readOnly.Resolve).ToHaveCountAsync(0);
        await supervisor.ScreenshotAsync("supervisor-read-only");
        Assert.Empty(supervisor.Errors);
    }

    [Fact]
    public async Task Transferring_to_a_colleague_and_resolving_take_conversations_out_of_the_list_with_a_line_in_the_timeline()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var agent = await app.AddSignInAgentAsync("Tess Transfer", [channel.QueueId]);
        // Busy: no pushed work, but a colleague may hand them a conversation.
        var colleague = await app.AddAgentAsync("Bea Backup", [channel.QueueId], presence: Presence.Busy);
        await app.SetPresenceAsync(agent.Id, Presence.Available);
        var first = await channel.OpenConversationAsync(body: "Please pass me on");
        var second = await channel.OpenConversationAsync(body: "All sorted, thanks");
        await app.AssignedAsync(first, agent.Id);
        await app.AssignedAsync(second, agent.Id);

        await using var session = await browser.SignInAsync(app, agent.User);
        var inbox = await InboxPage.OpenAsync(session.Page, first);
        var conversation = inbox.Conversation;
        await Expect(conversation.Message("Please pass me on")).ToBeVisibleAsync();
        await conversation.Transfer.ClickAsync();
        await Expect(conversation.TransferDialog).ToContainTextAsync("Bea Backup");
        await session.ScreenshotAsync("transfer-dialog");
        await conversation.TransferDialog.Locator("[data-testid=transfer-option]").Filter(new() { HasText = "Bea Backup" }).ClickAsync();
        await conversation.TransferDialog.Locator("[data-testid=transfer-confirm]").ClickAsync();

        await Expect(inbox.Item(first)).ToHaveCountAsync(0);
        await Expect(conversation.SystemLine("Transferred to Bea Backup by Tess Transfer")).ToBeVisibleAsync();
        await Expect(conversation.Composer).ToHaveCountAsync(0);
        await Expect(conversation.ReadOnlyNotice).ToContainTextAsync("Bea Backup handles this conversation");
        Assert.Equal(colleague, (await app.ConversationAsync(first)).AssignedAgentId);

        await inbox.Item(second).ClickAsync();
        await Expect(conversation.Message("All sorted, thanks")).ToBeVisibleAsync();
        await conversation.ResolveAsync();
        await Expect(conversation.SystemLine("Resolved by Tess Transfer")).ToBeVisibleAsync();
        await Expect(inbox.Item(second)).ToHaveCountAsync(0);
        await Expect(conversation.ReadOnlyNotice).ToContainTextAsync("Resolved: the customer starts a new conversation");
        await Expect(conversation.Composer).ToHaveCountAsync(0);
        Assert.Equal(ConversationStatus.Closed, (await app.ConversationAsync(second)).Status);
        await Expect(inbox.Items).ToHaveCountAsync(0);
        await session.ScreenshotAsync("resolved");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Typing_a_slash_offers_quick_replies_and_Enter_or_a_click_inserts_one()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var agent = await app.AddSignInAgentAsync("Quick Quinn", [channel.QueueId]);
        await app.SetPresenceAsync(agent.Id, Presence.Available);
        var id = await channel.OpenConversationAsync(body: "Where is my parcel?");
        await app.AssignedAsync(id, agent.Id);
        var orderNumber = DemoData.QuickReplies.Single(q => q.Shortcut == "order-number").Text;
        var thanks = DemoData.QuickReplies.Single(q => q.Shortcut == "thanks").Text;

        await using var session = await browser.SignInAsync(app, agent.User);
        var conversation = (await InboxPage.OpenAsync(session.Page, id)).Conversation;

        await conversation.Text.FillAsync("/ord");
        await Expect(conversation.QuickReplies).ToHaveCountAsync(1);
        await Expect(conversation.QuickReplies.First).ToContainTextAsync("/order-number");
        await session.ScreenshotAsync("quick-replies");
        await conversation.Text.PressAsync("Enter");
        await Expect(conversation.Text).ToHaveValueAsync(orderNumber);
        await Expect(conversation.QuickReplies).ToHaveCountAsync(0);
        await conversation.Text.PressAsync("Enter");
        await Expect(conversation.Message(orderNumber)).ToBeVisibleAsync();
        await Expect(conversation.Text).ToHaveValueAsync("");

        // After other words, by a click; matching the text too ("patience" is in the thanks reply).
        await conversation.Text.FillAsync("Sure! /patience");
        await conversation.QuickReplies.Filter(new() { HasText = "/thanks" }).ClickAsync();
        await Expect(conversation.Text).ToHaveValueAsync("Sure! " + thanks);

        // Shift+Enter is a new line; Escape closes the list and keeps the text.
        await conversation.Text.FillAsync("");
        await conversation.Text.PressSequentiallyAsync("Line one");
        await conversation.Text.PressAsync("Shift+Enter");
        await conversation.Text.PressSequentiallyAsync("/");
        await Expect(conversation.QuickReplies).ToHaveCountAsync(2);
        await conversation.Text.PressAsync("Escape");
        await Expect(conversation.QuickReplies).ToHaveCountAsync(0);
        await conversation.Text.PressAsync("Backspace");
        await conversation.Text.PressSequentiallyAsync("Line two");
        await conversation.Text.PressAsync("Enter");
        await Expect(conversation.Messages.Last.Locator("[data-testid=message-text]")).ToHaveTextAsync("Line one\nLine two");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task A_reply_Twilio_refuses_shows_as_failed_with_a_readable_reason_under_the_bubble()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var agent = await app.AddSignInAgentAsync("Faye Failed", [channel.QueueId]);
        await app.SetPresenceAsync(agent.Id, Presence.Available);
        var customer = TestData.UniqueNumber();
        var id = await channel.OpenConversationAsync(customer, "Can you text me?");
        await app.AssignedAsync(id, agent.Id);
        app.GetRequiredService<EmulatorFaults>().Add(EmulatorFault.Reject(21610, "Attempt to send to unsubscribed recipient", to: customer));

        await using var session = await browser.SignInAsync(app, agent.User);
        var inbox = await InboxPage.OpenAsync(session.Page, id);
        await inbox.Conversation.SendTextAsync("Here is your code");

        var bubble = inbox.Conversation.Message("Here is your code");
        await Expect(ConversationPanel.Ticks(bubble)).ToHaveAttributeAsync("data-status", "failed", new() { Timeout = 10_000 });
        await Expect(bubble.Locator("[data-testid=message-error]")).ToContainTextAsync("The customer has opted out of messages from this number (21610).");
        await session.ScreenshotAsync("send-failed");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task In_pick_mode_a_new_conversation_waits_in_the_agents_queue_list_live_and_Take_makes_it_theirs()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        await app.SetWorkstreamAsync(channel.WorkstreamId, w => w.DistributionMode = DistributionMode.Pick);
        var agent = await app.AddSignInAgentAsync("Pia Picker", [channel.QueueId]);
        await app.SetPresenceAsync(agent.Id, Presence.Available);

        await using var session = await browser.SignInAsync(app, agent.User);
        var inbox = await InboxPage.OpenAsync(session.Page);
        await Blazor.MarkDocumentAsync(session.Page);
        var id = await channel.OpenConversationAsync(body: "Whoever is free, please");

        await Expect(inbox.WaitingItem(id)).ToBeVisibleAsync(new() { Timeout = 2_000 });
        await Expect(inbox.Item(id)).ToHaveCountAsync(0);
        await session.ScreenshotAsync("waiting");
        await inbox.WaitingItem(id).Locator("[data-testid=take]").ClickAsync();

        await Expect(inbox.Item(id)).ToBeVisibleAsync();
        await Expect(inbox.WaitingItem(id)).ToHaveCountAsync(0);
        await Expect(inbox.Conversation.SystemLine("Taken by Pia Picker")).ToBeVisibleAsync();
        await Expect(inbox.Conversation.Text).ToBeEnabledAsync();
        Assert.Equal(agent.Id, (await app.ConversationAsync(id)).AssignedAgentId);
        Assert.False(await Blazor.WasReloadedAsync(session.Page), "the page reloaded");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_template_picker_shows_Twilios_example_values_under_the_inputs()
    {
        var channel = await WebhookChannel.CreateAsync(app, templates:
            [new TemplateInput { Name = "order_update", Language = "en", Body = "Hi {{1}}, your order {{2}} is on its way." }]);
        await using (var db = await app.CreateDbContextAsync())
        {
            await db.Templates.Where(t => t.WorkstreamId == channel.WorkstreamId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.SampleValues, "{\"1\":\"Sarah\",\"2\":\"#1042\"}"));
        }
        var agent = await app.AddSignInAgentAsync("Hinted Hana", [channel.QueueId]);
        await app.SetPresenceAsync(agent.Id, Presence.Available);
        var id = await channel.OpenConversationAsync(body: "Where is my order?");
        await app.AssignedAsync(id, agent.Id);

        await using var session = await browser.SignInAsync(app, agent.User);
        var conversation = (await InboxPage.OpenAsync(session.Page, id)).Conversation;
        await conversation.Root.Locator("[data-testid=toggle-templates]").ClickAsync();
        await conversation.ChooseTemplateAsync("order_update");

        await Expect(conversation.TemplatePicker.Locator("[data-testid=template-sample-1]")).ToHaveTextAsync("e.g. Sarah");
        await Expect(conversation.TemplatePicker.Locator("[data-testid=template-sample-2]")).ToHaveTextAsync("e.g. #1042");
        await session.ScreenshotAsync("template-hints");
        await Expect(conversation.TemplateValue(1)).ToHaveValueAsync("");
        Assert.Empty(session.Errors);
    }
}
