using System.Threading.Channels;

namespace OmniWhatsApp.Core.Common;

/// <summary>
/// The queue of a group-committing writer: callers queue their work and wait; the writer's loop (<see cref="RunAsync"/>)
/// takes up to <see cref="MaxBatch"/> items at a time and hands them to one write that commits them in one
/// transaction and answers each caller after the commit. SQLite has one writer at a time, so one transaction of many
/// rows beats many transactions of one row. Work still queued at shutdown is cancelled.
/// </summary>
public sealed class GroupCommitQueue<TWork>
{
    public const int MaxBatch = 256;

    private readonly Channel<TWork> queue = Channel.CreateBounded<TWork>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Queues <paramref name="work"/>; waits while the queue is full.</summary>
    public ValueTask QueueAsync(TWork work, CancellationToken ct) => queue.Writer.WriteAsync(work, ct);

    /// <summary>
    /// The writer's loop, until <paramref name="stoppingToken"/>: <paramref name="write"/> commits a batch and completes
    /// each item's caller (it must not throw); <paramref name="cancel"/> tells the caller of an item still queued at
    /// shutdown that it was not written.
    /// </summary>
    public async Task RunAsync(Func<List<TWork>, Task> write, Action<TWork, CancellationToken> cancel, CancellationToken stoppingToken)
    {
        var batch = new List<TWork>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var work)) batch.Add(work);
                await write(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        while (queue.Reader.TryRead(out var left)) cancel(left, stoppingToken);
    }
}
