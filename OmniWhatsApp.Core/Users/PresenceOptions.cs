namespace OmniWhatsApp.Core.Users;

/// <summary>Automatic presence. Bound from the "Presence" configuration section.</summary>
public sealed class PresenceOptions
{
    public const string Section = "Presence";

    /// <summary>
    /// How long all of an agent's browser sessions may be gone (closed tab, lost network, sleeping laptop) before
    /// they are set Offline, so pushed work stops going to someone who is not there.
    /// </summary>
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromMinutes(2);
}
