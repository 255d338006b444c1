using System.Diagnostics;
using OmniWhatsApp.Core.Outbound;

namespace OmniWhatsApp.Tests.Core.Outbound;

/// <summary>
/// The hard per-sender limit counts the moment each request is let through, and never lets one through early. A
/// test sees a release a little after it happens (its thread may be preempted), so it checks what that cannot blur:
/// the (N+1)th request never comes back earlier than a second after the first was asked for.
/// </summary>
public sealed class SenderRateLimitTests
{
    private const int Rate = 20;

    [Fact]
    public async Task One_caller_after_another_never_gets_more_than_the_rate_into_a_second()
    {
        var limit = new SenderRateLimit(Rate);
        var asked = new List<long>();
        var released = new List<long>();

        for (var i = 0; i < 3 * Rate; i++)
        {
            asked.Add(Stopwatch.GetTimestamp());
            await limit.WaitTurnAsync(CancellationToken.None);
            released.Add(Stopwatch.GetTimestamp());
        }

        for (var i = 0; i + Rate < released.Count; i++)
        {
            var span = Stopwatch.GetElapsedTime(asked[i], released[i + Rate]);
            Assert.True(span >= TimeSpan.FromSeconds(1), $"request {i + Rate} let through {span.TotalMilliseconds:0} ms after request {i} was asked for");
        }
        // The first second's worth goes at once.
        Assert.True(Stopwatch.GetElapsedTime(asked[0], released[Rate - 1]) < TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task Many_waiting_at_once_are_let_through_a_second_apart_per_rate()
    {
        var limit = new SenderRateLimit(Rate);
        var released = new List<long>();
        var start = Stopwatch.GetTimestamp();

        await Task.WhenAll(Enumerable.Range(0, 3 * Rate).Select(async _ =>
        {
            await limit.WaitTurnAsync(CancellationToken.None);
            var at = Stopwatch.GetTimestamp();
            lock (released) released.Add(at);
        }));

        released.Sort();
        Assert.True(Stopwatch.GetElapsedTime(start, released[Rate]) >= TimeSpan.FromSeconds(1));
        Assert.True(Stopwatch.GetElapsedTime(start, released[2 * Rate]) >= TimeSpan.FromSeconds(2));
    }
}
