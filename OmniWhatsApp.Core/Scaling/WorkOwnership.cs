using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Common;
using StackExchange.Redis;

namespace OmniWhatsApp.Core.Scaling;

/// <summary>How background work is owned when several instances share Redis. Bound from the "Ownership" section.</summary>
public sealed class OwnershipOptions
{
    public const string Section = "Ownership";

    /// <summary>
    /// How long an owner's lease lasts without renewal (it is renewed every third of it). An instance that dies
    /// without letting go is replaced after at most this long; one that stops lets go at once.
    /// </summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>How an owner came to own its work: how its predecessor, if any, ended.</summary>
public enum Takeover
{
    /// <summary>One instance (no Redis): always the owner; nothing else can have done this work.</summary>
    OnlyInstance,

    /// <summary>The previous owner let go after finishing what it had started.</summary>
    Released,

    /// <summary>
    /// No owner, or one whose lease ran out (it died, or lost Redis): it stopped starting work before its lease ran
    /// out, but what it had started may still be running somewhere.
    /// </summary>
    Expired,
}

/// <summary>
/// One turn as the owner of a kind of background work. <see cref="Token"/> is cancelled when the turn ends: the app
/// stops, or the lease could not be renewed in time (then another instance may already own the work).
/// </summary>
public sealed class OwnerTerm(string work, Takeover takeover, DateTimeOffset since, CancellationToken token)
{
    public string Work => work;
    public Takeover Takeover => takeover;

    /// <summary>When the turn began, on this instance's clock.</summary>
    public DateTimeOffset Since => since;

    public CancellationToken Token => token;

    /// <summary>Set by the owner when it stops with work it started still unfinished, so its successor waits for it.</summary>
    public bool LeftWorkRunning { get; set; }
}

/// <summary>
/// Makes each kind of background work (the outbox's sends, distribution, the window watch, media downloads) run on
/// one instance at a time: the owner, elected through a Redis lease (<see cref="RedisWorkOwnership"/>), or this
/// instance when there is no Redis (<see cref="SingleInstanceOwnership"/>). Instances that do not own a kind of work
/// pass their wake-ups for it to the owner over Redis, so work stored on any instance is picked up promptly.
/// </summary>
public interface IWorkOwnership
{
    /// <summary>Whether several instances may share the work (Redis is configured).</summary>
    bool Elected { get; }

    /// <summary>
    /// Runs <paramref name="asOwner"/> whenever this instance owns <paramref name="work"/>, until
    /// <paramref name="stoppingToken"/> is cancelled. While another instance owns it, whatever wakes
    /// <paramref name="signal"/> here is forwarded to the owner: <paramref name="collect"/> says what (the default:
    /// a plain wake-up), and the owner's <paramref name="deliver"/> takes it in (the default: wakes its signal).
    /// </summary>
    Task RunAsync(string work, WakeSignal? signal, Func<OwnerTerm, Task> asOwner, CancellationToken stoppingToken,
        Func<string>? collect = null, Action<string>? deliver = null);
}

/// <summary>One instance: it always owns everything, from start to stop, exactly as before several instances existed.</summary>
public sealed class SingleInstanceOwnership(TimeProvider clock) : IWorkOwnership
{
    public bool Elected => false;

    public Task RunAsync(string work, WakeSignal? signal, Func<OwnerTerm, Task> asOwner, CancellationToken stoppingToken,
        Func<string>? collect = null, Action<string>? deliver = null) =>
        asOwner(new OwnerTerm(work, Takeover.OnlyInstance, clock.GetUtcNow(), stoppingToken));
}

/// <summary>
/// An owner per kind of work, elected through a Redis key: taken with SET-if-absent and an expiry (the lease),
/// renewed by a compare-and-extend script every third of the lease, let go on shutdown. An owner that cannot renew
/// stops its work before its lease can have run out in Redis (it counts from when it asked), so two owners never
/// run at once. Waiting instances try again when the owner lets go (a message on the work's channel) or every
/// quarter of the lease.
/// </summary>
public sealed class RedisWorkOwnership(
    IConnectionMultiplexer redis,
    IOptions<RedisOptions> redisOptions,
    IOptions<OwnershipOptions> options,
    TimeProvider clock,
    ILogger<RedisWorkOwnership> logger) : IWorkOwnership
{
    /// <summary>The value a key holds after its owner let go cleanly (for one lease time).</summary>
    private const string ReleasedValue = "released";

    // 1: taken (no owner before, or its lease expired); 2: taken from an owner that let go; 0: owned by another.
    private static readonly LuaScript Acquire = LuaScript.Prepare("""
        local v = redis.call('GET', @key)
        if v == false then redis.call('SET', @key, @token, 'PX', @ms) return 1 end
        if v == @released then redis.call('SET', @key, @token, 'PX', @ms) return 2 end
        return 0
        """);

    private static readonly LuaScript Extend = LuaScript.Prepare("""
        if redis.call('GET', @key) == @token then redis.call('PEXPIRE', @key, @ms) return 1 end
        return 0
        """);

    // Clean: the key says so for one lease time; otherwise it goes, and the next owner assumes work may still run.
    private static readonly LuaScript Release = LuaScript.Prepare("""
        if redis.call('GET', @key) ~= @token then return 0 end
        if @clean == '1' then redis.call('SET', @key, @released, 'PX', @ms) else redis.call('DEL', @key) end
        redis.call('PUBLISH', @channel, 'released')
        return 1
        """);

    private readonly string instance = Guid.NewGuid().ToString("N");

    public bool Elected => true;

    private string Key(string work) => $"{redisOptions.Value.KeyPrefix}:owner:{work}";
    private RedisChannel OwnerChannel(string work) => RedisChannel.Literal($"{redisOptions.Value.KeyPrefix}:owner:{work}:events");
    private RedisChannel WakeChannel(string work) => RedisChannel.Literal($"{redisOptions.Value.KeyPrefix}:wake:{work}");

    public async Task RunAsync(string work, WakeSignal? signal, Func<OwnerTerm, Task> asOwner, CancellationToken stoppingToken,
        Func<string>? collect = null, Action<string>? deliver = null)
    {
        var subscriber = redis.GetSubscriber();
        var released = new ReleaseSignal();
        var owning = 0;
        deliver ??= _ => signal?.Notify();
        // Without the subscriptions (Redis unreachable at start) ownership still works: waiting instances try every
        // quarter of the lease, and the owner finds forwarded work by its own polls.
        var ownerEvents = await SubscribeAsync(subscriber, OwnerChannel(work), _ => released.Notify());
        // Only the owner acts on forwarded wake-ups, and only non-owners forward them, so none goes round in circles.
        var wakes = await SubscribeAsync(subscriber, WakeChannel(work), m =>
        {
            if (Volatile.Read(ref owning) == 1 && m.Message.HasValue) deliver(m.Message!);
        });
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var (token, takeover) = await WaitForTurnAsync(work, signal, collect, released, stoppingToken);
                if (token is null) break;
                using var turn = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var term = new OwnerTerm(work, takeover, clock.GetUtcNow(), turn.Token);
                logger.LogInformation("This instance owns {Work} ({Takeover})", work, takeover);
                Volatile.Write(ref owning, 1);
                // Whatever woke the signal while waiting was forwarded; the new owner starts with a look of its own.
                signal?.Notify();
                var renewing = RenewAsync(work, token, turn);
                try
                {
                    await asOwner(term);
                }
                catch (OperationCanceledException) when (turn.IsCancellationRequested)
                {
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "{Work} stopped unexpectedly; letting another instance take it", work);
                    term.LeftWorkRunning = true;
                }
                finally
                {
                    Volatile.Write(ref owning, 0);
                    await turn.CancelAsync();
                    await renewing;
                    await LetGoAsync(work, token, clean: !term.LeftWorkRunning);
                }
                if (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("This instance no longer owns {Work}", work);
                    // Give another instance the chance to take it before trying again.
                    await DelayAsync(options.Value.LeaseTime / 4, stoppingToken);
                }
            }
        }
        finally
        {
            foreach (var subscription in new[] { ownerEvents, wakes })
            {
                try
                {
                    if (subscription is not null) await subscription.UnsubscribeAsync();
                }
                catch (Exception ex)
                {
                    logger.LogDebug(ex, "Unsubscribing from {Channel} failed", subscription!.Channel);
                }
            }
        }
    }

    private async Task<ChannelMessageQueue?> SubscribeAsync(ISubscriber subscriber, RedisChannel channel, Action<ChannelMessage> handler)
    {
        try
        {
            var queue = await subscriber.SubscribeAsync(channel);
            queue.OnMessage(handler);
            return queue;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not subscribe to {Channel}; relying on polls", channel);
            return null;
        }
    }

    /// <summary>Tries for the lease until it is taken; meanwhile forwards what wakes the signal. Null when stopping.</summary>
    private async Task<(string? Token, Takeover Takeover)> WaitForTurnAsync(string work, WakeSignal? signal, Func<string>? collect,
        ReleaseSignal released, CancellationToken stoppingToken)
    {
        var token = $"{instance}:{Guid.NewGuid():N}";
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var forwarding = signal is null ? Task.CompletedTask : ForwardAsync(work, signal, collect, waiting.Token);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var taken = (int)await redis.GetDatabase().ScriptEvaluateAsync(Acquire, new
                    {
                        key = (RedisKey)Key(work),
                        token,
                        ms = (long)options.Value.LeaseTime.TotalMilliseconds,
                        released = ReleasedValue,
                    });
                    if (taken != 0) return (token, taken == 2 ? Takeover.Released : Takeover.Expired);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    logger.LogWarning(ex, "Could not reach Redis to own {Work}; trying again", work);
                }
                await released.WaitAsync(options.Value.LeaseTime / 4, stoppingToken);
            }
            return (null, Takeover.Expired);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return (null, Takeover.Expired);
        }
        finally
        {
            await waiting.CancelAsync();
            await forwarding;
        }
    }

    /// <summary>While another instance owns the work: passes this instance's wake-ups on to it.</summary>
    private async Task ForwardAsync(string work, WakeSignal signal, Func<string>? collect, CancellationToken ct)
    {
        var subscriber = redis.GetSubscriber();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(Timeout.InfiniteTimeSpan, ct);
                await subscriber.PublishAsync(WakeChannel(work), collect?.Invoke() ?? "wake");
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The owner's own look at the database finds the work later.
                logger.LogWarning(ex, "Could not pass a wake-up for {Work} to its owner", work);
            }
        }
    }

    /// <summary>
    /// Renews the lease every third of it. The turn ends (<paramref name="turn"/> cancelled) when the key is no longer
    /// ours, or when the lease could have run out since the last renewal that succeeded: counted from when that
    /// renewal was asked for, so Redis can only expire the key later than this instance stops.
    /// </summary>
    private async Task RenewAsync(string work, string token, CancellationTokenSource turn)
    {
        var lease = options.Value.LeaseTime;
        var validUntil = clock.GetTimestamp() + (long)(lease.TotalSeconds * clock.TimestampFrequency);
        while (!turn.IsCancellationRequested)
        {
            var left = clock.GetElapsedTime(clock.GetTimestamp(), validUntil);
            var wait = lease / 3 < left ? lease / 3 : left;
            if (!await DelayAsync(wait, turn.Token)) return;
            var asked = clock.GetTimestamp();
            try
            {
                var extended = (int)await redis.GetDatabase().ScriptEvaluateAsync(Extend, new
                {
                    key = (RedisKey)Key(work),
                    token,
                    ms = (long)lease.TotalMilliseconds,
                }).WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), turn.Token);
                if (extended == 0)
                {
                    logger.LogWarning("The lease on {Work} was lost to another instance", work);
                    await turn.CancelAsync();
                    return;
                }
                validUntil = asked + (long)(lease.TotalSeconds * clock.TimestampFrequency);
            }
            catch (OperationCanceledException) when (turn.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning(ex, "Could not renew the lease on {Work}", work);
            }
            if (clock.GetTimestamp() >= validUntil)
            {
                logger.LogWarning("The lease on {Work} ran out before it could be renewed; stopping that work here", work);
                await turn.CancelAsync();
                return;
            }
        }
    }

    private async Task LetGoAsync(string work, string token, bool clean)
    {
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(Release, new
            {
                key = (RedisKey)Key(work),
                token,
                clean = clean ? "1" : "0",
                released = ReleasedValue,
                ms = (long)options.Value.LeaseTime.TotalMilliseconds,
                channel = OwnerChannel(work).ToString(),
            }).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex)
        {
            // The lease runs out by itself; the next owner then treats the work as possibly still running.
            logger.LogWarning(ex, "Could not let go of {Work}; its lease runs out by itself", work);
        }
    }

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, ct);
            return !ct.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private sealed class ReleaseSignal : WakeSignal;
}

public static class WorkOwnershipServiceCollectionExtensions
{
    /// <summary>Elected owners through Redis when <paramref name="redis"/> is configured; otherwise this instance owns everything.</summary>
    public static IServiceCollection AddWorkOwnership(this IServiceCollection services, IConfiguration configuration, bool redis)
    {
        services.AddOptions<OwnershipOptions>().Bind(configuration.GetSection(OwnershipOptions.Section))
            .Validate(o => o.LeaseTime >= TimeSpan.FromMilliseconds(300), "Ownership:LeaseTime must be at least 300 ms")
            .ValidateOnStart();
        if (redis) services.AddSingleton<IWorkOwnership, RedisWorkOwnership>();
        else services.AddSingleton<IWorkOwnership, SingleInstanceOwnership>();
        return services;
    }
}
