using System.Security.Cryptography;
using System.Text;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Web.Emulator;

/// <summary>The emulator's own request signing, against Twilio's published example and Twilio's SDK.</summary>
public sealed class EmulatorSignatureTests
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static readonly Dictionary<string, string> Params = new()
    {
        ["CallSid"] = "CA1234567890ABCDE",
        ["Caller"] = "+14158675309",
        ["Digits"] = "1234",
        ["From"] = "+14158675309",
        ["To"] = "+18005551212",
    };

    [Fact]
    public void Signs_Twilios_published_example_as_Twilio_does()
    {
        Assert.Equal("RSOYDt4T1cUTdK1PDd93/VVr8B8=", EmulatorSignature.Compute(Url, Params, Token));
        Assert.Equal("kvajT1Ptam85bY51eRf/AJRuM3w=", EmulatorSignature.Compute("https://mycompany.com:443/myapp.php?foo=1&bar=2", Params, Token));
    }

    [Fact]
    public void Sorts_parameter_names_ordinally()
    {
        var form = new Dictionary<string, string> { ["Mediaurl"] = "b", ["MediaUrl0"] = "a" };
        var manual = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes("t"), Encoding.UTF8.GetBytes("https://x.test/MediaUrl0aMediaurlb")));

        Assert.Equal(manual, EmulatorSignature.Compute("https://x.test/", form, "t"));
    }

    [Fact]
    public void Twilios_SDK_accepts_what_it_signs()
    {
        var form = new Dictionary<string, string> { ["MessageSid"] = "SM" + new string('a', 32), ["Body"] = "Grüße, ünïcödé ✓", ["NumMedia"] = "0" };
        var url = "http://127.0.0.1:5080/api/twilio/3f2b/inbound?x=1";

        var signature = EmulatorSignature.Compute(url, form, Token);

        Assert.True(TwilioSignatures.IsValid(url, form, Token, signature));
        Assert.False(TwilioSignatures.IsValid(url, form, "54321", signature));
    }
}
