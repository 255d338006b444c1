using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.HttpOverrides;

namespace OmniWhatsApp.Web.Hosting;

/// <summary>
/// What the browser is told to protect, and which proxy the app believes: response headers (Content-Security-Policy,
/// nosniff, Referrer-Policy, framing), Secure cookies outside Development, and forwarded headers only from the proxies
/// listed in App:KnownProxies (addresses or networks such as 10.0.0.0/8), so that behind TLS the request is known to be
/// https (HSTS, Secure cookies) and a client cannot claim another address by sending the headers itself.
/// </summary>
public static class WebSecurity
{
    private const string NonceKey = "omni.csp-nonce";

    /// <summary>
    /// Scripts only from this site, plus the one inline import map Blazor writes, which carries the response's nonce.
    /// Inline styles are allowed: MudBlazor sets style attributes and writes its theme as a style element. Images may
    /// come from https sites (a template's header image lives on the sender's own server). The hub's WebSocket is this
    /// site ('self' covers ws: and wss: on the same host).
    /// </summary>
    private static string Policy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; " +
        "font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The nonce of this response's Content-Security-Policy, for the page's own inline script.</summary>
    public static string? CspNonce(this HttpContext context) => context.Items[NonceKey] as string;

    public static void AddOmniWebSecurity(this WebApplicationBuilder builder)
    {
        var secure = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = secure);
        builder.Services.ConfigureApplicationCookie(o => o.Cookie.SecurePolicy = secure);

        // Read and checked now, so that a wrong entry stops the start with a clear message.
        var proxies = (builder.Configuration.GetSection("App:KnownProxies").Get<string[]>() ?? [])
            .Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).ToArray();
        var addresses = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var proxy in proxies)
        {
            if (System.Net.IPNetwork.TryParse(proxy, out var network) && proxy.Contains('/')) networks.Add(network);
            else if (IPAddress.TryParse(proxy, out var address)) addresses.Add(address);
            else throw new InvalidOperationException($"App:KnownProxies: '{proxy}' is neither an IP address nor a network such as 10.0.0.0/8.");
        }
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Nothing is believed by default (ASP.NET Core would believe loopback, and with both lists empty, anyone):
            // only the proxies the admin listed.
            options.ForwardedHeaders = proxies.Length == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list still holds loopback by default and is still consulted
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            options.KnownProxies.Clear();
            foreach (var network in networks) options.KnownIPNetworks.Add(network);
            foreach (var address in addresses) options.KnownProxies.Add(address);
        });
    }

    /// <summary>First in the pipeline: the forwarded headers, then the security headers on every response.</summary>
    public static void UseOmniWebSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use((context, next) =>
        {
            var nonce = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = Policy(nonce);
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    /// <summary>
    /// Outside Development the cookies are Secure, so a page over plain HTTP could neither keep a sign-in nor post a form
    /// (the antiforgery system refuses to issue a Secure cookie there): such a request is answered with what to do instead.
    /// Twilio's webhooks and the emulator's API carry no cookies and stay reachable.
    /// </summary>
    public static void UseHttpsOutsideDevelopment(this WebApplication app)
    {
        if (app.Environment.IsDevelopment()) return;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OmniWhatsApp.WebSecurity");
        app.Use(async (context, next) =>
        {
            if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/emulator"))
            {
                await next(context);
                return;
            }
            logger.LogWarning("A plain HTTP request for {Path} from {Client} was refused: serve the app over HTTPS, or list the TLS proxy in App:KnownProxies",
                context.Request.Path.Value, context.Connection.RemoteIpAddress?.ToString());
            var L = context.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<OmniWhatsApp.Core.Localization.Strings>>();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(L["OmniWhatsApp needs HTTPS. Open it at its https:// address; an admin who runs it behind a TLS proxy lists that proxy in App:KnownProxies."]);
        });
    }
}
