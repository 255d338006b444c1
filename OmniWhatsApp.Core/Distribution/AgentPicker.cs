using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.Distribution;

/// <summary>An agent as push distribution sees them: presence, capacity and what they already hold.</summary>
public sealed record AgentLoad(string AgentId, Presence Presence, int Capacity, int Used, DateTimeOffset? LastAssignedAt)
{
    public int Free => Capacity - Used;
}

/// <summary>
/// Push distribution's choice: among Available agents with room for the conversation, the one with the most
/// free capacity; among equals, the one who got a conversation longest ago (round robin).
/// </summary>
public static class AgentPicker
{
    public static AgentLoad? Pick(IEnumerable<AgentLoad> agents, int needed) =>
        agents.Where(a => a.Presence == Presence.Available && a.Free >= needed)
            .OrderByDescending(a => a.Free)
            .ThenBy(a => a.LastAssignedAt ?? DateTimeOffset.MinValue)
            .ThenBy(a => a.AgentId, StringComparer.Ordinal)
            .FirstOrDefault();
}
