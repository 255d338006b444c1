using OmniWhatsApp.Web.Components.Shared.Conversations;

namespace OmniWhatsApp.Tests.Web.Components;

/// <summary>The countdown's tone: calm while hours remain, warning in the last hour, urgent in the last 10 minutes.</summary>
public sealed class WindowCountdownTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Theory]
    [InlineData(23 * 60, WindowCountdown.WindowLevel.Calm)]
    [InlineData(60, WindowCountdown.WindowLevel.Warning)]
    [InlineData(11, WindowCountdown.WindowLevel.Warning)]
    [InlineData(10, WindowCountdown.WindowLevel.Urgent)]
    [InlineData(1, WindowCountdown.WindowLevel.Urgent)]
    [InlineData(0, WindowCountdown.WindowLevel.Closed)]
    [InlineData(-5, WindowCountdown.WindowLevel.Closed)]
    public void Level_by_minutes_left(int minutes, WindowCountdown.WindowLevel expected) =>
        Assert.Equal(expected, WindowCountdown.LevelOf(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void Each_level_starts_exactly_at_its_boundary()
    {
        Assert.Equal(WindowCountdown.WindowLevel.Calm, WindowCountdown.LevelOf(TimeSpan.FromHours(1) + Tick));
        Assert.Equal(WindowCountdown.WindowLevel.Warning, WindowCountdown.LevelOf(TimeSpan.FromMinutes(10) + Tick));
        Assert.Equal(WindowCountdown.WindowLevel.Urgent, WindowCountdown.LevelOf(Tick));
    }
}
