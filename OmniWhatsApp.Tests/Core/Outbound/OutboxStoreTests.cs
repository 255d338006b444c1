using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Outbound;

/// <summary>An app whose dispatcher is off, so the outbox holds still while a test writes to it directly.</summary>
public sealed class QuietOutboxHost : IAsyncLifetime
{
    public AppHost App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await AppHost.StartAsync(o => o.With("Outbox:Enabled", "false"));

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// The outbox's group-commit writer: many writes in one transaction must behave exactly as the same writes one at a
/// time. A batch is formed deterministically by queueing writes on a writer of the test's own before it starts.
/// </summary>
[Trait("Storage", "Both")]
public sealed class OutboxStoreTests(QuietOutboxHost host) : IClassFixture<QuietOutboxHost>
{
    private AppHost App => host.App;

    [Fact]
    public async Task A_failing_write_fails_alone_and_the_rest_of_its_batch_is_committed()
    {
        var channel = await App.CreateChannelAsync();
        var claim = DateTimeOffset.UtcNow;
        var taken = TwilioSids.New("SM");
        await StoreAsync(await App.OpenConversationAsync(channel), DispatchState.Accepted, MessageStatus.Sent, sid: taken);
        var clash = await StoreAsync(await App.OpenConversationAsync(channel), DispatchState.InFlight, claim: claim);
        var fine = await StoreAsync(await App.OpenConversationAsync(channel), DispatchState.InFlight, claim: claim);
        var newcomer = await App.OpenConversationAsync(channel);
        var sid = TwilioSids.New("SM");

        var store = NewStore();
        // Twilio's SID is unique: a second message claiming one another message holds cannot be stored.
        var failing = store.AcceptAsync(clash, claim, Accepted(taken), CancellationToken.None);
        var accepted = store.AcceptAsync(fine, claim, Accepted(sid), CancellationToken.None);
        var callback = store.RecordCallbackAsync(channel.AccountId, sid, "delivered", null, CancellationToken.None);
        var stored = store.EnqueueAsync(NewText(newcomer.Id, "Still stored"), requireOpenWindow: true, ct: CancellationToken.None);
        await RunAsync(store, async () =>
        {
            await Assert.ThrowsAnyAsync<Exception>(() => failing);
            Assert.True(await accepted);
            await callback;
            Assert.Equal(EnqueueOutcome.Stored, (await stored).Outcome);
        });

        var clashed = await App.MessageAsync(clash);
        Assert.Equal(DispatchState.InFlight, clashed.Dispatch);
        Assert.Null(clashed.TwilioSid);
        var sent = await App.MessageAsync(fine);
        Assert.Equal((DispatchState.Accepted, sid, MessageStatus.Delivered), (sent.Dispatch, sent.TwilioSid, sent.Status));
        Assert.Equal("Still stored", (await App.MessageAsync((await stored).MessageId)).Body);
        Assert.Contains(App.Logs, l => l.Message.StartsWith("A batch of 4 outbox writes failed; writing them one by one", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Callbacks_that_arrive_before_the_SID_is_stored_are_applied_when_it_is()
    {
        var channel = await App.CreateChannelAsync();
        var claim = DateTimeOffset.UtcNow;
        var early = await StoreAsync(await App.OpenConversationAsync(channel), DispatchState.InFlight, claim: claim);
        var sid = TwilioSids.New("SM");
        var store = App.GetRequiredService<OutboxStore>();

        // Twilio calls back before its answer to the create request is stored: kept, not applied, not lost.
        await store.RecordCallbackAsync(channel.AccountId, sid, "sent", null);
        await store.RecordCallbackAsync(channel.AccountId, sid, "delivered", null);
        await using (var db = await App.CreateDbContextAsync())
        {
            Assert.All(await db.StatusCallbacks.Where(s => s.MessageSid == sid).ToListAsync(), s => Assert.False(s.Applied));
        }
        Assert.True(await store.AcceptAsync(early, claim, Accepted(sid)));

        Assert.Equal(MessageStatus.Delivered, (await App.MessageAsync(early)).Status);
        await using var check = await App.CreateDbContextAsync();
        Assert.All(await check.StatusCallbacks.Where(s => s.MessageSid == sid).ToListAsync(), s => Assert.True(s.Applied));
    }

    [Fact]
    public async Task A_callback_and_its_messages_SID_in_one_batch_apply_whatever_order_they_came_in()
    {
        var channel = await App.CreateChannelAsync();
        var claim = DateTimeOffset.UtcNow;
        var message = await StoreAsync(await App.OpenConversationAsync(channel), DispatchState.InFlight, claim: claim);
        var sid = TwilioSids.New("SM");

        var store = NewStore();
        var callback = store.RecordCallbackAsync(channel.AccountId, sid, "read", null, CancellationToken.None);
        var accepted = store.AcceptAsync(message, claim, Accepted(sid), CancellationToken.None);
        await RunAsync(store, async () =>
        {
            await callback;
            Assert.True(await accepted);
        });

        var read = await App.MessageAsync(message);
        Assert.Equal((DispatchState.Accepted, MessageStatus.Read), (read.Dispatch, read.Status));
    }

    [Fact]
    public async Task Callbacks_for_one_message_in_one_batch_end_at_the_furthest_status()
    {
        var channel = await App.CreateChannelAsync();
        var sid = TwilioSids.New("SM");
        var message = await StoreAsync(await App.OpenConversationAsync(channel), DispatchState.Accepted, MessageStatus.Queued, sid: sid);
        var events = new List<MessageStatusChanged>();
        using var subscription = App.GetRequiredService<IConversationEvents>().Subscribe(e =>
        {
            if (e is MessageStatusChanged changed && changed.MessageId == message) lock (events) events.Add(changed);
            return Task.CompletedTask;
        });

        var store = NewStore();
        var callbacks = new[] { "read", "sent", "delivered", "failed" }.Select(s => store.RecordCallbackAsync(channel.AccountId, sid, s, s == "failed" ? 30008 : null, CancellationToken.None)).ToList();
        await RunAsync(store, () => Task.WhenAll(callbacks));

        var stored = await App.MessageAsync(message);
        Assert.Equal(MessageStatus.Read, stored.Status);
        Assert.Null(stored.ErrorCode);
        // One move (queued → read); the later, older statuses changed nothing and announced nothing. Subscribers run
        // on the thread pool: wait for the announcement, then a moment for any other that would wrongly follow.
        await Eventually.Get(() => { lock (events) return events.Count; }, n => n > 0, what: "the status change to be announced");
        await Task.Delay(200);
        lock (events) Assert.Equal([MessageStatus.Read], events.Select(e => e.Status));
    }

    [Fact]
    public async Task One_claim_takes_several_due_messages_but_only_the_first_of_a_conversation()
    {
        var channel = await App.CreateChannelAsync();
        var both = await App.OpenConversationAsync(channel);
        var other = await App.OpenConversationAsync(channel);
        var first = await StoreAsync(both, DispatchState.Pending, body: "First");
        var second = await StoreAsync(both, DispatchState.Pending, body: "Second");
        var alone = await StoreAsync(other, DispatchState.Pending, body: "Alone");
        // Read as Pending, but another dispatcher has claimed it since.
        var gone = await StoreAsync(await App.OpenConversationAsync(channel), DispatchState.InFlight, claim: DateTimeOffset.UtcNow);
        var numberId = channel.Number.Id;

        var claimed = await App.GetRequiredService<OutboxStore>().ClaimAsync(
            [.. new[] { first, second, alone, gone }.Select(id => new DueMessage(id, numberId, DispatchState.Pending, null))]);

        Assert.Equal([first, alone], claimed.Select(c => c.Due.Id));
        Assert.All(claimed, c => Assert.Equal(1, c.Attempts));
        var content = claimed.Single(c => c.Due.Id == alone).Content;
        Assert.Equal(("Alone", other.Customer, channel.Number.Number), (content.Body, content.CustomerPhone, content.Number));
        Assert.Equal(DispatchState.Pending, (await App.MessageAsync(second)).Dispatch);
        var stored = await App.MessageAsync(first);
        Assert.Equal((DispatchState.InFlight, claimed[0].ClaimedAt), (stored.Dispatch, stored.AttemptStartedAt));
    }

    [Fact]
    public async Task Storing_a_message_checks_its_window_in_the_same_transaction()
    {
        var channel = await App.CreateChannelAsync();
        var closed = await App.OpenConversationAsync(channel, lastInboundAt: DateTimeOffset.UtcNow.AddDays(-2));
        var store = App.GetRequiredService<OutboxStore>();

        Assert.Equal(EnqueueOutcome.WindowClosed, (await store.EnqueueAsync(NewText(closed.Id, "Too late"), requireOpenWindow: true)).Outcome);
        Assert.Equal(EnqueueOutcome.NoConversation, (await store.EnqueueAsync(NewText(int.MaxValue, "Nobody"), requireOpenWindow: true)).Outcome);
        // A template may go outside the window.
        Assert.Equal(EnqueueOutcome.Stored, (await store.EnqueueAsync(NewText(closed.Id, "A template"), requireOpenWindow: false)).Outcome);
    }

    private OutboxStore NewStore() => new(
        App.GetRequiredService<IDbContextFactory<OmniDbContext>>(),
        App.GetRequiredService<IConversationEvents>(),
        App.GetRequiredService<OutboxSignal>(),
        App.GetRequiredService<InFlightCutoff>(),
        App.GetRequiredService<TimeProvider>(),
        App.GetRequiredService<IStringLocalizer<Strings>>(),
        App.GetRequiredService<ILogger<OutboxStore>>());

    /// <summary>Starts the writer: everything queued on it so far forms its first batch.</summary>
    private static async Task RunAsync(OutboxStore store, Func<Task> check)
    {
        await store.StartAsync(CancellationToken.None);
        try
        {
            await check().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            await store.StopAsync(CancellationToken.None);
            store.Dispose();
        }
    }

    private static TwilioMessage Accepted(string sid) =>
        new(sid, null, null, null, null, "queued", "outbound-api", null, null, "0", null);

    private static Message NewText(int conversationId, string body) => new()
    {
        ConversationId = conversationId,
        Direction = MessageDirection.Outbound,
        Kind = MessageKind.Text,
        Body = body,
        Status = MessageStatus.Queued,
        CreatedAt = DateTimeOffset.UtcNow,
        Dispatch = DispatchState.Pending,
        NextAttemptAt = DateTimeOffset.UtcNow,
    };

    private async Task<long> StoreAsync(TestConversation conversation, DispatchState dispatch, MessageStatus status = MessageStatus.Queued,
        string? sid = null, DateTimeOffset? claim = null, string body = "Hello")
    {
        await using var db = await App.CreateDbContextAsync();
        var message = NewText(conversation.Id, body);
        message.Dispatch = dispatch;
        message.Status = status;
        message.TwilioSid = sid;
        message.AttemptStartedAt = claim;
        message.Attempts = claim is null ? 0 : 1;
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }
}
