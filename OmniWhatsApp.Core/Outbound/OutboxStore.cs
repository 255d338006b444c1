using System.Threading.Channels;
using OmniWhatsApp.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.Outbound;

public enum EnqueueOutcome
{
    Stored,
    NoConversation,
    Closed,
    NotAllowed,
    WindowClosed,
}

/// <summary>What storing an outbound message did; the conversation's routing facts for the event that announces it.</summary>
public sealed record EnqueueResult(EnqueueOutcome Outcome, long MessageId = 0, int NumberId = 0, int? QueueId = null, string? AgentId = null);

/// <summary>A message claimed for a send attempt: <see cref="ClaimedAt"/> is the claim later writes must still find.</summary>
public sealed record ClaimedMessage(DueMessage Due, int Attempts, DateTimeOffset ClaimedAt, SendContent Content);

/// <summary>What a claimed message is sent with: read in the claim's own transaction.</summary>
/// <param name="RichContent">An agent's buttons, list or location (RichContent as JSON), sent by a Content SID the dispatcher creates.</param>
public sealed record SendContent(
    string? Body, string? ContentSid, string? TemplateValues, long? MediaId, string? MediaSourceUrl, string? MediaStoragePath, int MediaCount, string CustomerPhone,
    int NumberId, string Number, DateTimeOffset? NumberRetiredAt,
    Guid AccountId, string AccountSid, string ProtectedAuthToken, DateTimeOffset? AccountDeletedAt,
    string? RichContent = null);

/// <summary>
/// Every database write of the outbound side, with group commit: new outbound messages, the dispatcher's claims and
/// send outcomes, and Twilio's status callbacks are handed to one writer, which runs everything waiting in a single
/// transaction and answers each caller only after the commit. So a status callback is answered 200 only once it is
/// stored, a claim is only used once it is committed, and the database sees one transaction per batch instead of
/// several per message (SQLite has a single writer, and every commit costs). A batch that fails is written again
/// one item at a time, so one bad item does not fail its neighbours.
/// </summary>
public sealed class OutboxStore : BackgroundService
{
    public const int MaxBatch = GroupCommitQueue<object>.MaxBatch;

    private readonly IDbContextFactory<OmniDbContext> dbFactory;
    private readonly IConversationEvents events;
    private readonly OutboxSignal signal;
    private readonly InFlightCutoff cutoff;
    private readonly TimeProvider clock;
    private readonly ILogger<OutboxStore> logger;
    private readonly OutboxWriter writer;

    private readonly GroupCommitQueue<Work> queue = new();

    public OutboxStore(IDbContextFactory<OmniDbContext> dbFactory, IConversationEvents events, OutboxSignal signal,
        InFlightCutoff cutoff, TimeProvider clock, IStringLocalizer<Strings> L, ILogger<OutboxStore> logger)
    {
        (this.dbFactory, this.events, this.signal, this.cutoff, this.clock, this.logger) = (dbFactory, events, signal, cutoff, clock, logger);
        writer = new OutboxWriter(L, logger);
    }

    /// <summary>
    /// Stores a new outbound message (Pending) if its conversation exists, <paramref name="sender"/> (null: the system)
    /// may send in it and, when <paramref name="requireOpenWindow"/>, its 24-hour window is open at the message's time;
    /// completes once committed.
    /// </summary>
    public Task<EnqueueResult> EnqueueAsync(Message message, bool requireOpenWindow, Actor? sender = null, CancellationToken ct = default) =>
        SubmitAsync(Stage.Store, message.ConversationId, (sql, _, _, c) => writer.EnqueueAsync(sql, message, requireOpenWindow, sender, c), ct);

    /// <summary>Claims those of <paramref name="due"/> that are still as read and still due (<see cref="OutboxWriter.ClaimAsync"/>), with what they are sent with.</summary>
    public Task<List<ClaimedMessage>> ClaimAsync(IReadOnlyList<DueMessage> due, CancellationToken ct = default) =>
        due.Count == 0
            ? Task.FromResult(new List<ClaimedMessage>())
            : SubmitAsync(Stage.Claim, 0, (sql, now, _, c) => writer.ClaimAsync(sql, due, now, cutoff.StaleBefore(now), c), ct);

    /// <summary>Stores Twilio's SID (and status) if the claim still holds; false when another dispatcher took the message over.</summary>
    public Task<bool> AcceptAsync(long messageId, DateTimeOffset claim, TwilioMessage accepted, CancellationToken ct = default) =>
        SubmitAsync(Stage.Outcome, messageId, (sql, now, fx, c) => writer.AcceptAsync(sql, messageId, claim, accepted, now, fx, c), ct);

    /// <summary>
    /// Remembers the Content SID created for a rich message, if the claim still holds, before the message itself is
    /// sent: a retry after a crash or an uncertain send then uses it rather than creating another content.
    /// </summary>
    public Task<bool> RememberContentAsync(long messageId, DateTimeOffset claim, string contentSid, CancellationToken ct = default) =>
        SubmitAsync(Stage.Outcome, messageId, (sql, _, _, c) => writer.RememberContentAsync(sql, messageId, claim, contentSid, c), ct);

    /// <summary>Back to Pending until <paramref name="nextAttemptAt"/>, if the claim still holds.</summary>
    public Task<bool> RetryAsync(long messageId, DateTimeOffset claim, DateTimeOffset nextAttemptAt, DateTimeOffset? keepAttemptStartedAt, CancellationToken ct = default) =>
        SubmitAsync(Stage.Outcome, messageId, (sql, _, _, c) => writer.RetryAsync(sql, messageId, claim, nextAttemptAt, keepAttemptStartedAt, c), ct);

    /// <summary>Failed for good with <paramref name="reason"/>, if the claim still holds.</summary>
    public Task<bool> FailAsync(long messageId, DateTimeOffset claim, int? errorCode, string reason, CancellationToken ct = default) =>
        SubmitAsync(Stage.Outcome, messageId, (sql, now, fx, c) => writer.FailAsync(sql, messageId, claim, errorCode, reason, now, fx, c), ct);

    /// <summary>
    /// Stores a status callback (once per SID and status) and applies it if its message is known and belongs to
    /// <paramref name="accountId"/> (the account whose callback URL was called); completes once committed.
    /// </summary>
    public Task RecordCallbackAsync(Guid accountId, string messageSid, string status, int? errorCode, CancellationToken ct = default) =>
        SubmitAsync(Stage.Callback, 0, async (sql, now, fx, c) =>
        {
            await writer.RecordCallbackAsync(sql, accountId, messageSid, status, errorCode, now, fx, c);
            return true;
        }, ct);

    /// <summary>Applies the stored, not yet applied callbacks of a message, if the message is known.</summary>
    public Task ApplyPendingCallbacksAsync(string messageSid, CancellationToken ct = default) =>
        SubmitAsync(Stage.Callback, 0, (_, _, fx, _) =>
        {
            fx.PendingSids.Add(messageSid);
            return Task.FromResult(true);
        }, ct);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Callers still waiting at shutdown get an error: a status callback is retried by Twilio, a send stays as the database has it.
        queue.RunAsync(WriteAsync, (work, ct) => work.Cancel(ct), stoppingToken);

    /// <summary>
    /// Queues a write; within its stage a batch runs writes by <paramref name="rowKey"/> (the conversation or message it
    /// changes first), so two instances' batches take their row locks in the same order on PostgreSQL rather than
    /// deadlocking. The sort is stable: writes with one key keep the order they came in.
    /// </summary>
    private async Task<T> SubmitAsync<T>(Stage stage, long rowKey, Func<Sql, DateTimeOffset, BatchEffects, CancellationToken, Task<T>> run, CancellationToken ct)
    {
        var work = new Work<T>(stage, rowKey, run);
        await queue.QueueAsync(work, ct);
        return await work.Done.Task.WaitAsync(ct);
    }

    private async Task WriteAsync(List<Work> batch)
    {
        try
        {
            await WriteBatchAsync(batch);
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            logger.LogWarning(ex, "A batch of {Count} outbox writes failed; writing them one by one", batch.Count);
            foreach (var work in batch)
            {
                try
                {
                    await WriteBatchAsync([work]);
                }
                catch (Exception single)
                {
                    logger.LogError(single, "An outbox write ({Stage}) failed", work.Stage);
                    work.Fail(single);
                }
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "An outbox write ({Stage}) failed", batch[0].Stage);
            batch[0].Fail(ex);
        }
    }

    /// <summary>Runs the batch in one transaction (new messages, claims, outcomes, then callbacks), then answers and publishes.</summary>
    private async Task WriteBatchAsync(IReadOnlyList<Work> batch)
    {
        var effects = new BatchEffects();
        var (connection, sql) = await Connection.OpenAsync();
        var now = clock.GetUtcNow();
        try
        {
            await using var transaction = await connection.BeginTransactionAsync();
            sql.Use(transaction);
            // Outcomes before callbacks: a callback in the same batch as its message's SID finds the SID.
            foreach (var work in batch.OrderBy(w => w.Stage).ThenBy(w => w.RowKey)) await work.RunAsync(sql, now, effects, CancellationToken.None);
            await writer.ApplyPendingAsync(sql, now, effects, CancellationToken.None);
            await writer.ExpirePendingAsync(sql, now, CancellationToken.None);
            await transaction.CommitAsync();
        }
        catch
        {
            // A fresh connection for what comes next, in case this one is the problem.
            await Connection.DropAsync();
            throw;
        }
        finally
        {
            sql.Use(null);
        }

        foreach (var work in batch) work.Complete();
        foreach (var e in effects.Events) events.Publish(e);
        foreach (var due in effects.Due) signal.Offer(due);
        await RecheckAsync(sql, effects);
    }

    private KeptConnection? kept;

    /// <summary>The writer's own connection, kept open across batches.</summary>
    private KeptConnection Connection => kept ??= new KeptConnection(dbFactory, logger, "outbox writer");

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Connection.DropAsync();
    }

    /// <summary>
    /// A callback for a SID not known yet and the SID itself can be committed at the same time by two instances, each
    /// transaction missing the other's (PostgreSQL reads what was committed when each statement started). Once this
    /// batch is committed, whichever of the two committed last sees both here, and applies the callbacks.
    /// </summary>
    private async Task RecheckAsync(Sql sql, BatchEffects effects)
    {
        if (effects.Recheck.Count == 0) return;
        var sids = effects.Recheck.ToList();
        var found = new List<string>();
        try
        {
            found = await sql.ListAsync(
                """
                SELECT DISTINCT s."MessageSid" FROM "StatusCallbacks" AS s JOIN "Messages" AS m ON m."TwilioSid" = s."MessageSid"
                WHERE s."Applied" = @applied AND s."MessageSid" IN (@sids)
                """, new { applied = false, sids }, r => r.GetString(0), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The next callback of the message applies whatever is still pending.
            logger.LogWarning(ex, "Checking for status callbacks left unapplied failed");
            await Connection.DropAsync();
            return;
        }
        foreach (var sid in found)
        {
            _ = ApplyPendingCallbacksAsync(sid).ContinueWith(t => logger.LogWarning(t.Exception, "Applying the pending status callbacks of {MessageSid} failed", sid),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <summary>The order in which a batch runs its items.</summary>
    private enum Stage
    {
        Store = 0,
        Claim = 1,
        Outcome = 2,
        Callback = 3,
    }

    private abstract class Work(Stage stage, long rowKey)
    {
        public Stage Stage { get; } = stage;
        public long RowKey { get; } = rowKey;
        public abstract Task RunAsync(Sql sql, DateTimeOffset now, BatchEffects effects, CancellationToken ct);
        public abstract void Complete();
        public abstract void Fail(Exception ex);
        public abstract void Cancel(CancellationToken ct);
    }

    private sealed class Work<T>(Stage stage, long rowKey, Func<Sql, DateTimeOffset, BatchEffects, CancellationToken, Task<T>> run) : Work(stage, rowKey)
    {
        private T result = default!;

        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task RunAsync(Sql sql, DateTimeOffset now, BatchEffects effects, CancellationToken ct) =>
            result = await run(sql, now, effects, ct);

        public override void Complete() => Done.TrySetResult(result);

        public override void Fail(Exception ex) => Done.TrySetException(ex);

        public override void Cancel(CancellationToken ct) => Done.TrySetCanceled(ct);
    }
}
