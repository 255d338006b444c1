using System.Net;
using System.Text.RegularExpressions;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Endpoints;

[Collection(AppCollection.Name)]
public sealed partial class StaticAssetsTests(AppHost app)
{
    [Fact]
    public async Task Blazor_script_is_served_to_anonymous_visitors()
    {
        using var http = app.CreateHttpClient();

        using var response = await http.GetAsync("_framework/blazor.web.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Blazor", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_link_fingerprinted_scripts_and_styles_that_are_served_compressed()
    {
        using var http = app.CreateHttpClient();
        var page = await http.GetStringAsync("account/login");

        var assets = AssetLink().Matches(page).Select(m => m.Groups["url"].Value).ToList();
        Assert.Contains(assets, a => FingerprintedBlazorScript().IsMatch(a));
        Assert.Contains(assets, a => a.StartsWith("app.", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));

        Assert.Contains(assets, a => a.StartsWith("_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        // A build compresses the app's own files; packages' files (_content/…) are compressed when the app is published.
        foreach (var asset in assets.Where(a => !a.StartsWith("_content/", StringComparison.Ordinal)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, asset);
            request.Headers.AcceptEncoding.ParseAdd("gzip");
            using var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {response.StatusCode}");
            Assert.True(response.Content.Headers.ContentEncoding.Contains("gzip"), $"{asset} is not compressed: {response.Headers} {response.Content.Headers}");
        }
    }

    [GeneratedRegex(@"(?:src|href)=""(?<url>[^""]+\.[a-z0-9]{8,}\.(?:styles\.)?(?:js|css))""")]
    private static partial Regex AssetLink();

    [GeneratedRegex(@"^_framework/blazor\.web\.[a-z0-9]+\.js$")]
    private static partial Regex FingerprintedBlazorScript();
}
