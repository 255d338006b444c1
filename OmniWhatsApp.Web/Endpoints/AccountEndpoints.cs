using Microsoft.AspNetCore.Identity;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Web.Endpoints;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post (with its antiforgery token) from the header's sign-out button; open to an account that lost
        // its role too, so it can still sign out.
        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn, ILoggerFactory logs, HttpContext context) =>
        {
            var name = context.User.Identity?.Name;
            await signIn.SignOutAsync();
            logs.CreateLogger("OmniWhatsApp.SignIn").LogInformation("{User} signed out", name);
            return TypedResults.LocalRedirect("~/account/login");
        }).RequireAuthorization(WebApplicationExtensions.SignedInPolicy);
    }
}
