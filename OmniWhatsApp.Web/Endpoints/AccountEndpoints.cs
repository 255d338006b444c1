using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Web.Endpoints;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post (with its antiforgery token) from the header's sign-out button; open to an account that lost
        // its role too, so it can still sign out.
        // The token is checked here (the endpoint binds no form, so nothing else would): without it any site could sign
        // the person out with a form of its own.
        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn, IAntiforgery antiforgery, ILoggerFactory logs, HttpContext context) =>
        {
            var name = context.User.Identity?.Name;
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                logs.CreateLogger("OmniWhatsApp.SignIn").LogWarning("Sign-out of {User} refused: no valid antiforgery token", name);
                return Results.BadRequest();
            }
            await signIn.SignOutAsync();
            logs.CreateLogger("OmniWhatsApp.SignIn").LogInformation("{User} signed out", name);
            return Results.LocalRedirect("~/account/login");
        }).RequireAuthorization(WebApplicationExtensions.SignedInPolicy);

        // A form post from the header's language menu: kept in the account (every device then uses it) and in the
        // sign-in cookie, which is reissued; the page comes back in the new language.
        app.MapPost("/account/language", async ([FromForm] string? language, [FromForm] string? returnUrl,
            UserService users, UserManager<AppUser> userManager, SignInManager<AppUser> signIn, HttpContext context) =>
        {
            var back = LocalReturnPath(returnUrl) ?? "/";
            if (await userManager.GetUserAsync(context.User) is not { } user) return Results.LocalRedirect("~/account/login");
            var saved = await users.SetLanguageAsync(user.Id, string.IsNullOrEmpty(language) ? null : language);
            if (!saved.Succeeded) return Results.BadRequest(saved.FirstMessage);
            user.Language = UiLanguages.Normalize(language);
            await signIn.RefreshSignInAsync(user);
            return Results.LocalRedirect(back);
        }).RequireAuthorization(WebApplicationExtensions.SignedInPolicy);
    }

    /// <summary>A path on this site ("/inbox"), never another site ("//evil.example", "https://…").</summary>
    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    /// <summary>
    /// Where to send someone back after signing in or choosing a language: <paramref name="url"/> if it is a path on this
    /// site, percent-encoded so that it can go into a Location header (a non-ASCII character there was a 500), else
    /// null. Whitespace and control characters are refused outright: browsers drop some of them, which would turn
    /// "/\t/evil.example" into "//evil.example".
    /// </summary>
    internal static string? LocalReturnPath(string? url)
    {
        if (!IsLocal(url) || url!.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))) return null;
        if (!Uri.TryCreate(SiteRoot, url, out var absolute) || absolute.Host != SiteRoot.Host) return null;
        var path = absolute.PathAndQuery + absolute.Fragment;
        return IsLocal(path) ? path : null;
    }

    private static readonly Uri SiteRoot = new("http://site.invalid/");
}
