using System.Diagnostics;

namespace OmniWhatsApp.Core.Outbound;

/// <summary>
/// The hard limit of one sender: no window of N/rate seconds holds more than N requests to Twilio (N = the rate
/// rounded down, at least 1), so no second holds more than the rate. Taken just before each request, so it counts
/// what actually leaves: a request that was held up (by a busy database, say) uses the room its lateness left.
/// </summary>
public sealed class SenderRateLimit
{
    private readonly Lock gate = new();
    private readonly long window;
    private readonly long[] sent;
    private int oldest;

    public SenderRateLimit(double perSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        var capacity = Math.Max(1, (int)Math.Floor(perSecond));
        window = (long)Math.Ceiling(Stopwatch.Frequency * capacity / perSecond);
        sent = new long[capacity];
        Array.Fill(sent, long.MinValue / 2);
    }

    /// <summary>Waits until one more request fits in the window, and counts it.</summary>
    public Task WaitTurnAsync(CancellationToken ct)
    {
        long slot;
        lock (gate)
        {
            slot = Math.Max(Stopwatch.GetTimestamp(), sent[oldest] + window);
            sent[oldest] = slot;
            oldest = (oldest + 1) % sent.Length;
        }
        return SenderPacer.WaitForAsync(slot, TimeSpan.Zero, ct);
    }
}
