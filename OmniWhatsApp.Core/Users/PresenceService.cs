using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Persistence;

namespace OmniWhatsApp.Core.Users;

/// <summary>An agent's presence as the inbox header shows it.</summary>
public sealed record AgentPresence(string UserId, Presence Presence, Presence Preferred, DateTimeOffset? ChangedAt, DateTimeOffset? DisconnectedAt);

/// <summary>
/// Agents' presence: Available, Busy, Do not disturb, Away, Offline. Only Available agents receive pushed work.
/// The agent chooses it (<see cref="SetPresenceAsync"/>, remembered as their preferred presence); the system sets
/// Offline when all their browser sessions have been gone for <see cref="PresenceOptions.OfflineAfter"/>
/// (<see cref="SetOfflineAfterGraceAsync"/>), and restores the preferred presence when they come back.
/// Browser sessions are reported by <see cref="AgentSessions"/>.
/// </summary>
public sealed class PresenceService(
    IDbContextFactory<OmniDbContext> dbFactory,
    IConversationEvents events,
    ISessionDirectory sessions,
    IOptions<PresenceOptions> options,
    TimeProvider clock,
    IStringLocalizer<Strings> L,
    ILogger<PresenceService> logger)
{
    /// <summary>The user's presence; Offline (preferring Available) for someone who never signed in to the app.</summary>
    public async Task<AgentPresence> GetAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var status = await db.AgentStatuses.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId, ct);
        return status is null
            ? new AgentPresence(userId, Presence.Offline, Presence.Available, null, null)
            : new AgentPresence(userId, status.Presence, status.Preferred, status.ChangedAt, status.DisconnectedAt);
    }

    /// <summary>
    /// The acting user chooses their own presence; it is also what they come back to after being set Offline.
    /// </summary>
    public async Task<Result> SetPresenceAsync(Actor actor, Presence presence, CancellationToken ct = default)
    {
        var userId = actor.UserId;
        if (!Enum.IsDefined(presence)) return Result.Fail(L["Choose a presence."]);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) return Result.Fail(L["The user no longer exists."]);
        var status = await StatusAsync(db, userId, ct);
        status.Preferred = presence;
        await ChangeAsync(db, status, presence, ct);
        return Result.Ok();
    }

    /// <summary>The user's first browser session opened (or came back): restore what they chose if the system had set them Offline.</summary>
    public async Task ConnectedAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) return;
        var status = await StatusAsync(db, userId, ct);
        status.DisconnectedAt = null;
        await ChangeAsync(db, status, status.Preferred, ct);
    }

    /// <summary>The user's last browser session went away: they go Offline after the grace unless one comes back.</summary>
    public async Task DisconnectedAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.AgentStatuses.Where(s => s.UserId == userId && s.DisconnectedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DisconnectedAt, clock.GetUtcNow()), ct);
    }

    /// <summary>
    /// At start-up no browser session is connected to this process yet: everyone who was online starts their grace
    /// now, and their sessions reconnecting (a reload) bring them back. With several instances, people connected to
    /// another instance (<see cref="ISessionDirectory"/>) are left alone.
    /// </summary>
    public async Task StartGraceForEveryoneAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var online = await db.AgentStatuses.Where(s => s.DisconnectedAt == null && s.Presence != Presence.Offline).Select(s => s.UserId).ToListAsync(ct);
        if (online.Count == 0) return;
        var elsewhere = (await sessions.ConnectedAsync(online, ct)).ToList();
        await db.AgentStatuses.Where(s => s.DisconnectedAt == null && s.Presence != Presence.Offline && !elsewhere.Contains(s.UserId))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DisconnectedAt, now), ct);
    }

    /// <summary>Sets Offline everyone whose sessions have been gone longer than the grace. Returns how many.</summary>
    public async Task<int> SetOfflineAfterGraceAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow() - options.Value.OfflineAfter;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var gone = await db.AgentStatuses.Where(s => s.DisconnectedAt != null && s.DisconnectedAt <= cutoff && s.Presence != Presence.Offline).ToListAsync(ct);
        if (gone.Count == 0) return 0;
        // With several instances the last tab on one instance may have closed while another instance has one open.
        var connected = await sessions.ConnectedAsync(gone.Select(s => s.UserId).ToList(), ct);
        foreach (var status in gone.Where(s => connected.Contains(s.UserId)))
        {
            status.DisconnectedAt = null;
            await db.SaveChangesAsync(ct);
        }
        gone = gone.Where(s => !connected.Contains(s.UserId)).ToList();
        foreach (var status in gone)
        {
            logger.LogInformation("Agent {AgentId} set Offline: no browser session since {DisconnectedAt}", status.UserId, status.DisconnectedAt);
            await ChangeAsync(db, status, Presence.Offline, ct);
        }
        return gone.Count;
    }

    private async Task<AgentStatus> StatusAsync(OmniDbContext db, string userId, CancellationToken ct)
    {
        var status = await db.AgentStatuses.FirstOrDefaultAsync(s => s.UserId == userId, ct);
        if (status is not null) return status;
        status = new AgentStatus { UserId = userId, ChangedAt = clock.GetUtcNow() };
        db.AgentStatuses.Add(status);
        return status;
    }

    private async Task ChangeAsync(OmniDbContext db, AgentStatus status, Presence presence, CancellationToken ct)
    {
        var changed = status.Presence != presence || db.Entry(status).State == EntityState.Added;
        var now = clock.GetUtcNow();
        if (changed)
        {
            status.Presence = presence;
            status.ChangedAt = now;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(status).State == EntityState.Added)
        {
            // Two sessions of a new user created the row at once: apply the change to the row that won.
            db.ChangeTracker.Clear();
            await db.AgentStatuses.Where(s => s.UserId == status.UserId).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Presence, status.Presence)
                .SetProperty(x => x.Preferred, status.Preferred)
                .SetProperty(x => x.ChangedAt, now)
                .SetProperty(x => x.DisconnectedAt, status.DisconnectedAt), ct);
        }
        if (changed) events.Publish(new AgentPresenceChanged(status.UserId, presence, now));
    }
}
