using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Scaling;

namespace OmniWhatsApp.Core.Conversations;

/// <summary>How often the window watch looks again at most. Bound from the "WindowWatch" configuration section.</summary>
public sealed class WindowWatchOptions
{
    public const string Section = "WindowWatch";

    /// <summary>
    /// The longest sleep between two looks. The watch wakes when the next window is due anyway; this only bounds how
    /// late it notices a window that a clock jump or another instance brought nearer.
    /// </summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Announces <see cref="WindowClosed"/> the moment an open conversation's 24-hour window runs out, so every listener
/// (the supervisor dashboard, hub clients) hears of it without asking. It sleeps until the next window is due.
/// Windows that ran out while the app was down are not announced: nobody was listening to this instance then, and
/// every reader computes the window from the stored end anyway. With several instances one of them, the owner
/// (<see cref="IWorkOwnership"/>), watches; a new owner starts as a restart does.
/// </summary>
public sealed class WindowWatch(
    IDbContextFactory<OmniDbContext> dbFactory,
    IConversationEvents events,
    TimeProvider clock,
    IWorkOwnership ownership,
    IOptions<WindowWatchOptions> options,
    ILogger<WindowWatch> logger) : BackgroundService
{
    /// <summary>A little past the due moment, so that the window is closed by the time the watch looks.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(20);

    private DateTimeOffset? announcedUpTo;

    /// <summary>The name of the work the instances elect an owner for.</summary>
    public const string Work = "window-watch";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ownership.RunAsync(Work, null, term =>
        {
            announcedUpTo = null;
            return WatchAsync(term.Token);
        }, stoppingToken);

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.MaxWait;
            try
            {
                wait = await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "The window watch failed; it looks again shortly");
            }
            await Task.Delay(wait, stoppingToken);
        }
    }

    /// <summary>
    /// Announces the windows that ran out since the last look (the first look only starts the count) and says how
    /// long to sleep until the next one is due.
    /// </summary>
    public async Task<TimeSpan> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = db.Conversations.AsNoTracking().Where(ConversationRules.Open);
        if (announcedUpTo is { } since)
        {
            var ended = await open
                .Where(ConversationRules.WindowOpenAt(since)).Where(ConversationRules.WindowClosedBy(now))
                .OrderBy(c => c.WindowEndsAt)
                .Select(c => new { c.Id, c.QueueId, c.AssignedAgentId, EndedAt = c.WindowEndsAt!.Value })
                .ToListAsync(ct);
            foreach (var c in ended)
            {
                events.Publish(new WindowClosed(c.Id, c.QueueId, c.AssignedAgentId, c.EndedAt));
            }
        }
        announcedUpTo = now;

        var next = await open.Where(ConversationRules.WindowOpenAt(now)).MinAsync(c => c.WindowEndsAt, ct);
        var max = options.Value.MaxWait;
        return next is { } due && due - now + Slack < max ? due - now + Slack : max;
    }
}
