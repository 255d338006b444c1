namespace OmniWhatsApp.Web.Hosting;

/// <summary>How soon open sessions learn of a role change or a lock. Bound from the "Security" section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// How often a sign-in cookie and an open Blazor circuit are checked against the user's security stamp. Hub
    /// connections are closed at once.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}
