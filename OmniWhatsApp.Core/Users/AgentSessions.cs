using Microsoft.Extensions.Logging;

namespace OmniWhatsApp.Core.Users;

/// <summary>
/// The browser sessions (Blazor circuits) of each signed-in user in this process, connected or not. When a user's
/// last connected session goes (here and, with several instances, on every other instance: <see cref="ISessionDirectory"/>),
/// <see cref="PresenceService"/> starts their Offline grace; when one comes back, their preferred presence returns.
/// The web app reports circuits here.
/// </summary>
public sealed class AgentSessions(PresenceService presence, ISessionDirectory directory, ILogger<AgentSessions> logger)
{
    private readonly Lock gate = new();
    // Transitions reach the database in the order they happened (a quick down-up must not end disconnected).
    private readonly SemaphoreSlim serial = new(1, 1);
    private readonly Dictionary<string, Dictionary<string, bool>> byUser = new(StringComparer.Ordinal);

    /// <summary>How many connected sessions the user has here.</summary>
    public int ConnectedCount(string userId)
    {
        lock (gate) return byUser.TryGetValue(userId, out var sessions) ? sessions.Values.Count(c => c) : 0;
    }

    public Task OpenedAsync(string userId, string sessionId, CancellationToken ct = default) => SetAsync(userId, sessionId, connected: true, ct);

    public Task ConnectionUpAsync(string userId, string sessionId, CancellationToken ct = default) => SetAsync(userId, sessionId, connected: true, ct);

    public Task ConnectionDownAsync(string userId, string sessionId, CancellationToken ct = default) => SetAsync(userId, sessionId, connected: false, ct);

    public Task ClosedAsync(string userId, string sessionId, CancellationToken ct = default) => SetAsync(userId, sessionId, connected: null, ct);

    private async Task SetAsync(string userId, string sessionId, bool? connected, CancellationToken ct)
    {
        await serial.WaitAsync(ct);
        try
        {
            bool wasOnline, isOnline;
            lock (gate)
            {
                if (!byUser.TryGetValue(userId, out var sessions)) byUser[userId] = sessions = new Dictionary<string, bool>(StringComparer.Ordinal);
                wasOnline = sessions.ContainsValue(true);
                if (connected is { } up) sessions[sessionId] = up;
                else sessions.Remove(sessionId);
                isOnline = sessions.ContainsValue(true);
                if (sessions.Count == 0) byUser.Remove(userId);
            }
            if (wasOnline == isOnline) return;
            logger.LogInformation("User {UserId} {State}", userId, isOnline ? "has a browser session again" : "has no connected browser session");
            try
            {
                await directory.SetConnectedHereAsync(userId, isOnline, ct);
                if (!isOnline && (await directory.ConnectedAsync([userId], ct)).Count > 0)
                {
                    logger.LogInformation("User {UserId} still has a browser session on another instance", userId);
                    return;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The grace chore asks again before anyone goes Offline.
                logger.LogWarning(ex, "Sessions of user {UserId} on other instances unknown", userId);
            }
            if (isOnline) await presence.ConnectedAsync(userId, ct);
            else await presence.DisconnectedAsync(userId, ct);
        }
        finally
        {
            serial.Release();
        }
    }
}
