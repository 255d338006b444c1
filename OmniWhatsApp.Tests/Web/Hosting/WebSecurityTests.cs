using System.Net;
using System.Text.RegularExpressions;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Hosting;

/// <summary>
/// What the browser is told to enforce (CSP, nosniff, Referrer-Policy, no framing), Secure cookies outside Development,
/// HSTS behind TLS, and forwarded headers believed only from the proxies an admin listed.
/// </summary>
public sealed partial class WebSecurityTests
{
    [Fact]
    public async Task Pages_files_and_refusals_all_carry_the_security_headers_and_the_pages_import_map_carries_the_policys_nonce()
    {
        await using var app = await AppHost.StartAsync();
        using var http = app.CreateHttpClient();

        foreach (var path in new[] { "account/login", "app.css", "no-such-page", "api/twilio/not-a-guid/whatsapp", "inbox" })
        {
            using var response = await http.GetAsync(app.Url(path));
            var headers = response.Headers;
            Assert.Equal("nosniff", Assert.Single(headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("same-origin", Assert.Single(headers.GetValues("Referrer-Policy")));
            Assert.Equal("DENY", Assert.Single(headers.GetValues("X-Frame-Options")));
            var policy = Assert.Single(headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.Contains("object-src 'none'", policy);
            Assert.DoesNotContain("unsafe-eval", policy);
            Assert.DoesNotMatch("script-src[^;]*'unsafe-inline'", policy);
        }

        using var page = await http.GetAsync(app.Url("account/login"));
        var html = await page.Content.ReadAsStringAsync();
        var nonce = ScriptSrcNonce().Match(Assert.Single(page.Headers.GetValues("Content-Security-Policy"))).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Matches($"<script[^>]*type=\"importmap\"[^>]*nonce=\"{Regex.Escape(nonce)}\"|<script[^>]*nonce=\"{Regex.Escape(nonce)}\"[^>]*type=\"importmap\"", html);
        // A new nonce for every response.
        using var again = await http.GetAsync(app.Url("account/login"));
        Assert.NotEqual(nonce, ScriptSrcNonce().Match(Assert.Single(again.Headers.GetValues("Content-Security-Policy"))).Groups[1].Value);
    }

    [Fact]
    public async Task Forwarded_headers_are_believed_only_from_a_listed_proxy()
    {
        await using var untrusted = await AppHost.StartAsync();
        Assert.False(await AntiforgeryCookieIsSecureAsync(untrusted, forwardedProto: "https"));

        await using var behindProxy = await AppHost.StartAsync(o => o.With("App:KnownProxies:0", "127.0.0.1"));
        Assert.True(await AntiforgeryCookieIsSecureAsync(behindProxy, forwardedProto: "https"));
        Assert.False(await AntiforgeryCookieIsSecureAsync(behindProxy, forwardedProto: null));
    }

    [Fact]
    public async Task Outside_development_cookies_are_secure_plain_http_pages_say_to_use_https_and_https_gets_HSTS()
    {
        await using var app = await AppHost.StartAsync(o =>
        {
            o.Environment = "Production";
            o.With("App:KnownProxies:0", "127.0.0.0/8");
        });
        using var http = app.CreateHttpClient();

        using var plain = await http.GetAsync(app.Url("account/login"));
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.StartsWith("OmniWhatsApp needs HTTPS.", await plain.Content.ReadAsStringAsync());
        Assert.False(plain.Headers.Contains("Set-Cookie"));
        // Twilio's webhooks carry no cookies and are not turned away for it (this one is refused for its unknown account).
        using var webhook = await http.PostAsync(app.Url($"api/twilio/{Guid.NewGuid()}/inbound"), new FormUrlEncodedContent([]));
        Assert.NotEqual(HttpStatusCode.BadRequest, webhook.StatusCode);

        Assert.True(await AntiforgeryCookieIsSecureAsync(app, forwardedProto: "https"));
        using var request = new HttpRequestMessage(HttpMethod.Get, app.Url("account/login"));
        request.Headers.Add("X-Forwarded-Proto", "https");
        // HSTS is never sent to localhost names; a real host name gets it.
        request.Headers.Host = "support.example.com";
        using var tls = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, tls.StatusCode);
        Assert.Contains("max-age=", Assert.Single(tls.Headers.GetValues("Strict-Transport-Security")));
    }

    private static async Task<bool> AntiforgeryCookieIsSecureAsync(AppHost app, string? forwardedProto)
    {
        using var http = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, app.Url("account/login"));
        if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        return cookie.Split(';').Any(part => part.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex("script-src[^;]*'nonce-([^']+)'")]
    private static partial Regex ScriptSrcNonce();
}
