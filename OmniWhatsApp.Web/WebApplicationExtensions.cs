using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Web.Components;
using OmniWhatsApp.Web.Emulator;
using OmniWhatsApp.Web.Endpoints;
using OmniWhatsApp.Web.Components.Shared;
using OmniWhatsApp.Web.Hosting;
using OmniWhatsApp.Web.Hubs;
using MudBlazor.Services;

namespace OmniWhatsApp.Web;

public static class WebApplicationExtensions
{
    /// <summary>Signed in, whatever the role (or none): for signing out.</summary>
    public const string SignedInPolicy = "SignedIn";

    /// <summary>
    /// The settings file lives at the repository root and is copied beside the app's assembly. `dotnet run`
    /// uses the project folder as content root, where there is no copy, so read the one beside the assembly
    /// first; environment variables and the command line still override it.
    /// </summary>
    public static void AddRootSettings(this WebApplicationBuilder builder)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(beside) || File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json"))) return;
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        });
    }

    public static void AddOmniWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Log lines that nothing typed by a user can break: JSON in production (for log collectors), one escaped line
        // per entry elsewhere.
        if (builder.Environment.IsProduction()) builder.Logging.AddJsonConsole();
        else builder.Logging.AddConsole(o => o.FormatterName = OneLineConsoleFormatter.Name).AddConsoleFormatter<OneLineConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Presence: an agent whose browser tabs are all gone goes Offline after the grace.
        services.AddScoped<CircuitHandler, PresenceCircuitHandler>();
        // Back links: each tab's previous page (a circuit handler, so it exists from the tab's first page on).
        services.AddScoped<NavigationTrail>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<NavigationTrail>());
        services.AddConversationHub(builder.Configuration);
        services.AddHostedService<HubEventForwarder>();
        services.AddMudServices();
        services.AddPackageAssetCompression();
        services.AddTransient<MudBlazor.MudLocalizer, OmniMudLocalizer>();
        services.Configure<RequestLocalizationOptions>(UserLanguageCultureProvider.Configure);
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();

        services.AddIdentity<AppUser, Microsoft.AspNetCore.Identity.IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = UserInputValidator.MinPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<OmniDbContext>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddDefaultTokenProviders();

        // Role changes and locks renew the user's security stamp: sign-in cookies and Blazor circuits check it this often.
        services.AddOptions<SecurityOptions>().Bind(builder.Configuration.GetSection(SecurityOptions.Section))
            .Validate(o => o.RevalidationInterval > TimeSpan.Zero, "Security:RevalidationInterval must be more than 0")
            .ValidateOnStart();
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<SecurityOptions>>((o, security) => o.ValidationInterval = security.Value.RevalidationInterval);
        services.AddOptions<SignInLimitOptions>().Bind(builder.Configuration.GetSection(SignInLimitOptions.Section))
            .Validate(o => o.AttemptsPerClient > 0 && o.AttemptsPerAccount > 0 && o.ClientWindow > TimeSpan.Zero && o.AccountWindow > TimeSpan.Zero,
                "Security:SignIn needs attempts above 0 and windows longer than 0")
            .ValidateOnStart();
        services.AddSingleton<SignInGuard>();
        services.AddSingleton<SessionCheck>();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "omniwhatsapp.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
            // Signing in on the sign-in page honours its ReturnUrl here, before the page's own redirect: the same checks,
            // and percent-encoded (a non-ASCII character in the Location header was a 500).
            options.Events.OnRedirectToReturnUrl = context =>
            {
                context.Response.Redirect(AccountEndpoints.LocalReturnPath(context.RedirectUri) ?? "/");
                return Task.CompletedTask;
            };
            // People are sent to the sign-in or access-denied page; programs (API paths, media fetched by a script or an
            // <img>, the hub) get 401/403, not a redirect they would follow to an HTML page.
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        // Every endpoint needs a signed-in user with one of the product's roles unless it says otherwise (sign-in
        // page, Twilio's webhooks): an account without a role, or whose role was taken away, reaches nothing.
        var staff = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.All).Build();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(staff)
            .SetFallbackPolicy(staff)
            .AddPolicy(SignedInPolicy, policy => policy.RequireAuthenticatedUser());

        builder.AddOmniWebSecurity();
        services.AddSingleton<IPublicUrls, ServerUrls>();
        services.AddSingleton<ITwilioEndpoints>(sp =>
        {
            var twilio = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<TwilioOptions>>().Value;
            return twilio.Live ? new LiveTwilioEndpoints(twilio) : new EmulatorTwilioEndpoints(sp.GetRequiredService<ServerUrls>());
        });
        services.AddSingleton(sp => (ServerUrls)sp.GetRequiredService<IPublicUrls>());
        services.AddTwilioEmulator(builder.Configuration);
        services.AddScoped<DemoData>();
        services.AddOptions<InboxOptions>().Bind(builder.Configuration.GetSection(InboxOptions.Section))
            .Validate(o => o.CountdownRefresh > TimeSpan.Zero && o.CountdownRefresh <= TimeSpan.FromMinutes(1),
                "Inbox:CountdownRefresh must be between 0 and 1 minute")
            .ValidateOnStart();
    }

    public static void UseOmniPipeline(this WebApplication app)
    {
        app.UseOmniWebSecurity();
        app.UsePackageAssetCompression();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        // People get the "page not found" page; machines (Twilio, API clients, the hub) get the bare status code.
        // Not in a UseWhen branch: a branch re-executes without routing, so the page came back empty.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (!IsPageRequest(context) && context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
            return next(context);
        });
        app.UseAuthentication();
        app.UseRequestLocalization();
        app.UseHttpsOutsideDevelopment();
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (WantsPage(context.HttpContext)) context.Response.Redirect(context.RedirectUri);
        else context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Whether a refused request should get a page: never under /api/; a browser's page navigation (Sec-Fetch-Mode
    /// navigate, or an Accept that asks for HTML); and, as before, a GET of a page path (<see cref="IsPageRequest"/>).
    /// </summary>
    private static bool WantsPage(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api")) return false;
        // Blazor's enhanced navigation fetches pages (mode cors) but asks for HTML, and follows the redirect itself.
        if (request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)) return true;
        var fetchMode = request.Headers["Sec-Fetch-Mode"].ToString();
        if (fetchMode.Length > 0) return string.Equals(fetchMode, "navigate", StringComparison.OrdinalIgnoreCase);
        return IsPageRequest(context);
    }

    private static bool IsPageRequest(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && !context.Request.Path.StartsWithSegments("/api")
        && !context.Request.Path.StartsWithSegments("/emulator")
        && !context.Request.Path.StartsWithSegments("/hubs")
        && !context.Request.Path.StartsWithSegments("/media");

    public static void MapOmniEndpoints(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapTwilioWebhooks();
        app.MapApiFallback();
        app.MapMedia();
        app.MapHub<ConversationHub>(ConversationHub.Path);
        if (app.Services.GetRequiredService<ITwilioEndpoints>().IsEmulator) app.MapTwilioEmulator();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
