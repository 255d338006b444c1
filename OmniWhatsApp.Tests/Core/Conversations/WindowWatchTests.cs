using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Conversations;

/// <summary>A host whose window watch looks every 50 ms at most, so that moving the test's clock is noticed at once.</summary>
public sealed class WindowWatchHost : ClockHost
{
    protected override void Configure(AppHostOptions options) => options.With("WindowWatch:MaxWait", "00:00:00.050");
}

/// <summary>Everyone hears when a 24-hour window runs out, without asking (the clock is the test's).</summary>
[Trait("Storage", "Both")]
public sealed class WindowWatchTests(WindowWatchHost host) : IClassFixture<WindowWatchHost>
{
    private AppHost App => host.App;

    [Fact]
    public async Task WindowClosed_is_announced_once_when_the_24_hours_run_out_and_not_a_tick_before()
    {
        var channel = await App.CreateChannelAsync();
        var conversation = await App.OpenConversationAsync(channel);
        var endsAt = (await App.ConversationAsync(conversation.Id)).WindowEndsAt!.Value;
        using var _ = Listen(conversation.Id, out var heard);

        host.Clock.Set(endsAt - TimeSpan.FromTicks(1));
        await Task.Delay(400);
        Assert.Empty(heard);

        host.Clock.Set(endsAt);
        var closed = await Eventually.GetAsync(() => Task.FromResult(heard.ToList()), h => h.Count > 0, what: "WindowClosed");
        Assert.Equal(endsAt, Assert.Single(closed).At);

        await Task.Delay(400);
        Assert.Single(heard);
    }

    [Fact]
    public async Task A_window_that_the_customer_reopened_or_a_closed_conversation_is_not_announced()
    {
        var channel = await App.CreateChannelAsync();
        var reopened = await App.OpenConversationAsync(channel);
        var resolved = await App.OpenConversationAsync(channel);
        var start = host.Clock.Now;
        await using (var db = await App.CreateDbContextAsync())
        {
            // The customer wrote again an hour later; the other conversation was resolved.
            await db.Conversations.Where(c => c.Id == reopened.Id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.LastInboundAt, start + TimeSpan.FromHours(1))
                .SetProperty(c => c.WindowEndsAt, start + TimeSpan.FromHours(25)));
            await db.Conversations.Where(c => c.Id == resolved.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ConversationStatus.Closed));
        }
        using var a = Listen(reopened.Id, out var heardReopened);
        using var b = Listen(resolved.Id, out var heardResolved);

        host.Clock.Set(start + TimeSpan.FromHours(24));
        await Task.Delay(400);
        Assert.Empty(heardReopened);
        Assert.Empty(heardResolved);

        host.Clock.Set(start + TimeSpan.FromHours(25));
        await Eventually.GetAsync(() => Task.FromResult(heardReopened.Count), n => n == 1, what: "WindowClosed of the reopened window");
        Assert.Empty(heardResolved);
    }

    private IDisposable Listen(int conversationId, out ConcurrentQueue<WindowClosed> heard)
    {
        var queue = heard = new ConcurrentQueue<WindowClosed>();
        return App.GetRequiredService<IConversationEvents>().Subscribe(e =>
        {
            if (e is WindowClosed closed && closed.ConversationId == conversationId) queue.Enqueue(closed);
            return Task.CompletedTask;
        });
    }
}
