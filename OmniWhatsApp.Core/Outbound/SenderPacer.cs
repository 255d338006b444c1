using System.Diagnostics;

namespace OmniWhatsApp.Core.Outbound;

/// <summary>
/// Gives one sender's sends evenly spaced slots, 1/rate seconds apart. Slots are handed out in advance and do not
/// move, so a send that runs late never pushes the next ones back; <see cref="SenderRateLimit"/> keeps the late
/// one from crowding them. Measured on the monotonic clock, not on the (replaceable) wall clock.
/// </summary>
public sealed class SenderPacer
{
    private readonly Lock gate = new();
    private readonly long interval;
    private long next;

    public SenderPacer(double perSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        interval = (long)Math.Ceiling(Stopwatch.Frequency / perSecond);
        next = Stopwatch.GetTimestamp();
    }

    /// <summary>The next free slot, as a <see cref="Stopwatch"/> timestamp (now, when the sender has been idle).</summary>
    public long ReserveSlot()
    {
        lock (gate)
        {
            var slot = Math.Max(Stopwatch.GetTimestamp(), next);
            next = slot + interval;
            return slot;
        }
    }

    /// <summary>Waits until <paramref name="slot"/> (less <paramref name="early"/>); returns at once when it has passed.</summary>
    public static Task WaitForAsync(long slot, TimeSpan early, CancellationToken ct)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), slot) - early;
        return wait > TimeSpan.Zero ? Task.Delay(wait, ct) : Task.CompletedTask;
    }
}
