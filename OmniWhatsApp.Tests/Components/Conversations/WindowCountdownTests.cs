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

    /// <summary>Written out rather than a MudChip (two components fewer in every inbox row): it must look the same.</summary>
    [Theory]
    [InlineData(5 * 3600, false)]
    [InlineData(5 * 3600, true)]
    [InlineData(30 * 60, true)]
    [InlineData(5 * 60, false)]
    [InlineData(-60, true)]
    public void Renders_what_the_MudChip_it_replaces_renders(int secondsLeft, bool compact)
    {
        var countdown = Render<WindowCountdown>(p => p.Add(c => c.EndsAt, clock.GetUtcNow() + TimeSpan.FromSeconds(secondsLeft)).Add(c => c.Compact, compact));
        var chip = countdown.Find("[data-testid=window-countdown]");
        var level = WindowCountdown.LevelOf(TimeSpan.FromSeconds(secondsLeft));
        var mud = Render<MudBlazor.MudChip<string>>(p => p
            .Add(c => c.Size, compact ? MudBlazor.Size.Small : MudBlazor.Size.Medium)
            .Add(c => c.Variant, MudBlazor.Variant.Text)
            .Add(c => c.Color, level switch
            {
                WindowCountdown.WindowLevel.Calm => MudBlazor.Color.Primary,
                WindowCountdown.WindowLevel.Warning => MudBlazor.Color.Warning,
                WindowCountdown.WindowLevel.Urgent => MudBlazor.Color.Error,
                _ => MudBlazor.Color.Default,
            })
            .Add(c => c.Icon, level == WindowCountdown.WindowLevel.Closed ? MudBlazor.Icons.Material.Outlined.LockClock : MudBlazor.Icons.Material.Outlined.Schedule)
            .Add(c => c.Class, chip.GetAttribute("class")!.Split(' ').Where(c => c.StartsWith("window-", StringComparison.Ordinal) || c == "compact").Aggregate((a, b) => a + " " + b))
            .AddUnmatched("data-testid", "window-countdown")
            .AddUnmatched("data-level", chip.GetAttribute("data-level")!)
            .AddUnmatched("title", chip.GetAttribute("title")!)
            .AddUnmatched("role", "timer")
            .AddUnmatched("aria-live", "off")
            .AddChildContent(chip.TextContent.Trim()));

        // MudChip numbers its container (chip-container-<guid>); nothing refers to that id.
        countdown.MarkupMatches(System.Text.RegularExpressions.Regex.Replace(mud.Markup, " id=\"chip-container-[0-9a-f-]+\"", ""));
    }
}
