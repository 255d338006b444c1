using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace OmniWhatsApp.Core.Common;

/// <summary>
/// One writer that commits everything waiting in its queue in one transaction (group commit): callers queue their
/// work and wait; the worker takes up to <see cref="MaxBatch"/> items at a time and hands them to
/// <see cref="WriteAsync"/>, which answers each caller after the commit. SQLite has one writer at a time, so one
/// transaction of many rows beats many transactions of one row. At shutdown, work still queued is cancelled.
/// </summary>
public abstract class GroupCommitWorker<TWork> : BackgroundService where TWork : class
{
    public const int MaxBatch = 256;

    private readonly Channel<TWork> queue = Channel.CreateBounded<TWork>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Queues <paramref name="work"/>; waits while the queue is full.</summary>
    protected ValueTask QueueAsync(TWork work, CancellationToken ct) => queue.Writer.WriteAsync(work, ct);

    /// <summary>Commits a batch and completes each item's caller; must not throw.</summary>
    protected abstract Task WriteAsync(List<TWork> batch);

    /// <summary>Tells the caller of an item that was still queued at shutdown that it was not written.</summary>
    protected abstract void Cancel(TWork work, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<TWork>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var work)) batch.Add(work);
                await WriteAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        while (queue.Reader.TryRead(out var left)) Cancel(left, stoppingToken);
    }
}
