using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.Inbox;

/// <summary>
/// One live queue dashboard shared by every supervisor watching it. While anyone watches, it listens to the events
/// that change the figures, re-reads the dashboard once per burst (<see cref="Coalescer"/>) and hands the new one
/// to every watcher; a heartbeat re-reads it now and then for what only the clock changes (a window coming within
/// the hour). So the database sees a few reads a second at most, whatever the number of events and supervisors;
/// with nobody watching it does nothing.
/// </summary>
public sealed class QueueDashboardFeed : IDisposable
{
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(150);
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    private readonly QueueDashboardQueries queries;
    private readonly IConversationEvents events;
    private readonly IStringLocalizer<Strings> L;
    private readonly ILogger<QueueDashboardFeed> logger;
    private readonly Coalescer refresh;
    private readonly Lock gate = new();
    private Func<QueueDashboard, Task>[] watchers = [];
    private IDisposable? subscription;
    private ITimer? heartbeat;
    private QueueDashboard? current;

    public QueueDashboardFeed(QueueDashboardQueries queries, IConversationEvents events, IStringLocalizer<Strings> L, ILogger<QueueDashboardFeed> logger)
    {
        this.queries = queries;
        this.events = events;
        this.L = L;
        this.logger = logger;
        refresh = new Coalescer(RefreshAsync, Debounce, MinInterval, ex => logger.LogWarning(ex, "The queue dashboard could not be read; the next event or heartbeat tries again"));
    }

    /// <summary>How many watch now (for tests and diagnostics).</summary>
    public int WatcherCount => Volatile.Read(ref watchers).Length;

    /// <summary>
    /// The dashboard now: the shared one while it is being kept up to date, else read for this caller. For supervisors
    /// and admins only.
    /// </summary>
    public async Task<Result<QueueDashboard>> GetAsync(Actor viewer, CancellationToken ct = default)
    {
        if (!viewer.SeesEverything) return Result<QueueDashboard>.Fail(L["Only supervisors and admins can see the queue dashboard."]);
        return Volatile.Read(ref current) is { } shared ? Result<QueueDashboard>.Ok(shared) : await queries.GetAsync(viewer, ct);
    }

    /// <summary>
    /// Calls <paramref name="changed"/> with every new dashboard until the result is disposed (a page does so when it
    /// is disposed). For supervisors and admins only.
    /// </summary>
    public Result<IDisposable> Watch(Actor viewer, Func<QueueDashboard, Task> changed)
    {
        if (!viewer.SeesEverything) return Result<IDisposable>.Fail(L["Only supervisors and admins can see the queue dashboard."]);
        // Called from the feed's refresh, in the watcher's culture (its page renders in its reader's language).
        changed = CultureBound.Wrap(changed);
        lock (gate)
        {
            watchers = [.. watchers, changed];
            if (watchers.Length == 1)
            {
                subscription = events.Subscribe(OnEventAsync);
                heartbeat = TimeProvider.System.CreateTimer(_ => refresh.Trigger(), null, Heartbeat, Heartbeat);
            }
        }
        // The shared dashboard may be older than this watcher's first read: bring it up to date.
        refresh.Trigger();
        return Result<IDisposable>.Ok(new Watcher(this, changed));
    }

    private void Unwatch(Func<QueueDashboard, Task> changed)
    {
        lock (gate)
        {
            watchers = watchers.Where(w => !ReferenceEquals(w, changed)).ToArray();
            if (watchers.Length > 0) return;
            subscription?.Dispose();
            heartbeat?.Dispose();
            (subscription, heartbeat) = (null, null);
            // Nobody keeps it up to date any more: the next reader reads afresh.
            Volatile.Write(ref current, null);
        }
    }

    private Task OnEventAsync(LiveEvent e)
    {
        if (Changes(e)) refresh.Trigger();
        return Task.CompletedTask;
    }

    /// <summary>The events that move the dashboard's figures (not delivery ticks, media or read marks).</summary>
    internal static bool Changes(LiveEvent e) => e is ConversationOpened or ConversationAssigned or ConversationClosed or MessageAdded or WindowClosed
        or AgentPresenceChanged or AgentSettingsChanged or QueueMembershipChanged;

    private async Task RefreshAsync(CancellationToken ct)
    {
        if (WatcherCount == 0) return;
        var dashboard = await queries.ReadAsync(ct);
        Func<QueueDashboard, Task>[] now;
        lock (gate)
        {
            now = watchers;
            if (now.Length == 0) return;
            current = dashboard;
        }
        foreach (var watcher in now) _ = NotifyAsync(watcher, dashboard);
    }

    private async Task NotifyAsync(Func<QueueDashboard, Task> watcher, QueueDashboard dashboard)
    {
        try
        {
            await watcher(dashboard);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A queue dashboard watcher failed");
        }
    }

    public void Dispose()
    {
        refresh.Dispose();
        lock (gate)
        {
            subscription?.Dispose();
            heartbeat?.Dispose();
        }
    }

    private sealed class Watcher(QueueDashboardFeed feed, Func<QueueDashboard, Task> changed) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) feed.Unwatch(changed);
        }
    }
}
