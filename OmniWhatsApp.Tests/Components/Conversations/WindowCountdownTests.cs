using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared.Conversations;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Components.Conversations;

/// <summary>The 24-hour window's countdown: its tone at each boundary, live as the clock moves.</summary>
public sealed class WindowCountdownTests : ComponentTest
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

    public WindowCountdownTests()
    {
        Services.AddSingleton<TimeProvider>(clock);
        Services.AddSingleton(Options.Create(new InboxOptions { CountdownRefresh = TimeSpan.FromSeconds(1) }));
    }

    private IRenderedComponent<WindowCountdown> Countdown(TimeSpan left, Action? closed = null) =>
        Render<WindowCountdown>(p => p
            .Add(c => c.EndsAt, clock.GetUtcNow() + left)
            .Add(c => c.OnClosed, () => closed?.Invoke()));

    private static string Level(IRenderedComponent<WindowCountdown> countdown) =>
        countdown.Find("[data-testid=window-countdown]").GetAttribute("data-level")!;

    [Theory]
    [InlineData(23 * 3600, "calm")]
    [InlineData(3600 + 1, "calm")]
    [InlineData(3600, "warning")]
    [InlineData(600 + 1, "warning")]
    [InlineData(600, "urgent")]
    [InlineData(1, "urgent")]
    [InlineData(0, "closed")]
    [InlineData(-60, "closed")]
    public void Is_calm_while_hours_remain_amber_in_the_last_hour_red_in_the_last_ten_minutes(int secondsLeft, string level)
    {
        var countdown = Countdown(TimeSpan.FromSeconds(secondsLeft));

        Assert.Equal(level, Level(countdown));
    }

    [Fact]
    public void Changes_tone_as_time_passes_and_says_the_window_closed_without_calling_it_closed_alone()
    {
        var closed = 0;
        var countdown = Countdown(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(2), () => closed++);
        Assert.Equal("calm", Level(countdown));
        Assert.Contains("1 h 0 min left", countdown.Markup);

        clock.Advance(TimeSpan.FromSeconds(3));
        countdown.WaitForAssertion(() => Assert.Equal("warning", Level(countdown)));
        Assert.Contains("60 min left", countdown.Find("[data-testid=window-countdown]").TextContent);

        clock.Advance(TimeSpan.FromMinutes(50));
        countdown.WaitForAssertion(() => Assert.Equal("urgent", Level(countdown)));
        Assert.Contains("9:59 left", countdown.Find("[data-testid=window-countdown]").TextContent);
        Assert.Equal(0, closed);

        clock.Advance(TimeSpan.FromMinutes(10));
        countdown.WaitForAssertion(() => Assert.Equal("closed", Level(countdown)));
        Assert.Equal("Window closed — templates only", countdown.Find("[data-testid=window-countdown]").TextContent.Trim());
        countdown.WaitForAssertion(() => Assert.Equal(1, closed));

        clock.Advance(TimeSpan.FromMinutes(5));
        countdown.Render();
        Assert.Equal(1, closed);
    }
}
