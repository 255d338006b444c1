using System.Net;
using System.Text.RegularExpressions;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Endpoints;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Web.Hosting;

/// <summary>Where signing in (or choosing a language) sends a person back to.</summary>
[Collection(AppCollection.Name)]
public sealed partial class SignInRedirectTests(AppHost app)
{

    [Theory]
    [InlineData("/inbox", "/inbox")]
    [InlineData("/admin/workstreams?tab=2#top", "/admin/workstreams?tab=2#top")]
    [InlineData("/\u3000/evil.example", null)]
    [InlineData("/müşteri", "/m%C3%BC%C5%9Fteri")]
    [InlineData("//evil.example", null)]
    [InlineData("/\\evil.example", null)]
    [InlineData("/\t/evil.example", null)]
    [InlineData("/\n/evil.example", null)]
    [InlineData("/ /evil.example", null)]
    [InlineData("https://evil.example/", null)]
    [InlineData("evil.example", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_return_address_stays_on_the_site_and_fits_a_header(string? asked, string? expected)
    {
        var path = AccountEndpoints.LocalReturnPath(asked);

        Assert.Equal(expected, path);
        if (path is not null) Assert.True(path.All(char.IsAscii), path);
    }

    [Theory]
    [InlineData("/%E3%80%80/evil.example", "/")]
    [InlineData("//evil.example/x", "/")]
    [InlineData("/%09/evil.example", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData("/supervisor", "/supervisor")]
    public async Task Signing_in_with_a_return_address_never_fails_and_never_leaves_the_site(string returnUrl, string expected)
    {
        var cookies = new CookieContainer();
        using var http = app.CreateHttpClient(followRedirects: false, cookies: cookies);
        var url = app.Url("account/login?ReturnUrl=" + Uri.EscapeDataString(Uri.UnescapeDataString(returnUrl)));

        using var response = await HubClient.PostSignInFormAsync(http, url, DemoData.Supervisor.Email, DemoData.Supervisor.Password);

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found,
            $"sign-in answered {(int)response.StatusCode}: {app.Logs.LastOrDefault(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error)?.Exception}");
        var location = response.Headers.Location!;
        var target = location.IsAbsoluteUri ? location : new Uri(app.BaseUrl, location);
        Assert.Equal(app.BaseUrl.Authority, target.Authority);
        Assert.Equal(expected, target.PathAndQuery);
    }
}
