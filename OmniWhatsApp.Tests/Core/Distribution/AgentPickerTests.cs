using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Tests.Core.Distribution;

public sealed class AgentPickerTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_agent_with_the_most_free_capacity_gets_the_conversation()
    {
        var picked = AgentPicker.Pick([new("ann", Presence.Available, 3, 2, null), new("bob", Presence.Available, 5, 1, null)], needed: 1);

        Assert.Equal("bob", picked?.AgentId);
    }

    [Fact]
    public void Among_equals_the_one_assigned_longest_ago_goes_first()
    {
        var picked = AgentPicker.Pick(
        [
            new("ann", Presence.Available, 3, 1, T.AddMinutes(5)),
            new("bob", Presence.Available, 3, 1, T),
            new("cid", Presence.Available, 3, 1, T.AddMinutes(1)),
        ], needed: 1);

        Assert.Equal("bob", picked?.AgentId);
    }

    [Fact]
    public void Round_robin_cycles_through_equal_agents()
    {
        var agents = new Dictionary<string, AgentLoad>
        {
            ["ann"] = new("ann", Presence.Available, 10, 0, null),
            ["bob"] = new("bob", Presence.Available, 10, 0, null),
            ["cid"] = new("cid", Presence.Available, 10, 0, null),
        };
        var order = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            // Each conversation uses one unit; free capacity drops, so take it back to keep them equal.
            var picked = AgentPicker.Pick(agents.Values, 1)!;
            order.Add(picked.AgentId);
            agents[picked.AgentId] = picked with { LastAssignedAt = T.AddSeconds(i) };
        }

        Assert.Equal(["ann", "bob", "cid", "ann", "bob", "cid"], order);
    }

    [Theory]
    [InlineData(Presence.Busy)]
    [InlineData(Presence.DoNotDisturb)]
    [InlineData(Presence.Away)]
    [InlineData(Presence.Offline)]
    public void Only_available_agents_receive_pushed_work(Presence presence)
    {
        Assert.Null(AgentPicker.Pick([new("ann", presence, 5, 0, null)], needed: 1));
    }

    [Fact]
    public void Nobody_gets_a_conversation_that_needs_more_than_their_free_capacity()
    {
        Assert.Null(AgentPicker.Pick([new("ann", Presence.Available, 3, 2, null)], needed: 2));
        Assert.Equal("ann", AgentPicker.Pick([new("ann", Presence.Available, 3, 1, null)], needed: 2)?.AgentId);
    }
}
