using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Scaling;
using StackExchange.Redis;

namespace OmniWhatsApp.Core.Users;

/// <summary>
/// Sessions of every instance in Redis. Per user a hash <c>{prefix}:sessions:{userId}</c> names the instances where
/// they have a connected session; each instance keeps a key <c>{prefix}:instance:{id}</c> alive (refreshed every
/// <see cref="Heartbeat"/>, expiring after <see cref="Lifetime"/>), so the sessions of an instance that died stop
/// counting within seconds and its entries are cleaned up when next read.
/// </summary>
public sealed class RedisSessionDirectory(IConnectionMultiplexer redis, IOptions<RedisOptions> options, ILogger<RedisSessionDirectory> logger)
    : ISessionDirectory, IHostedService, IDisposable
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);

    private readonly string prefix = options.Value.KeyPrefix;
    private readonly CancellationTokenSource stopping = new();
    private Task? beating;

    /// <summary>This instance, as its entries name it.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}-{Guid.NewGuid():N}";

    private RedisKey SessionsOf(string userId) => $"{prefix}:sessions:{userId}";

    private RedisKey Alive(string instanceId) => $"{prefix}:instance:{instanceId}";

    public async Task SetConnectedHereAsync(string userId, bool connected, CancellationToken ct = default)
    {
        var db = redis.GetDatabase();
        if (connected) await db.HashSetAsync(SessionsOf(userId), InstanceId, 1);
        else await db.HashDeleteAsync(SessionsOf(userId), InstanceId);
    }

    public async Task<IReadOnlySet<string>> ConnectedAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (userIds.Count == 0) return result;
        var db = redis.GetDatabase();
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        var instancesByUser = await Task.WhenAll(ids.Select(id => db.HashKeysAsync(SessionsOf(id))));
        var instances = instancesByUser.SelectMany(keys => keys).Select(k => (string)k!).Distinct(StringComparer.Ordinal).ToList();
        var alive = await Task.WhenAll(instances.Select(async i => (Instance: i, Alive: await db.KeyExistsAsync(Alive(i)))));
        var live = alive.Where(a => a.Alive).Select(a => a.Instance).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            foreach (var instance in instancesByUser[i].Select(k => (string)k!))
            {
                if (live.Contains(instance)) result.Add(ids[i]);
                else _ = db.HashDeleteAsync(SessionsOf(ids[i]), instance, CommandFlags.FireAndForget);
            }
        }
        return result;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await BeatAsync();
        beating = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(Heartbeat);
            try
            {
                while (await timer.WaitForNextTickAsync(stopping.Token)) await BeatAsync();
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (beating is not null) await beating.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(Alive(InstanceId));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not tell Redis that instance {InstanceId} stopped; its sessions stop counting when its key expires", InstanceId);
        }
    }

    private async Task BeatAsync()
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(Alive(InstanceId), DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Lifetime);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Instance {InstanceId} could not renew its presence key in Redis", InstanceId);
        }
    }

    public void Dispose() => stopping.Dispose();
}
