using System.Net;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Endpoints;

/// <summary>Signed links to agents' uploads: made for one file, valid until they expire, refused otherwise.</summary>
[Trait("Storage", "Both")]
public sealed class PublicMediaLinkTests(ClockHost host) : IClassFixture<ClockHost>
{
    private PublicMediaLinks Links => host.App.GetRequiredService<PublicMediaLinks>();

    [Fact]
    public void A_link_is_valid_for_its_file_until_it_expires()
    {
        var link = Links.Create(42, TimeSpan.FromMinutes(10));
        var (expires, sig) = Parts(link);

        Assert.Equal(host.App.Url("media/public/42").AbsolutePath, link.AbsolutePath);
        Assert.Equal(host.Clock.Now.AddMinutes(10).ToUnixTimeSeconds(), expires);
        Assert.Equal(MediaLinkCheck.Valid, Links.Check(42, expires, sig));
        Assert.Equal(MediaLinkCheck.Forged, Links.Check(43, expires, sig));
        Assert.Equal(MediaLinkCheck.Forged, Links.Check(42, expires + 60, sig));
        Assert.Equal(MediaLinkCheck.Forged, Links.Check(42, expires, sig[..^2] + (sig.EndsWith("AA") ? "BB" : "AA")));
        Assert.Equal(MediaLinkCheck.Forged, Links.Check(42, expires, "not-base64!"));
        Assert.Equal(MediaLinkCheck.Forged, Links.Check(42, expires, null));

        host.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(MediaLinkCheck.Expired, Links.Check(42, expires, sig));
    }

    [Fact]
    public async Task The_endpoint_answers_403_without_a_valid_signature_and_404_for_a_valid_link_to_no_file()
    {
        using var anonymous = host.App.CreateHttpClient();
        var (expires, sig) = Parts(Links.Create(long.MaxValue - 1));

        using var missing = await anonymous.GetAsync(Links.Create(long.MaxValue - 1));
        using var unsigned = await anonymous.GetAsync($"media/public/{long.MaxValue - 1}?expires={expires}");
        using var forged = await anonymous.GetAsync($"media/public/{long.MaxValue - 2}?expires={expires}&sig={sig}");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    private static (long Expires, string Sig) Parts(Uri link)
    {
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        return (long.Parse(query["expires"]!), query["sig"]!);
    }
}
