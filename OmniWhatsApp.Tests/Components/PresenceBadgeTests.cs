using Bunit;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Tests.Components;

public sealed class PresenceBadgeTests : ComponentTest
{
    [Theory]
    [InlineData(Presence.Available, "Available", "presence-available")]
    [InlineData(Presence.Busy, "Busy", "presence-busy")]
    [InlineData(Presence.DoNotDisturb, "Do not disturb", "presence-donotdisturb")]
    [InlineData(Presence.Away, "Away", "presence-away")]
    [InlineData(Presence.Offline, "Offline", "presence-offline")]
    public void Names_the_presence_beside_its_coloured_dot(Presence presence, string label, string dotClass)
    {
        var badge = Render<PresenceBadge>(p => p.Add(b => b.Value, presence));

        Assert.Equal(presence.ToString(), badge.Find("[data-testid=presence-badge]").GetAttribute("data-presence"));
        Assert.Equal(label, badge.Find(".presence-text").TextContent);
        var dot = badge.Find(".presence-dot");
        Assert.Contains(dotClass, dot.ClassList);
        Assert.Equal("true", dot.GetAttribute("aria-hidden"));
    }

    [Fact]
    public void The_dot_alone_is_named_for_screen_readers_and_on_hover()
    {
        var badge = Render<PresenceBadge>(p => p.Add(b => b.Value, Presence.DoNotDisturb).Add(b => b.DotOnly, true));

        Assert.Empty(badge.FindAll(".presence-text"));
        var dot = badge.Find(".presence-dot");
        Assert.Equal("img", dot.GetAttribute("role"));
        Assert.Equal("Do not disturb", dot.GetAttribute("aria-label"));
        Assert.Equal("Do not disturb", dot.GetAttribute("title"));
    }
}
