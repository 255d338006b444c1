using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;

namespace OmniWhatsApp.Core.Outbound;

/// <summary>
/// Sends the outbox. It looks for due messages (new ones wake it at once; retries and abandoned attempts are
/// found by polling), queues them per sender number, and each sender's lane sends at that sender's rate while
/// many lanes run in parallel. Within a conversation messages go one at a time and in order: a message is due
/// only when no earlier message of its conversation is still waiting or in flight.
/// Safe with several instances: every send starts with a conditional claim (<see cref="OutboxDelivery"/>); the
/// rate is kept per instance.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<OmniDbContext> dbFactory,
    OutboxDelivery delivery,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>How long before its slot a message is claimed and prepared (claim, load, token).</summary>
    private static readonly TimeSpan PrepareAhead = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<long, byte> inProcess = new();
    private readonly ConcurrentDictionary<int, Lane> lanes = new();
    private SemaphoreSlim concurrency = null!;
    private int running;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogWarning("The outbox dispatcher is disabled (Outbox:Enabled=false): outbound messages stay pending");
            return;
        }
        concurrency = new SemaphoreSlim(settings.MaxConcurrentSends);

        // Callback URLs are built from the server's address, which exists once the server listens.
        if (!await StartedAsync(stoppingToken)) return;
        logger.LogInformation("Outbox dispatcher started: {Rate} messages/s per sender, at most {Concurrency} sends at once",
            settings.MessagesPerSecondPerSender, settings.MaxConcurrentSends);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FillLanesAsync(settings, stoppingToken);
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The outbox dispatcher failed to read due messages; trying again");
                try { await Task.Delay(settings.PollInterval, stoppingToken); } catch (OperationCanceledException) { break; }
            }
        }

        // Sends in progress were cancelled with the token; give them a moment to notice. Anything left in flight is
        // reconciled by the next dispatcher once its lease has passed.
        for (var i = 0; i < 100 && Volatile.Read(ref running) > 0; i++) await Task.Delay(20, CancellationToken.None);
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task FillLanesAsync(OutboxOptions settings, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var staleBefore = now - settings.InFlightLease;
        var due = db.Messages
            .Where(m => m.Direction == MessageDirection.Outbound)
            .Where(m => (m.Dispatch == DispatchState.Pending && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
                || (m.Dispatch == DispatchState.InFlight && m.AttemptStartedAt < staleBefore))
            .Where(m => !db.Messages.Any(e => e.ConversationId == m.ConversationId && e.Id < m.Id
                && (e.Dispatch == DispatchState.Pending || e.Dispatch == DispatchState.InFlight)));

        var senders = await due.Select(m => m.Conversation!.NumberId).Distinct().ToListAsync(ct);
        var capacity = LaneCapacity(settings);
        foreach (var numberId in senders)
        {
            var lane = lanes.GetOrAdd(numberId, id => StartLane(id, settings, ct));
            var room = capacity - Volatile.Read(ref lane.Outstanding);
            if (room <= 0) continue;
            var rows = await due.Where(m => m.Conversation!.NumberId == numberId)
                .OrderBy(m => m.Id)
                .Select(m => new DueMessage(m.Id, numberId, m.Dispatch, m.AttemptStartedAt))
                .Take(room + Volatile.Read(ref lane.Outstanding))
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                if (room == 0) break;
                if (!inProcess.TryAdd(row.Id, 0)) continue;
                Interlocked.Increment(ref lane.Outstanding);
                lane.Queue.Writer.TryWrite(row);
                room--;
            }
        }
    }

    private static int LaneCapacity(OutboxOptions settings) => Math.Max(10, (int)Math.Ceiling(settings.MessagesPerSecondPerSender * 2));

    private Lane StartLane(int numberId, OutboxOptions settings, CancellationToken ct)
    {
        var lane = new Lane(settings.MessagesPerSecondPerSender);
        _ = RunLaneAsync(numberId, lane, ct);
        return lane;
    }

    private async Task RunLaneAsync(int numberId, Lane lane, CancellationToken ct)
    {
        try
        {
            await foreach (var due in lane.Queue.Reader.ReadAllAsync(ct))
            {
                // Claimed shortly before its slot, so the claim's database work is done when the slot comes, while
                // what waits longer stays Pending (a crash leaves it untouched).
                var slot = lane.Pacer.ReserveSlot();
                await SenderPacer.WaitForAsync(slot, PrepareAhead, ct);
                await concurrency.WaitAsync(ct);
                Interlocked.Increment(ref running);
                _ = SendAsync(due, slot, lane, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: what is still queued stays Pending in the database.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The outbox lane of number {NumberId} stopped", numberId);
            lanes.TryRemove(numberId, out _);
        }
    }

    private async Task SendAsync(DueMessage due, long slot, Lane lane, CancellationToken ct)
    {
        try
        {
            await delivery.DeliverAsync(due, slot, lane.Limit, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Left InFlight on purpose: whether Twilio got it is unknown, so the next dispatcher reconciles it.
        }
        catch (Exception ex)
        {
            // Left as it is (InFlight if the claim succeeded): reconciled after the lease, never sent blindly twice.
            logger.LogError(ex, "Sending message {MessageId} failed unexpectedly", due.Id);
        }
        finally
        {
            concurrency.Release();
            Interlocked.Decrement(ref running);
            Interlocked.Decrement(ref lane.Outstanding);
            inProcess.TryRemove(due.Id, out _);
            // The conversation's next message may be due now.
            signal.Notify();
        }
    }

    /// <summary>One sender's queue, the pacer that spreads its sends and the limit that caps them.</summary>
    private sealed class Lane(double perSecond)
    {
        public readonly Channel<DueMessage> Queue = Channel.CreateUnbounded<DueMessage>(new UnboundedChannelOptions { SingleReader = true });
        public readonly SenderPacer Pacer = new(perSecond);
        public readonly SenderRateLimit Limit = new(perSecond);
        public int Outstanding;
    }
}
