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
        // A build compresses the app's own files; packages' files (_content/…, MudBlazor's 620 KB stylesheet) are
        // compressed on the way out (a published app has compressed copies of them too).
        foreach (var asset in assets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, asset);
            request.Headers.AcceptEncoding.ParseAdd("gzip");
            using var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {response.StatusCode}");
            Assert.True(response.Content.Headers.ContentEncoding.Contains("gzip"), $"{asset} is not compressed: {response.Headers} {response.Content.Headers}");
        }
    }

    [Fact]
    public async Task MudBlazor_stylesheet_arrives_compressed_and_whole()
    {
        using var http = app.CreateHttpClient();
        var page = await http.GetStringAsync("account/login");
        var stylesheet = AssetLink().Matches(page).Select(m => m.Groups["url"].Value).Single(a => a.StartsWith("_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        var plain = await http.GetByteArrayAsync(stylesheet);

        using var request = new HttpRequestMessage(HttpMethod.Get, stylesheet);
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("br", response.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < plain.Length / 5, $"{compressed.Length:N0} bytes compressed of {plain.Length:N0}");
        await using var brotli = new System.IO.Compression.BrotliStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
        using var whole = new MemoryStream();
        await brotli.CopyToAsync(whole);
        Assert.Equal(plain, whole.ToArray());
    }

    [GeneratedRegex(@"(?:src|href)=""(?<url>[^""]+\.[a-z0-9]{8,}\.(?:styles\.)?(?:js|css))""")]
    private static partial Regex AssetLink();

    [GeneratedRegex(@"^_framework/blazor\.web\.[a-z0-9]+\.js$")]
    private static partial Regex FingerprintedBlazorScript();
}
