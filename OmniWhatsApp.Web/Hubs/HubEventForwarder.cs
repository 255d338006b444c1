using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Scaling;

namespace OmniWhatsApp.Web.Hubs;

/// <summary>
/// Sends the live events to the hub connections allowed to see them, once each, in the order this instance got them,
/// a few milliseconds' worth at a time (decision 0015): the events published within <see cref="HubEventOptions.BatchWindow"/>
/// of the first go out together, one frame per connection (<see cref="LiveEventBatchProtocol"/>), and a message's status
/// changes in one batch are merged into its latest (<see cref="LiveEventBatch.Merge"/>). One group send reaches everyone
/// who sees everything; the agents get the part of the batch they may see, those who may see the same part in one send.
/// A send is not awaited before the next batch goes out: a slow client holds up only its own connection, whose writes
/// SignalR queues in order.
/// <para>
/// With several instances every instance gets every event (the bus carries them through Redis), and each one sends
/// to its own connections only, one by one: a connection lives on one instance, so it gets the event once. A group
/// send would go through the Redis backplane to every instance, and each of the N forwarders would repeat it.
/// </para>
/// </summary>
public sealed class HubEventForwarder(
    IConversationEvents events,
    IHubContext<ConversationHub> hub,
    HubAudience audience,
    IOptions<RedisOptions> redis,
    IOptions<HubEventOptions> options,
    ILogger<HubEventForwarder> logger) : IHostedService
{
    /// <summary>Most events in one frame; a longer backlog goes out in several, one after the other.</summary>
    internal const int MaxBatch = 256;

    private readonly bool backplane = redis.Value.Enabled;
    private readonly TimeSpan window = options.Value.BatchWindow;
    private readonly Channel<LiveEvent> queue = Channel.CreateUnbounded<LiveEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stop = new();
    private IDisposable? subscription;
    private Task? loop;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = events.SubscribeInOrder(e => queue.Writer.TryWrite(e));
        loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        queue.Writer.TryComplete();
        await stop.CancelAsync();
        if (loop is not null) await loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RunAsync()
    {
        var batch = new List<LiveEvent>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stop.Token))
            {
                // Let the rest of the burst arrive: one frame for all of it instead of one per event.
                if (window > TimeSpan.Zero) await Task.Delay(window, stop.Token);
                do
                {
                    batch.Clear();
                    while (batch.Count < MaxBatch && queue.Reader.TryRead(out var e)) batch.Add(e);
                    try
                    {
                        Forward(LiveEventBatch.Merge(batch));
                    }
                    catch (Exception ex)
                    {
                        logger.LogWarning(ex, "Forwarding {Count} live events to hub clients failed", batch.Count);
                    }
                }
                while (batch.Count == MaxBatch);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends the batch; events that change who sees what apply between the parts before and after them.</summary>
    private void Forward(IReadOnlyList<LiveEvent> batch)
    {
        var part = new List<LiveEvent>(batch.Count);
        foreach (var e in batch)
        {
            if (e is UserAccessChanged access)
            {
                Send(part);
                part = [];
                var closed = audience.Disconnect(access.UserId);
                if (closed > 0) logger.LogInformation("Closed {Count} hub connection(s) of user {UserId} after a role change or lock", closed, access.UserId);
                continue;
            }
            if (e is QueueMembershipChanged membership)
            {
                Send(part);
                part = [];
                audience.SetQueues(membership.UserId, membership.QueueIds.ToHashSet());
            }
            part.Add(e);
        }
        Send(part);
    }

    /// <param name="part">Not changed after this call: a send to a busy connection serialises it later.</param>
    private void Send(List<LiveEvent> part)
    {
        if (part.Count == 0 || audience.Count == 0) return;
        var everything = LiveEventBatchProtocol.Arguments(part);
        if (backplane)
        {
            // Clients.Client of a connection on this instance writes to it directly (no Redis round trip).
            foreach (var id in audience.EveryoneConnections()) Observe(hub.Clients.Client(id).SendCoreAsync(LiveEventBatchProtocol.Target, everything));
        }
        else if (audience.EveryoneCount > 0)
        {
            Observe(hub.Clients.Group(HubAudience.EveryoneGroup).SendCoreAsync(LiveEventBatchProtocol.Target, everything));
        }
        foreach (var (connections, seen) in audience.AgentConnectionsFor(part))
        {
            var arguments = LiveEventBatchProtocol.Arguments(seen);
            if (backplane)
            {
                foreach (var id in connections) Observe(hub.Clients.Client(id).SendCoreAsync(LiveEventBatchProtocol.Target, arguments));
            }
            else
            {
                Observe(hub.Clients.Clients(connections).SendCoreAsync(LiveEventBatchProtocol.Target, arguments));
            }
        }
    }

    private void Observe(Task send)
    {
        if (send.IsCompletedSuccessfully) return;
        _ = send.ContinueWith(t => logger.LogWarning(t.Exception, "Sending live events to hub clients failed"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}

/// <summary>How the hub forwards live events, bound from "Hub".</summary>
public sealed class HubEventOptions
{
    public const string Section = "Hub";

    /// <summary>
    /// How long the forwarder gathers events after the first of a burst before sending them as one frame per connection.
    /// Zero sends what has arrived at once (still one frame for events that queued meanwhile).
    /// </summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(5);
}

/// <summary>What the forwarder does to a batch before sending it.</summary>
public static class LiveEventBatch
{
    /// <summary>
    /// The batch without the status changes that a later one of the same message in the same batch supersedes (a
    /// status only moves forward, and clients show the latest): "sent" and "delivered" arriving together become
    /// "delivered". Everything else stays, in its order, so each conversation's events keep theirs.
    /// </summary>
    public static IReadOnlyList<LiveEvent> Merge(IReadOnlyList<LiveEvent> batch)
    {
        HashSet<long>? later = null;
        List<LiveEvent>? kept = null;
        for (var i = batch.Count - 1; i >= 0; i--)
        {
            if (batch[i] is MessageStatusChanged status && !(later ??= []).Add(status.MessageId))
            {
                kept ??= batch.Skip(i + 1).Reverse().ToList();
                continue;
            }
            kept?.Add(batch[i]);
        }
        if (kept is null) return batch;
        kept.Reverse();
        return kept;
    }
}
