using Microsoft.AspNetCore.Localization;
using OmniWhatsApp.Core.Localization;

namespace OmniWhatsApp.Web.Hosting;

/// <summary>
/// The console's language for a request: the signed-in person's own choice (kept in their account and carried in
/// their sign-in cookie), else what their browser asks for (Accept-Language), else English. Text and formats
/// (dates, times, numbers) follow the same culture. A Blazor circuit takes the culture of the request that opens it.
/// </summary>
public sealed class UserLanguageCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var chosen = UiLanguages.Normalize(httpContext.User.FindFirst(AppClaimsFactory.LanguageClaim)?.Value);
        return Task.FromResult(chosen is null ? null : new ProviderCultureResult(chosen));
    }

    public static void Configure(RequestLocalizationOptions options)
    {
        var cultures = UiLanguages.All.Select(l => l.Culture).ToList();
        options.DefaultRequestCulture = new RequestCulture(UiLanguages.English);
        options.SupportedCultures = cultures;
        options.SupportedUICultures = cultures;
        // "tr-TR" in Accept-Language means Turkish: fall back from a region to its language.
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        options.RequestCultureProviders = [new UserLanguageCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
    }
}
