using Microsoft.Extensions.DependencyInjection;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>
/// A host of its own whose clock the tests move (<see cref="TestClock"/>), for one test class. By default the
/// automation worker's safety-net sweep is an hour away, so whatever a test sees happen came from the event that
/// should trigger it; a derived fixture can sweep often instead, for the work only the clock triggers.
/// </summary>
public class ClockHost : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public TestClock Clock { get; } = new(Start);

    public AppHost App { get; private set; } = null!;

    protected virtual TimeSpan SweepInterval => TimeSpan.FromHours(1);

    /// <summary>More settings for a derived fixture's host.</summary>
    protected virtual void Configure(AppHostOptions options)
    {
    }

    public async Task InitializeAsync() =>
        App = await AppHost.StartAsync(o =>
        {
            o.With("Distribution:SweepInterval", SweepInterval.ToString("c"))
                .ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
            Configure(o);
        });

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>A <see cref="ClockHost"/> whose worker sweeps every 50 ms: auto-close and Offline follow the clock at once.</summary>
public sealed class SweepingClockHost : ClockHost
{
    protected override TimeSpan SweepInterval => TimeSpan.FromMilliseconds(50);
}
