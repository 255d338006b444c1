using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Web.Hosting;

/// <summary>
/// Whether a signed-in principal still stands: the user exists, is not locked out, and their security stamp is the one
/// the principal was issued with (a role change or a lock renews it). Used where a sign-in lives longer than one
/// request: Blazor circuits (<see cref="RevalidatingAuthenticationStateProvider"/>) and hub connections.
/// </summary>
public sealed class SessionCheck(IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal)
    {
        // A scope of its own: the user manager must read the database now, not a cached user.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || await users.IsLockedOutAsync(user)) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp is not null && stamp == await users.GetSecurityStampAsync(user);
    }
}
