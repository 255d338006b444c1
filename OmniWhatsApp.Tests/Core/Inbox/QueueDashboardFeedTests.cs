using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Inbox;

/// <summary>One dashboard reading shared by every supervisor watching, refreshed once per burst of events.</summary>
[Trait("Storage", "Both")]
[Collection(AppCollection.Name)]
public sealed class QueueDashboardFeedTests(AppHost app)
{
    private QueueDashboardFeed Feed => app.GetRequiredService<QueueDashboardFeed>();

    [Fact]
    public async Task Watchers_get_a_new_reading_when_a_customer_writes_and_a_burst_of_events_costs_one_reading()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var supervisor = await app.SupervisorAsync();
        var readings = new List<QueueDashboard>();
        var other = new List<QueueDashboard>();
        using var first = Feed.Watch(supervisor, d => { lock (readings) readings.Add(d); return Task.CompletedTask; }).Value!;
        using var second = Feed.Watch(supervisor, d => { lock (other) other.Add(d); return Task.CompletedTask; }).Value!;
        await Eventually.Get(() => Count(readings), n => n >= 1, what: "the first reading");

        await channel.OpenConversationAsync();

        var seen = await Eventually.Get(() => Latest(readings).LastOrDefault(), d => d is not null && d.Queues.Any(q => q.QueueId == channel.QueueId && q.Waiting == 1),
            what: "the new waiting conversation");
        // Both watchers got the same reading: one query for both.
        await Eventually.Get(() => Latest(other), l => l.Any(d => ReferenceEquals(d, seen)), what: "the other watcher's copy");

        // 200 events at once cost a reading or two (the pace allows one per MinInterval), not 200.
        var before = Count(readings);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var events = app.GetRequiredService<IConversationEvents>();
        for (var i = 0; i < 200; i++) events.Publish(new AgentSettingsChanged("nobody", DateTimeOffset.UtcNow));
        await Eventually.Get(() => Count(readings), n => n > before, what: "a reading after the burst");
        await Task.Delay(QueueDashboardFeed.MinInterval * 2);
        var allowed = 2 + (int)(started.Elapsed / QueueDashboardFeed.MinInterval);
        Assert.InRange(Count(readings) - before, 1, allowed);
    }

    [Fact]
    public async Task Agents_cannot_watch_and_nothing_is_kept_once_the_last_watcher_leaves()
    {
        var refused = Feed.Watch(Actor.Agent("someone"), _ => Task.CompletedTask);
        Assert.Equal("Only supervisors and admins can see the queue dashboard.", refused.FirstMessage);
        Assert.False((await Feed.GetAsync(Actor.Agent("someone"))).Succeeded);

        var watch = Feed.Watch(await app.SupervisorAsync(), _ => Task.CompletedTask).Value!;
        Assert.True(Feed.WatcherCount >= 1);
        watch.Dispose();
        watch.Dispose();

        var read = await Feed.GetAsync(await app.SupervisorAsync());
        Assert.True(read.Succeeded, read.FirstMessage);
    }

    private static int Count(List<QueueDashboard> list)
    {
        lock (list) return list.Count;
    }

    private static List<QueueDashboard> Latest(List<QueueDashboard> list)
    {
        lock (list) return list.ToList();
    }
}
