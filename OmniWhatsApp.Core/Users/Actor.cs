using System.Security.Claims;

namespace OmniWhatsApp.Core.Users;

/// <summary>
/// Who asks a service to act: the signed-in user's id, and whether they may act on every conversation (admins and
/// supervisors) or only on their own (agents). Pages build it from the authentication state with <see cref="From"/>.
/// </summary>
public sealed record Actor(string UserId, bool SeesEverything)
{
    /// <summary>An admin: may change a channel's setup (its bot among it).</summary>
    public bool IsAdmin { get; init; }

    public static Actor From(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Supervisor))
        {
            IsAdmin = user.IsInRole(Roles.Admin),
        };

    public static Actor Admin(string userId) => new(userId, true) { IsAdmin = true };

    public static Actor Agent(string userId) => new(userId, false);

    public static Actor Supervisor(string userId) => new(userId, true);
}
