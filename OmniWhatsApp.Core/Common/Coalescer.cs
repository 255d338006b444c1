using System.Diagnostics;

namespace OmniWhatsApp.Core.Common;

/// <summary>
/// Runs an action once for a burst of triggers: the first trigger waits <c>delay</c> for the rest of the burst, then
/// runs the action; triggers that arrive while it waits or runs fold into one more run, which starts no sooner than
/// <c>minInterval</c> after the previous one began. So a live screen re-reads its data a few times a second at
/// most, however many events arrive. One run at a time; the action's failures go to <c>failed</c>.
/// </summary>
/// <remarks>The waits are real time, not the app's <see cref="TimeProvider"/>: they pace work, they do not measure the domain.</remarks>
public sealed class Coalescer(Func<CancellationToken, Task> action, TimeSpan delay, TimeSpan minInterval, Action<Exception>? failed = null) : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private int requested;
    private int running;

    /// <summary>Asks for a run; returns at once.</summary>
    public void Trigger()
    {
        if (stop.IsCancellationRequested) return;
        Volatile.Write(ref requested, 1);
        if (Interlocked.CompareExchange(ref running, 1, 0) == 0) _ = LoopAsync();
    }

    private async Task LoopAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(delay, stop.Token);
                Volatile.Write(ref requested, 0);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await action(stop.Token);
                }
                catch (Exception ex) when (!stop.IsCancellationRequested)
                {
                    failed?.Invoke(ex);
                }
                if (Volatile.Read(ref requested) == 1)
                {
                    var rest = minInterval - delay - Stopwatch.GetElapsedTime(started);
                    if (rest > TimeSpan.Zero) await Task.Delay(rest, stop.Token);
                    continue;
                }
                Volatile.Write(ref running, 0);
                // A trigger between the check and the reset found the loop still running and left: take it up.
                if (Volatile.Read(ref requested) == 0 || Interlocked.CompareExchange(ref running, 1, 0) != 0) return;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops: no further runs start (one under way sees its token cancelled).</summary>
    public void Dispose() => stop.Cancel();
}
