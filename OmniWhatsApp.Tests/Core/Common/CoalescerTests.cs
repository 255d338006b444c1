using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Common;

public sealed class CoalescerTests
{
    [Fact]
    public async Task A_burst_of_triggers_runs_the_action_once_and_a_trigger_during_a_run_runs_it_once_more()
    {
        var runs = 0;
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        using var coalescer = new Coalescer(async _ =>
        {
            if (Interlocked.Increment(ref runs) == 1)
            {
                started.SetResult();
                await release.Task;
            }
        }, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(40));

        for (var i = 0; i < 100; i++) coalescer.Trigger();
        await started.Task;
        for (var i = 0; i < 100; i++) coalescer.Trigger();
        release.SetResult();

        await Eventually.Get(() => Volatile.Read(ref runs), n => n == 2, what: "the second run");
        await Task.Delay(200);
        Assert.Equal(2, Volatile.Read(ref runs));
    }

    [Fact]
    public async Task A_failing_run_is_reported_and_later_triggers_still_run()
    {
        var failures = new List<Exception>();
        var runs = 0;
        using var coalescer = new Coalescer(_ =>
        {
            if (Interlocked.Increment(ref runs) == 1) throw new InvalidOperationException("boom");
            return Task.CompletedTask;
        }, TimeSpan.Zero, TimeSpan.Zero, ex => { lock (failures) failures.Add(ex); });

        coalescer.Trigger();
        await Eventually.Get(() => Volatile.Read(ref runs), n => n == 1);
        coalescer.Trigger();

        await Eventually.Get(() => Volatile.Read(ref runs), n => n == 2, what: "a run after the failure");
        Assert.Equal("boom", Assert.Single(failures).Message);
    }

    [Fact]
    public async Task Nothing_runs_after_dispose()
    {
        var runs = 0;
        var coalescer = new Coalescer(_ => { Interlocked.Increment(ref runs); return Task.CompletedTask; }, TimeSpan.FromMilliseconds(50), TimeSpan.Zero);
        coalescer.Trigger();
        coalescer.Dispose();
        coalescer.Trigger();

        await Task.Delay(150);
        Assert.Equal(0, Volatile.Read(ref runs));
    }
}
