namespace OmniWhatsApp.Core.Users;

public enum Presence
{
    Available = 0,
    Busy = 1,
    DoNotDisturb = 2,
    Away = 3,
    Offline = 4,
}

/// <summary>
/// An agent's presence. <see cref="Presence"/> is what everyone sees and what distribution uses;
/// <see cref="Preferred"/> is what the agent last chose, restored when they come back after being set Offline
/// because all their browser sessions were gone.
/// </summary>
public class AgentStatus
{
    public required string UserId { get; set; }
    public AppUser? User { get; set; }
    public Presence Presence { get; set; } = Presence.Offline;
    public Presence Preferred { get; set; } = Presence.Available;
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>When the agent's last browser session closed; null while one is open.</summary>
    public DateTimeOffset? DisconnectedAt { get; set; }

    /// <summary>When push distribution last gave this agent a conversation: round robin among equals.</summary>
    public DateTimeOffset? LastAssignedAt { get; set; }
}
