using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Inbox;

/// <summary>The agent inbox's read models: order by what needs attention, unread counts, paging.</summary>
[Trait("Storage", "Both")]
public sealed class InboxQueriesTests(ClockHost host) : IClassFixture<ClockHost>
{
    private AppHost App => host.App;
    private InboxQueries Inbox => App.GetRequiredService<InboxQueries>();

    [Fact]
    public async Task My_conversations_put_unanswered_first_then_the_window_closing_soonest_with_unread_counts()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var agent = await App.AddAgentAsync("Ordering Olivia", [channel.QueueId], capacity: 10);
        var answered = await channel.OpenConversationAsync(body: "first");
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        var laterCustomer = TestData.UniqueNumber();
        var later = await channel.OpenConversationAsync(laterCustomer, "second");
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        var earlierCustomer = TestData.UniqueNumber();
        var earlier = await channel.OpenConversationAsync(earlierCustomer, "third");
        foreach (var id in new[] { answered, later, earlier }) await App.AssignedAsync(id, agent);
        // The agent answers the first; the second's customer writes again, which moves its window later.
        await ReplyAsync(answered, agent);
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        await channel.OpenConversationAsync(laterCustomer, "hello again?");

        var list = await Inbox.MyConversationsAsync(agent);

        // Unanswered first; among them the window that closes first (the one last written to longest ago).
        Assert.Equal([earlier, later, answered], list.Select(i => i.ConversationId));
        Assert.Equal([true, true, false], list.Select(i => i.Unanswered));
        Assert.Equal([1, 2, 1], list.Select(i => i.UnreadCount));
        var first = list[0];
        Assert.Equal((earlierCustomer, "Jane Customer", channel.QueueId), (first.CustomerPhone, first.CustomerName, first.QueueId));
        Assert.Equal(host.Clock.Now.AddMinutes(-10).AddHours(24), first.WindowEndsAt);
        Assert.Equal("hello again?", list[1].LastMessagePreview);
        Assert.NotNull(first.QueueName);
    }

    [Fact]
    public async Task Marking_read_clears_the_unread_count_until_the_customer_writes_again()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var agent = await App.AddAgentAsync("Reader Rae", [channel.QueueId]);
        var customer = TestData.UniqueNumber();
        var id = await channel.OpenConversationAsync(customer, "one");
        await channel.OpenConversationAsync(customer, "two");
        await App.AssignedAsync(id, agent);
        Assert.Equal(2, (await Inbox.MyConversationsAsync(agent)).Single().UnreadCount);

        Assert.True((await Inbox.MarkReadAsync(id, Actor.Agent(agent))).Succeeded);
        Assert.Equal(0, (await Inbox.MyConversationsAsync(agent)).Single().UnreadCount);

        await channel.OpenConversationAsync(customer, "three");
        Assert.Equal(1, (await Inbox.MyConversationsAsync(agent)).Single().UnreadCount);
    }

    [Fact]
    public async Task A_conversation_reads_as_pages_of_its_latest_messages_newest_last_with_authors_and_errors()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var customer = TestData.UniqueNumber();
        var id = await channel.OpenConversationAsync(customer, "m1");
        for (var i = 2; i <= 5; i++) await channel.OpenConversationAsync(customer, $"m{i}");
        var agent = await App.AddAgentAsync("Pager Pat", [channel.QueueId]);
        await App.AssignedAsync(id, agent);
        await using (var db = await App.CreateDbContextAsync())
        {
            db.Messages.Add(new Message
            {
                ConversationId = id, Direction = MessageDirection.Outbound, Kind = MessageKind.Text, Body = "late reply", AuthorId = agent,
                Status = MessageStatus.Failed, ErrorCode = 63016, ErrorMessage = "Outside the 24-hour window", CreatedAt = host.Clock.Now,
            });
            await db.SaveChangesAsync();
        }

        var latest = (await Inbox.ConversationAsync(id, Actor.Agent(agent), take: 3)).Value!;

        Assert.True(latest.HasOlder);
        // The system line as the timeline shows it (stored as its key and values, shown in the reader's language).
        Assert.Equal(["m5", "Assigned to Pager Pat", "late reply"], latest.Messages.Select(m => TimelineLines.Render(TestLocalizer.Strings, m.Body)));
        var reply = latest.Messages[^1];
        Assert.Equal(("Pager Pat", MessageStatus.Failed, "Outside the 24-hour window"), (reply.AuthorName, reply.Status, reply.ErrorMessage));
        Assert.True(latest.Header.IsMine);
        Assert.True(latest.Header.WindowOpen);
        Assert.Equal((customer, "Pager Pat", ConversationStatus.Active), (latest.Header.CustomerPhone, latest.Header.AgentName, latest.Header.Status));

        var older = (await Inbox.ConversationAsync(id, Actor.Agent(agent), take: 10, before: latest.Messages[0].Id)).Value!;
        Assert.False(older.HasOlder);
        Assert.Equal(["m1", "m2", "m3", "m4"], older.Messages.Select(m => m.Body));
    }

    [Fact]
    public async Task An_image_without_text_is_previewed_by_its_type_so_the_list_can_say_Photo()
    {
        var channel = await WebhookChannel.CreateAsync(App, b => { b.AttachmentsEnabled = true; b.CustomersCanSendAttachments = true; });
        var agent = await App.AddAgentAsync("Preview Pia", [channel.QueueId], capacity: 10);
        var customer = TestData.UniqueNumber();
        var id = await channel.OpenConversationAsync(customer, "Here is the damage");
        await App.AssignedAsync(id, agent);
        var photo = channel.Inbound(customer, "");
        photo["NumMedia"] = "1";
        photo["MediaUrl0"] = "http://127.0.0.1:9/never-fetched.jpg";
        photo["MediaContentType0"] = "image/jpeg";
        (await channel.PostInboundAsync(photo)).EnsureSuccessStatusCode();

        var item = (await Inbox.MyConversationsAsync(agent)).Single(i => i.ConversationId == id);

        Assert.True(string.IsNullOrEmpty(item.LastMessagePreview));
        Assert.Equal("image/jpeg", item.LastMessageMediaType);
        await channel.OpenConversationAsync(customer, "Can you see it?");
        var after = (await Inbox.MyConversationsAsync(agent)).Single(i => i.ConversationId == id);
        Assert.Equal(("Can you see it?", (string?)null), (after.LastMessagePreview, after.LastMessageMediaType));
    }

    private async Task ReplyAsync(int conversationId, string agentId)
    {
        var sent = await App.SendTextAsync(new SessionMessageInput(conversationId, "On it!"), Actor.Agent(agentId));
        Assert.True(sent.Succeeded, sent.FirstMessage);
    }
}
