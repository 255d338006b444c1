using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.Inbox;

/// <summary>
/// The supervisor's queue dashboard: per queue the waiting count, longest and average wait, active count and the
/// members' presence and load; and the conversations whose window closes within the hour with the customer
/// unanswered; the conversations waiting in no queue (Unrouted), which no queue's figures would show; and the
/// conversations the bot holds (With bot), counted apart from those waiting for an agent. Aggregates run in the
/// database over the conversation indexes, so the cost follows the number of queues, agents and open conversations,
/// not the history.
/// </summary>
public sealed class QueueDashboardQueries(IDbContextFactory<OmniDbContext> dbFactory, TimeProvider clock, IStringLocalizer<Strings> L)
{
    public static readonly TimeSpan ClosingSoon = TimeSpan.FromHours(1);
    public const int MaxClosingWindows = 200;
    public const int MaxUnrouted = 200;
    public const int MaxWithBot = 200;

    private sealed record WaitingRow(int QueueId, long Waiting, long? Oldest, long? TotalWait);

    /// <summary>For supervisors and admins only.</summary>
    public async Task<Result<QueueDashboard>> GetAsync(Actor viewer, CancellationToken ct = default)
    {
        if (!viewer.SeesEverything) return Result<QueueDashboard>.Fail(L["Only supervisors and admins can see the queue dashboard."]);
        return Result<QueueDashboard>.Ok(await ReadAsync(ct));
    }

    /// <summary>The dashboard without the viewer check, for <see cref="QueueDashboardFeed"/>, which checks its watchers.</summary>
    internal async Task<QueueDashboard> ReadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var queues = await db.Queues.AsNoTracking().OrderBy(q => q.Name).Select(q => new { q.Id, q.Name }).ToListAsync(ct);
        // Wait times are summed as "now - QueuedAt" in ticks: the mean of instants would overflow, the mean of waits does not.
        Dictionary<int, WaitingRow> waiting;
        await using (var sql = await Sql.OnAsync(db, ct))
        {
            waiting = (await sql.ListAsync(
                    """
                    SELECT "QueueId", COUNT(*), MIN("QueuedAt"), SUM(@now - COALESCE("QueuedAt", @now))
                    FROM "Conversations" WHERE "Status" = @waiting AND "QueueId" IS NOT NULL GROUP BY "QueueId"
                    """,
                    new { now, waiting = ConversationStatus.Waiting },
                    r => new WaitingRow(r.GetInt32(0), r.GetCount(1), r.GetNullableInt64(2), r.IsDBNull(3) ? null : r.GetCount(3)), ct))
                .ToDictionary(w => w.QueueId);
        }
        var active = await db.Conversations.Where(c => c.Status == ConversationStatus.Active && c.QueueId != null)
            .GroupBy(c => c.QueueId!.Value).Select(g => new { QueueId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.QueueId, x => x.Count, ct);
        // Held by the bot: counted apart, never as waiting for an agent (one index range on Status).
        var withBot = await db.Conversations.Where(c => c.Status == ConversationStatus.WithBot && c.QueueId != null)
            .GroupBy(c => c.QueueId!.Value).Select(g => new { QueueId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.QueueId, x => x.Count, ct);

        var members = await db.QueueMembers.AsNoTracking().Select(m => new { m.QueueId, m.UserId, m.User!.DisplayName }).ToListAsync(ct);
        // Every user's load in two plain reads: cheaper than long IN lists of member ids.
        var loads = (await Assignments.LoadsAsync(db, null, ct)).ToDictionary(l => l.AgentId);
        var held = await Assignments.ActiveHeldAsync(db, null, ct);

        var stats = queues.Select(q =>
        {
            var w = waiting.GetValueOrDefault(q.Id);
            var agents = members.Where(m => m.QueueId == q.Id)
                .Select(m => loads.TryGetValue(m.UserId, out var load)
                    ? new AgentLoadView(m.UserId, m.DisplayName, load.Presence, load.Used, load.Capacity, held.GetValueOrDefault(m.UserId).Conversations)
                    : new AgentLoadView(m.UserId, m.DisplayName, Presence.Offline, 0, 0, 0))
                .OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase)
                .ToList();
            return new QueueStats(
                q.Id, q.Name,
                (int)(w?.Waiting ?? 0),
                w?.Oldest is { } oldest ? Positive(now.UtcTicks - oldest) : null,
                w is { Waiting: > 0, TotalWait: { } total } ? Positive(total / w.Waiting) : null,
                active.GetValueOrDefault(q.Id),
                withBot.GetValueOrDefault(q.Id),
                agents);
        }).ToList();

        var soon = now + ClosingSoon;
        var closing = await db.Conversations.AsNoTracking()
            .Where(ConversationRules.Open).Where(ConversationRules.WindowOpenAt(now))
            // With the bot the customer is not waiting for the team: the bot's list shows its window.
            .Where(c => c.Status != ConversationStatus.WithBot)
            .Where(c => c.WindowEndsAt <= soon
                && c.LastInboundAt != null && (c.LastOutboundAt == null || c.LastInboundAt > c.LastOutboundAt))
            .OrderBy(c => c.WindowEndsAt).ThenBy(c => c.Id)
            .Take(MaxClosingWindows)
            .Select(c => new ClosingWindow(c.Id, c.Customer!.Phone, c.Customer.ProfileName, c.Status, c.QueueId,
                c.Queue == null ? null : c.Queue.Name, c.AssignedAgentId, c.AssignedAgent == null ? null : c.AssignedAgent.DisplayName,
                c.LastInboundAt, c.WindowEndsAt!.Value))
            .ToListAsync(ct);

        // Few or none: the fallback queue is required when WhatsApp is set up; these come from workstreams set up before,
        // or from a number no workstream uses. Waiting ones only: an active one is held by an agent, who sees it. One index
        // range (Status, QueueId).
        var unrouted = await db.Conversations.AsNoTracking()
            .Where(c => c.Status == ConversationStatus.Waiting && c.QueueId == null)
            .OrderBy(c => c.QueuedAt ?? c.CreatedAt).ThenBy(c => c.Id)
            .Take(MaxUnrouted)
            .Select(c => new UnroutedConversation(c.Id, c.Customer!.Phone, c.Customer.ProfileName,
                c.WorkstreamId, c.Workstream == null ? null : c.Workstream.Name, c.QueuedAt ?? c.CreatedAt, c.WindowEndsAt))
            .ToListAsync(ct);

        var withBotTotal = await db.Conversations.CountAsync(c => c.Status == ConversationStatus.WithBot, ct);
        List<BotConversation> botHeld = withBotTotal == 0 ? [] : (await db.Conversations.AsNoTracking()
                .Where(c => c.Status == ConversationStatus.WithBot)
                .OrderBy(c => c.BotSince ?? c.CreatedAt).ThenBy(c => c.Id)
                .Take(MaxWithBot)
                .Select(c => new
                {
                    c.Id, c.Customer!.Phone, c.Customer.ProfileName, c.QueueId, QueueName = c.Queue == null ? null : c.Queue.Name,
                    Since = c.BotSince ?? c.CreatedAt, c.WindowEndsAt,
                    Last = db.Messages.Where(m => m.ConversationId == c.Id && m.Kind != MessageKind.System && m.Kind != MessageKind.Note)
                        .OrderByDescending(m => m.Id)
                        .Select(m => new { m.Kind, Text = m.ChoiceTitle ?? m.Body ?? m.ContactName ?? m.LocationLabel })
                        .FirstOrDefault(),
                })
                .ToListAsync(ct))
            .Select(c => new BotConversation(c.Id, c.Phone, c.ProfileName, c.QueueId, c.QueueName, c.Since,
                Shorten(c.Last?.Text), c.Last?.Kind == MessageKind.Bot, c.WindowEndsAt))
            .ToList();

        return new QueueDashboard(now, stats, closing, unrouted, botHeld, withBotTotal);
    }

    /// <summary>
    /// One queue's open conversations for the supervisor to assign or reassign: the oldest <paramref name="limit"/>
    /// waiting (one index range) and the active ones by agent, each list with its total. For supervisors and admins only.
    /// </summary>
    public async Task<Result<QueueConversations>> ConversationsAsync(int queueId, Actor viewer, int limit = DefaultListLimit, CancellationToken ct = default)
    {
        if (!viewer.SeesEverything) return Result<QueueConversations>.Fail(L["Only supervisors and admins can see the queue dashboard."]);
        limit = Math.Clamp(limit, 1, MaxListLimit);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.Queues.Where(q => q.Id == queueId).Select(q => q.Name).FirstOrDefaultAsync(ct);
        if (name is null) return Result<QueueConversations>.Fail(L["The queue no longer exists."]);

        var waiting = db.Conversations.AsNoTracking().Where(c => c.Status == ConversationStatus.Waiting && c.QueueId == queueId);
        var active = db.Conversations.AsNoTracking().Where(c => c.Status == ConversationStatus.Active && c.QueueId == queueId);
        var waitingTotal = await waiting.CountAsync(ct);
        var activeTotal = await active.CountAsync(ct);
        var oldest = await Rows(waiting.OrderBy(c => c.QueuedAt).ThenBy(c => c.Id).Take(limit)).ToListAsync(ct);
        // Active conversations are bounded by the members' capacity: read them and order by agent here.
        var held = (await Rows(active.OrderBy(c => c.AssignedAt).ThenBy(c => c.Id).Take(limit)).ToListAsync(ct))
            .OrderBy(c => c.AgentName, StringComparer.CurrentCultureIgnoreCase).ThenBy(c => c.AssignedAt).ToList();
        return Result<QueueConversations>.Ok(new QueueConversations(now, queueId, name, oldest, waitingTotal, held, activeTotal));
    }

    public const int DefaultListLimit = 50;
    public const int MaxListLimit = 500;

    private static IQueryable<QueueConversation> Rows(IQueryable<Conversation> conversations) =>
        conversations.Select(c => new QueueConversation(
            c.Id, c.Customer!.Phone, c.Customer.ProfileName, c.Status,
            c.AssignedAgentId, c.AssignedAgent == null ? null : c.AssignedAgent.DisplayName,
            c.QueuedAt ?? c.CreatedAt, c.AssignedAt, c.WindowEndsAt,
            c.LastInboundAt != null && (c.LastOutboundAt == null || c.LastInboundAt > c.LastOutboundAt)));

    public const int PreviewLength = 80;

    private static string? Shorten(string? text) =>
        text is null ? null : text.Length <= PreviewLength ? text : text[..(PreviewLength - 1)] + "…";

    private static TimeSpan Positive(long ticks) => TimeSpan.FromTicks(Math.Max(0, ticks));
}
