using Bunit;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Tests.Components;

public sealed class LoadBarTests : ComponentTest
{
    [Theory]
    [InlineData(0, 3, "Idle")]
    [InlineData(2, 3, "Room")]
    [InlineData(3, 3, "Full")]
    [InlineData(4, 3, "Over")]
    [InlineData(0, 0, "Idle")]
    public void Shows_the_load_against_the_capacity_and_how_full_that_is(int used, int capacity, string state)
    {
        var bar = Render<LoadBar>(p => p.Add(b => b.Used, used).Add(b => b.Capacity, capacity));

        var load = bar.Find("[data-testid=load]");
        Assert.Equal($"{used} / {capacity}", load.QuerySelector(".load-text")!.TextContent.Trim());
        Assert.Equal(state, load.GetAttribute("data-state"));
        Assert.Equal($"{used} of {capacity} capacity units in use", load.GetAttribute("title"));
    }

    [Fact]
    public void Over_capacity_is_said_with_a_warning_sign_not_by_colour_alone()
    {
        var over = Render<LoadBar>(p => p.Add(b => b.Used, 5).Add(b => b.Capacity, 3));
        var full = Render<LoadBar>(p => p.Add(b => b.Used, 3).Add(b => b.Capacity, 3));

        Assert.Equal("Over capacity", over.Find(".load-over-icon").GetAttribute("aria-label"));
        Assert.Empty(full.FindAll(".load-over-icon"));
    }

    [Fact]
    public void The_bar_fills_in_proportion_and_stops_at_full()
    {
        var half = Render<LoadBar>(p => p.Add(b => b.Used, 1).Add(b => b.Capacity, 2));
        var over = Render<LoadBar>(p => p.Add(b => b.Used, 6).Add(b => b.Capacity, 3));

        Assert.Equal("50", half.Find("[role=progressbar]").GetAttribute("aria-valuenow"));
        Assert.Equal("100", over.Find("[role=progressbar]").GetAttribute("aria-valuenow"));
    }
}
