using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Scaling;
using OmniWhatsApp.Tests.Infrastructure;
using StackExchange.Redis;

namespace OmniWhatsApp.Tests.Core.Scaling;

/// <summary>The Redis lease that elects one owner per kind of background work, with two "instances" in one process.</summary>
[Collection(InstancesCollection.Name)]
public sealed class WorkOwnershipTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);
    private readonly string prefix = "omni-test-" + Guid.NewGuid().ToString("N");
    private readonly List<ConnectionMultiplexer> connections = [];

    [Fact]
    public async Task Only_one_instance_owns_the_work_and_the_other_takes_it_over_when_the_owner_stops()
    {
        var (first, second) = (await Instance("first"), await Instance("second"));
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        var running = first.RunAsync(stopFirst.Token);
        await Eventually.Get(() => first.Term, t => t is not null, what: "the first instance owns the work");
        var waiting = second.RunAsync(stopSecond.Token);

        // Longer than a lease: the owner renews it, so the other never gets a turn.
        await Task.Delay(Lease * 2);
        Assert.Null(second.Term);

        await stopFirst.CancelAsync();
        await running;
        var term = await Eventually.Get(() => second.Term, t => t is not null, what: "the second instance owns the work");
        // It knows the first one finished what it had started (and so need not wait for it).
        Assert.Equal(Takeover.Released, term!.Takeover);
        Assert.Equal(1, Owners.Max);
        await stopSecond.CancelAsync();
        await waiting;
    }

    [Fact]
    public async Task An_owner_that_died_without_letting_go_is_replaced_once_its_lease_runs_out()
    {
        // A dead instance's key: nobody renews it.
        var db = (await Connect()).GetDatabase();
        await db.StringSetAsync($"{prefix}:owner:chores", "dead-instance", Lease);
        var survivor = await Instance("survivor");
        using var stop = new CancellationTokenSource();
        var running = survivor.RunAsync(stop.Token);

        var term = await Eventually.Get(() => survivor.Term, t => t is not null, Lease * 3, "the survivor owns the work");
        // It cannot know whether the dead one's last work is still running somewhere.
        Assert.Equal(Takeover.Expired, term!.Takeover);
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task An_owner_whose_lease_was_taken_stops_its_work()
    {
        var owner = await Instance("owner");
        using var stop = new CancellationTokenSource();
        var running = owner.RunAsync(stop.Token);
        var term = await Eventually.Get(() => owner.Term, t => t is not null, what: "the instance owns the work");

        // As after a partition long enough for the key to expire and another instance to take it.
        await (await Connect()).GetDatabase().StringSetAsync($"{prefix}:owner:chores", "another-instance", Lease);

        await Eventually.Get(() => term!.Token.IsCancellationRequested, stopped => stopped, Lease * 2, "the owner's work stopped");
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_wake_up_on_an_instance_that_does_not_own_the_work_reaches_the_owner()
    {
        var (owner, other) = (await Instance("owner"), await Instance("other"));
        using var stop = new CancellationTokenSource();
        var running = owner.RunAsync(stop.Token);
        await Eventually.Get(() => owner.Term, t => t is not null, what: "the owner owns the work");
        var waiting = other.RunAsync(stop.Token);
        await Task.Delay(200);

        other.Signal.Notify();

        await Eventually.Get(() => owner.Delivered.ToArray(), d => d.Contains("work on other"), what: "the owner heard of the work");
        await stop.CancelAsync();
        await Task.WhenAll(running, waiting);
    }

    private readonly Counter Owners = new();

    private async Task<TestInstance> Instance(string name)
    {
        var ownership = new RedisWorkOwnership(await Connect(), Options.Create(new RedisOptions { KeyPrefix = prefix }),
            Options.Create(new OwnershipOptions { LeaseTime = Lease }), TimeProvider.System, NullLogger<RedisWorkOwnership>.Instance);
        return new TestInstance(name, ownership, Owners);
    }

    private async Task<ConnectionMultiplexer> Connect()
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        connections.Add(connection);
        return connection;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in connections) await connection.DisposeAsync();
    }

    /// <summary>How many instances own the work at once, and the most ever.</summary>
    private sealed class Counter
    {
        private int now;
        public int Max;

        public void Enter()
        {
            var current = Interlocked.Increment(ref now);
            int seen;
            while ((seen = Volatile.Read(ref Max)) < current && Interlocked.CompareExchange(ref Max, current, seen) != seen)
            {
            }
        }

        public void Leave() => Interlocked.Decrement(ref now);
    }

    /// <summary>One instance's view of a kind of work ("chores"): whether it owns it, and what it was passed.</summary>
    private sealed class TestInstance(string name, IWorkOwnership ownership, Counter owners)
    {
        public TestSignal Signal { get; } = new();
        public OwnerTerm? Term { get; private set; }
        public System.Collections.Concurrent.ConcurrentQueue<string> Delivered { get; } = new();

        public Task RunAsync(CancellationToken stop) => ownership.RunAsync("chores", Signal, async term =>
        {
            owners.Enter();
            Term = term;
            try
            {
                await Task.Delay(Timeout.Infinite, term.Token);
            }
            finally
            {
                Term = null;
                owners.Leave();
            }
        }, stop, collect: () => "work on " + name, deliver: Delivered.Enqueue);
    }

    private sealed class TestSignal : WakeSignal;
}
