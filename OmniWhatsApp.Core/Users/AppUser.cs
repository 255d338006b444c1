using Microsoft.AspNetCore.Identity;

namespace OmniWhatsApp.Core.Users;

/// <summary>A person who signs in: admin, supervisor or agent.</summary>
public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Capacity units this agent can hold at once.</summary>
    public int Capacity { get; set; } = 3;

    /// <summary>The colour scheme this person chose: dark, light, or null to follow their device.</summary>
    public bool? DarkMode { get; set; }

    /// <summary>The console language this person chose ("en", "tr", "ru"), or null to follow their browser.</summary>
    public string? Language { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Supervisor = "Supervisor";
    public const string Agent = "Agent";
    public static readonly IReadOnlyList<string> All = [Admin, Supervisor, Agent];

    public const string AdminOrSupervisor = Admin + "," + Supervisor;

    /// <summary>Any of the product's roles: a signed-in account with none of them may see nothing.</summary>
    public const string Any = Admin + "," + Supervisor + "," + Agent;
}
