using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Scaling;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Core.Outbound;

/// <summary>
/// Sends the outbox. Messages reach it three ways: offered when they are stored or when the previous message of their
/// conversation is done (<see cref="OutboxSignal.Offer"/>), and found by a look at the database every
/// <see cref="OutboxOptions.PollInterval"/> (retries, abandoned attempts, messages stored by another instance, and
/// whatever did not fit in a sender's queue). It queues them per sender number, and each sender's lane claims its next
/// few messages together shortly before their slots and sends them at that sender's rate, while many lanes run in
/// parallel. Within a conversation messages go one at a time and in order: a message is claimed only when no earlier
/// message of its conversation is still waiting or in flight.
/// With several instances only one of them sends, the owner of the outbox (<see cref="IWorkOwnership"/>): the others
/// pass on what is stored through them, so each sender's rate holds in total by construction. Every send still starts
/// with a conditional claim (<see cref="OutboxDelivery"/>). An owner that takes over treats its predecessor's attempts
/// as abandoned once they can no longer be running (<see cref="InFlightCutoff"/>), as a restart does after the lease.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<OmniDbContext> dbFactory,
    OutboxDelivery delivery,
    OutboxSignal signal,
    IWorkOwnership ownership,
    InFlightCutoff cutoff,
    IOptions<TwilioOptions> twilio,
    IOptions<OutboxOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>How long before their slots messages are claimed and prepared (claim, load, token).</summary>
    private static readonly TimeSpan PrepareAhead = TimeSpan.FromMilliseconds(250);

    /// <summary>The most messages one lane claims at once.</summary>
    private const int MaxClaim = 64;

    /// <summary>The name of the work the instances elect an owner for.</summary>
    public const string Work = "outbox";

    /// <summary>
    /// After a takeover, how long a request that the previous owner had already made may still take to show up at
    /// Twilio (it was cancelled or timed out on our side, not necessarily on Twilio's) before it is looked up.
    /// </summary>
    private static readonly TimeSpan TakeoverSettle = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The messages this instance holds (queued, being claimed or sent), each with the offer that came while it was held,
    /// if one did: a message whose claim is refused because the one before it is still going is offered again by that
    /// one's outcome, which can come while the refusal is still on its way back here.
    /// </summary>
    private readonly ConcurrentDictionary<long, DueMessage?> inProcess = new();
    private readonly ConcurrentDictionary<int, Lane> lanes = new();
    private SemaphoreSlim requests = null!;
    private int capacity;
    private int running;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogWarning("The outbox dispatcher is disabled (Outbox:Enabled=false): outbound messages stay pending");
            return;
        }
        requests = new SemaphoreSlim(settings.MaxConcurrentSends);
        capacity = Math.Max(10, (int)Math.Ceiling(settings.MessagesPerSecondPerSender * 2));

        // Callback URLs are built from the server's address, which exists once the server listens.
        if (!await StartedAsync(stoppingToken)) return;
        await ownership.RunAsync(Work, signal, term => SendAsOwnerAsync(term, settings), stoppingToken, ForOwner, FromInstance);
    }

    private async Task SendAsOwnerAsync(OwnerTerm term, OutboxOptions settings)
    {
        var stoppingToken = term.Token;
        lanes.Clear();
        inProcess.Clear();
        // What the previous owner left in flight is looked up and sent again once none of it can still be running.
        switch (term.Takeover)
        {
            case Takeover.Released:
                cutoff.TakeOver(term.Since, term.Since + TakeoverSettle);
                break;
            case Takeover.Expired:
                cutoff.TakeOver(term.Since, term.Since + twilio.Value.Timeout + TakeoverSettle);
                break;
        }
        logger.LogInformation("Outbox dispatcher started: {Rate} messages/s per sender, at most {Concurrency} sends at once",
            settings.MessagesPerSecondPerSender, settings.MaxConcurrentSends);

        var lastLook = (long?)null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var due in signal.TakeOffered()) Offer(due, settings, stoppingToken);
                if (signal.TakeLookRequest() || lastLook is null || Stopwatch.GetElapsedTime(lastLook.Value) >= settings.PollInterval)
                {
                    lastLook = Stopwatch.GetTimestamp();
                    await FillLanesAsync(settings, stoppingToken);
                }
                var untilLook = settings.PollInterval - Stopwatch.GetElapsedTime(lastLook.Value);
                await signal.WaitAsync(untilLook > TimeSpan.Zero ? untilLook : TimeSpan.Zero, stoppingToken);
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
        // reconciled by the next dispatcher once its lease has passed (or, after a takeover, once it cannot be running).
        for (var i = 0; i < 100 && Volatile.Read(ref running) > 0; i++) await Task.Delay(20, CancellationToken.None);
        term.LeftWorkRunning = Volatile.Read(ref running) > 0;
    }

    /// <summary>
    /// On an instance that does not own the outbox: what was offered to it and whether a look was asked for, for the
    /// owner (<see cref="FromInstance"/>): "L" or "", then "|" and id,number,dispatch,attempt-ticks per message.
    /// </summary>
    private string ForOwner()
    {
        var offered = signal.TakeOffered();
        var look = signal.TakeLookRequest();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return (look ? "L|" : "|") + string.Join(';', offered.Select(d =>
            string.Create(inv, $"{d.Id},{d.NumberId},{(int)d.Dispatch},{d.AttemptStartedAt?.UtcTicks}")));
    }

    /// <summary>On the owner: takes in what another instance passed on (<see cref="ForOwner"/>).</summary>
    private void FromInstance(string payload)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var bar = payload.IndexOf('|');
        if (bar < 0) return;
        foreach (var item in payload[(bar + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split(',');
            if (parts.Length != 4 || !long.TryParse(parts[0], inv, out var id) || !int.TryParse(parts[1], inv, out var number)
                || !int.TryParse(parts[2], inv, out var dispatch))
            {
                continue;
            }
            DateTimeOffset? attempt = long.TryParse(parts[3], inv, out var ticks) ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
            signal.Offer(new DueMessage(id, number, (DispatchState)dispatch, attempt));
        }
        if (payload.StartsWith('L')) signal.Notify();
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

    /// <summary>Queues a message in its sender's lane, unless it is queued already or the lane is full (a later look finds it).</summary>
    private void Offer(DueMessage due, OutboxOptions settings, CancellationToken ct)
    {
        var lane = lanes.GetOrAdd(due.NumberId, id => StartLane(id, settings, ct));
        if (!inProcess.TryAdd(due.Id, null))
        {
            inProcess.TryUpdate(due.Id, due, null);
            return;
        }
        if (Volatile.Read(ref lane.Outstanding) >= capacity)
        {
            inProcess.TryRemove(due.Id, out _);
            lane.Overflowed = true;
            return;
        }
        Interlocked.Increment(ref lane.Outstanding);
        lane.Queue.Writer.TryWrite(due);
    }

    /// <summary>Looks for due messages in the database: per sender, as many as its lane has room for.</summary>
    private async Task FillLanesAsync(OutboxOptions settings, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var staleBefore = cutoff.StaleBefore(now);
        var due = db.Messages
            .Where(m => m.Direction == MessageDirection.Outbound)
            .Where(m => (m.Dispatch == DispatchState.Pending && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
                || (m.Dispatch == DispatchState.InFlight && m.AttemptStartedAt < staleBefore))
            .Where(m => !db.Messages.Any(e => e.ConversationId == m.ConversationId && e.Id < m.Id
                && (e.Dispatch == DispatchState.Pending || e.Dispatch == DispatchState.InFlight)));

        foreach (var lane in lanes.Values)
        {
            lane.Overflowed = false;
            Volatile.Write(ref lane.FillAsked, 0);
        }
        var senders = await due.Select(m => m.Conversation!.NumberId).Distinct().ToListAsync(ct);
        foreach (var numberId in senders)
        {
            var lane = lanes.GetOrAdd(numberId, id => StartLane(id, settings, ct));
            var outstanding = Volatile.Read(ref lane.Outstanding);
            var room = capacity - outstanding;
            if (room <= 0)
            {
                lane.Overflowed = true;
                continue;
            }
            // What is already queued comes back too (it is still Pending until claimed), so ask for that much more.
            var take = room + outstanding;
            var rows = await due.Where(m => m.Conversation!.NumberId == numberId)
                .OrderBy(m => m.Id)
                .Select(m => new DueMessage(m.Id, numberId, m.Dispatch, m.AttemptStartedAt))
                .Take(take)
                .ToListAsync(ct);
            lane.Overflowed = rows.Count == take;
            foreach (var row in rows) Offer(row, settings, ct);
        }
    }

    private Lane StartLane(int numberId, OutboxOptions settings, CancellationToken ct)
    {
        var lane = new Lane(settings.MessagesPerSecondPerSender);
        _ = RunLaneAsync(numberId, lane, settings, ct);
        return lane;
    }

    private async Task RunLaneAsync(int numberId, Lane lane, OutboxOptions settings, CancellationToken ct)
    {
        var reader = lane.Queue.Reader;
        var batch = new List<DueMessage>(MaxClaim);
        try
        {
            while (await reader.WaitToReadAsync(ct))
            {
                // Claimed shortly before their slots, so the claim's database work is done when the slots come, while
                // what waits longer stays Pending (a crash leaves it untouched). One claim takes every message whose
                // slot falls within that time.
                var wait = lane.Pacer.UntilNextSlot() - PrepareAhead;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
                var room = Math.Min(MaxClaim, lane.Pacer.SlotsWithin(PrepareAhead));
                batch.Clear();
                while (batch.Count < room && reader.TryRead(out var due)) batch.Add(due);

                IReadOnlyList<PreparedSend> prepared;
                // Counted as running and not cancelled: a claim that commits after this owner stopped would look like
                // work still running to the next owner, so the owner lets go only once its claims are settled.
                Interlocked.Increment(ref running);
                try
                {
                    prepared = await delivery.PrepareAsync(batch, CancellationToken.None);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    // Whatever was claimed stays InFlight and is reconciled after its lease; the rest is found again.
                    logger.LogError(ex, "Preparing {Count} message(s) of number {NumberId} failed", batch.Count, numberId);
                    foreach (var due in batch) Release(lane, due.Id);
                    await Task.Delay(settings.PollInterval, ct);
                    continue;
                }
                finally
                {
                    Interlocked.Decrement(ref running);
                }
                // Stopped while claiming: what was claimed stays InFlight for the next owner (or the restart) to reconcile.
                ct.ThrowIfCancellationRequested();

                var sending = prepared.Select(p => p.Id).ToHashSet();
                // Not claimed (taken by another instance, or an earlier message of its conversation is still going) or
                // failed at once: done with here; a look at the database finds it again when it is due.
                foreach (var due in batch) if (!sending.Contains(due.Id)) Release(lane, due.Id, retryIfOfferedAgain: true);
                foreach (var send in prepared)
                {
                    var slot = lane.Pacer.ReserveSlot();
                    Interlocked.Increment(ref running);
                    _ = SendAsync(send, slot, lane, ct);
                }
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

    private async Task SendAsync(PreparedSend send, long slot, Lane lane, CancellationToken ct)
    {
        try
        {
            await delivery.SendAsync(send, slot, lane.Limit, requests, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Left InFlight on purpose: whether Twilio got it is unknown, so the next dispatcher reconciles it.
        }
        catch (Exception ex)
        {
            // Left as it is (InFlight if the claim succeeded): reconciled after the lease, never sent blindly twice.
            logger.LogError(ex, "Sending message {MessageId} failed unexpectedly", send.Id);
        }
        finally
        {
            Interlocked.Decrement(ref running);
            Release(lane, send.Id);
        }
    }

    /// <summary>
    /// Done with a message here (unless it was not claimed and has been offered again meanwhile: then it goes back in
    /// the lane's queue); a lane that had to turn messages away asks for a look once it is half empty.
    /// </summary>
    private void Release(Lane lane, long id, bool retryIfOfferedAgain = false)
    {
        if (!retryIfOfferedAgain) inProcess.TryRemove(id, out _);
        // Removed only while no offer came; an offer that came puts the message back (atomically, so none is lost).
        else while (!inProcess.TryRemove(KeyValuePair.Create(id, (DueMessage?)null)) && inProcess.TryGetValue(id, out var again))
        {
            if (again is null || !inProcess.TryUpdate(id, null, again)) continue;
            lane.Queue.Writer.TryWrite(again);
            return;
        }
        var left = Interlocked.Decrement(ref lane.Outstanding);
        if (lane.Overflowed && left < capacity / 2 && Interlocked.Exchange(ref lane.FillAsked, 1) == 0) signal.Notify();
    }

    /// <summary>One sender's queue, the pacer that spreads its sends and the limit that caps them.</summary>
    private sealed class Lane(double perSecond)
    {
        public readonly Channel<DueMessage> Queue = Channel.CreateUnbounded<DueMessage>(new UnboundedChannelOptions { SingleReader = true });
        public readonly SenderPacer Pacer = new(perSecond);
        public readonly SenderRateLimit Limit = new(perSecond);
        public int Outstanding;
        public volatile bool Overflowed;
        public int FillAsked;
    }
}
