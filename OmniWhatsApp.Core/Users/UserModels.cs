namespace OmniWhatsApp.Core.Users;

public sealed class UserInput
{
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = Roles.Agent;
    public int Capacity { get; set; } = 3;

    /// <summary>Required for a new user; for an existing one, empty keeps the password.</summary>
    public string? Password { get; set; }

    public List<int> QueueIds { get; set; } = [];

    /// <summary>True while creating: the password is then required.</summary>
    public bool IsNew { get; set; } = true;
}

public sealed record UserSummary(
    string Id,
    string Email,
    string DisplayName,
    string Role,
    int Capacity,
    IReadOnlyList<string> Queues,
    IReadOnlyList<int> QueueIds,
    DateTimeOffset? LockedUntil)
{
    public bool LockedOut => LockedUntil is not null;

    /// <summary>Locked by an admin (until unlocked), not for a while after wrong passwords.</summary>
    public bool LockedByAdmin => LockedUntil == DateTimeOffset.MaxValue;
}
