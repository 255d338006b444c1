using System.Diagnostics;

namespace OmniWhatsApp.Core.Outbound;

/// <summary>
/// The hard limit of one sender: no window of N/rate seconds holds more than N requests to Twilio (N = the rate
/// rounded down, at least 1), so no second holds more than the rate. Taken just before each request, and it counts
/// the moment each request is actually let through (never a planned time, and never early: a timer that fires a
/// little early only makes it look again), so a request that was held up (by a busy machine, say) uses the room its
/// lateness left, never more.
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

    /// <summary>Waits until one more request fits in the window, and counts it as sent now.</summary>
    public async Task WaitTurnAsync(CancellationToken ct)
    {
        while (true)
        {
            long wait;
            lock (gate)
            {
                var now = Stopwatch.GetTimestamp();
                var earliest = sent[oldest] + window;
                if (now >= earliest)
                {
                    sent[oldest] = now;
                    oldest = (oldest + 1) % sent.Length;
                    return;
                }
                wait = earliest - now;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait * 1000.0 / Stopwatch.Frequency)), ct);
        }
    }
}
