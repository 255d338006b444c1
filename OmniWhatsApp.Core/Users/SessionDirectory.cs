using System.Collections.Concurrent;

namespace OmniWhatsApp.Core.Users;

/// <summary>
/// Which users have a connected browser session, on this instance or any other. <see cref="AgentSessions"/> reports
/// this instance's; <see cref="PresenceService"/> asks before it starts or ends someone's Offline grace, so an agent goes
/// Offline only when their tabs are gone from every instance.
/// </summary>
public interface ISessionDirectory
{
    /// <summary>The user has (or no longer has) a connected session on this instance.</summary>
    Task SetConnectedHereAsync(string userId, bool connected, CancellationToken ct = default);

    /// <summary>Which of <paramref name="userIds"/> have a connected session on some running instance.</summary>
    Task<IReadOnlySet<string>> ConnectedAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default);
}

/// <summary>One instance: the sessions are all in this process.</summary>
public sealed class InProcessSessionDirectory : ISessionDirectory
{
    private readonly ConcurrentDictionary<string, byte> connected = new(StringComparer.Ordinal);

    public Task SetConnectedHereAsync(string userId, bool connected, CancellationToken ct = default)
    {
        if (connected) this.connected[userId] = 0;
        else this.connected.TryRemove(userId, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlySet<string>> ConnectedAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlySet<string>>(userIds.Where(connected.ContainsKey).ToHashSet(StringComparer.Ordinal));
}
