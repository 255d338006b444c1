using System.Net;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Inbound;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Webhooks;

/// <summary>
/// Inbound messages that arrive while an admin deletes their channel, removes their number or changes its workstream
/// (decision 0012): each message is either stored as the channel was, or refused like a message for an unknown number —
/// never stored on a deleted channel, never a server error. A webhook looks the channel up in a cache that another
/// instance's change leaves stale for a while; the tests that change the database behind the app's back stand for that.
/// </summary>
[Collection(AppCollection.Name)]
[Trait("Storage", "Both")]
public sealed class ChannelChangeRaceTests(AppHost app)
{
    [Fact]
    public async Task A_message_for_a_channel_deleted_after_its_webhook_looked_it_up_is_not_stored()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var account = (await app.GetRequiredService<ChannelDirectory>().GetAsync(channel.AccountId))!;
        var number = account.Number(channel.Number)!;
        var deleted = await app.WithServiceAsync((AccountService s) => s.DeleteAsync(channel.AccountId, force: true));
        Assert.True(deleted.Succeeded, deleted.FirstMessage);

        var message = InboundForm.Parse(channel.Inbound(TestData.UniqueNumber(), "Are you still there?")).Message!;
        var outcome = await app.GetRequiredService<InboundStore>().StoreAsync(account, number, message, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(InboundOutcome.ChannelGone, outcome);
        await using var db = await app.CreateDbContextAsync();
        Assert.False(await db.Messages.AnyAsync(m => m.TwilioSid == message.MessageSid));
        Assert.False(await db.Conversations.AnyAsync(c => c.NumberId == channel.NumberId));
    }

    [Fact]
    public async Task A_channel_deleted_by_another_instance_refuses_messages_before_its_cache_expires()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        using (var first = await channel.PostInboundAsync(channel.Inbound(TestData.UniqueNumber(), "First")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        // As AccountService.DeleteAsync on another instance would leave it, without this instance's cache hearing of it.
        await using (var db = await app.CreateDbContextAsync())
        {
            var now = DateTimeOffset.UtcNow;
            await db.Conversations.Where(c => c.NumberId == channel.NumberId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ConversationStatus.Closed));
            await db.Numbers.Where(n => n.Id == channel.NumberId).ExecuteUpdateAsync(s => s.SetProperty(n => n.RetiredAt, now));
            await db.Accounts.Where(a => a.Id == channel.AccountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.DeletedAt, now));
        }
        Assert.True(app.GetRequiredService<ChannelDirectory>().IsCached(channel.AccountId));

        var form = channel.Inbound(TestData.UniqueNumber(), "Hello?");
        using var response = await channel.PostInboundAsync(form);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var check = await app.CreateDbContextAsync();
        Assert.False(await check.Messages.AnyAsync(m => m.TwilioSid == form["MessageSid"]));
        Assert.False(await check.Conversations.AnyAsync(c => c.NumberId == channel.NumberId && c.Status != ConversationStatus.Closed));
    }

    [Fact]
    public async Task A_number_moved_off_its_workstream_by_another_instance_routes_by_what_the_database_says()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        Assert.NotNull(await app.GetRequiredService<ChannelDirectory>().GetAsync(channel.AccountId));
        // Another instance released the number from its workstream; this instance still has the old routing cached.
        await using (var db = await app.CreateDbContextAsync())
        {
            await db.WhatsAppSetups.Where(s => s.NumberId == channel.NumberId).ExecuteDeleteAsync();
        }

        var form = channel.Inbound(TestData.UniqueNumber(), "Hello");
        using var response = await channel.PostInboundAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var check = await app.CreateDbContextAsync();
        var conversation = await check.Messages.Where(m => m.TwilioSid == form["MessageSid"]).Select(m => m.Conversation!).SingleAsync();
        Assert.Null(conversation.WorkstreamId);
        Assert.Null(conversation.QueueId);
    }

    [Fact]
    public async Task Deleting_a_channel_while_messages_arrive_leaves_no_open_conversation_and_no_server_error()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var (deleted, stored) = await PostWhileChangingAsync(channel, messages: 40, changeAfter: 5,
            () => app.WithServiceAsync((AccountService s) => s.DeleteAsync(channel.AccountId, force: true)));

        Assert.True(deleted.Succeeded, deleted.FirstMessage);
        await using var db = await app.CreateDbContextAsync();
        Assert.False(await db.Conversations.AnyAsync(c => c.NumberId == channel.NumberId && c.Status != ConversationStatus.Closed),
            "a conversation is still open on the deleted channel");
    }

    [Fact]
    public async Task Removing_a_number_while_messages_arrive_retires_it_and_gives_no_server_error()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        // A number that no workstream uses can be removed; its messages open unrouted conversations meanwhile.
        var released = await app.WithServiceAsync((WorkstreamService s) => s.DeleteAsync(channel.WorkstreamId));
        Assert.True(released.Succeeded, released.FirstMessage);
        var (removed, stored) = await PostWhileChangingAsync(channel, messages: 30, changeAfter: 3,
            () => app.WithServiceAsync((AccountService s) => s.RemoveNumberAsync(channel.NumberId)));

        Assert.True(removed.Succeeded, removed.FirstMessage);
        await using var db = await app.CreateDbContextAsync();
        // Some messages were stored before the removal, so the number is kept as history, retired.
        var number = await db.Numbers.SingleAsync(n => n.Id == channel.NumberId);
        Assert.NotNull(number.RetiredAt);
        Assert.Equal(stored.Count, await db.Messages.CountAsync(m => m.Conversation!.NumberId == channel.NumberId && m.Direction == MessageDirection.Inbound));
    }

    /// <summary>
    /// Posts <paramref name="messages"/> first messages from new customers at once and runs <paramref name="change"/> once
    /// <paramref name="changeAfter"/> of them have been answered. Every answer is 200 or 404, never a server error, and a
    /// message was answered 200 exactly when it is stored (Twilio does not retry a stored message, and retries a refused
    /// one). Returns the change's result and the MessageSids stored.
    /// </summary>
    private async Task<(TResult Change, HashSet<string> Stored)> PostWhileChangingAsync<TResult>(
        WebhookChannel channel, int messages, int changeAfter, Func<Task<TResult>> change)
    {
        var forms = Enumerable.Range(0, messages).Select(i => channel.Inbound(TestData.UniqueNumber(), $"Message {i}")).ToList();
        var someAnswered = new TaskCompletionSource();
        var answered = 0;
        var posts = forms.Select(async form =>
        {
            using var response = await channel.PostInboundAsync(form);
            if (Interlocked.Increment(ref answered) == changeAfter) someAnswered.TrySetResult();
            return (Sid: form["MessageSid"], response.StatusCode);
        }).ToList();
        await someAnswered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var result = await change();
        var answers = await Task.WhenAll(posts);

        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound }));
        await using var db = await app.CreateDbContextAsync();
        var sids = answers.Select(a => a.Sid).ToList();
        var stored = (await db.Messages.Where(m => m.TwilioSid != null && sids.Contains(m.TwilioSid)).Select(m => m.TwilioSid!).ToListAsync()).ToHashSet();
        Assert.Equal(answers.Where(a => a.StatusCode == HttpStatusCode.OK).Select(a => a.Sid).ToHashSet(), stored);
        return (result, stored);
    }
}
