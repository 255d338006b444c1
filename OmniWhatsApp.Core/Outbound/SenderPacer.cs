using System.Diagnostics;

namespace OmniWhatsApp.Core.Outbound;

/// <summary>
/// Spaces one sender's sends evenly at its rate: each send takes the next free slot, 1/rate seconds after the
/// previous one, so no second ever holds more than the rate. Measured on the monotonic clock, not on the
/// (replaceable) wall clock.
/// </summary>
public sealed class SenderPacer
{
    private readonly long interval;
    private readonly Lock gate = new();
    private long next;

    public SenderPacer(double perSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        interval = (long)Math.Ceiling(Stopwatch.Frequency / perSecond);
        next = Stopwatch.GetTimestamp();
    }

    /// <summary>Takes the next slot; returns how long to wait for it (zero when it is now).</summary>
    public TimeSpan Reserve()
    {
        lock (gate)
        {
            var now = Stopwatch.GetTimestamp();
            var slot = Math.Max(now, next);
            next = slot + interval;
            return Stopwatch.GetElapsedTime(now, slot);
        }
    }
}
