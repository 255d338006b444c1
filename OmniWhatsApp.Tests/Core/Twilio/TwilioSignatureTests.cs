using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Tests.Core.Twilio;

/// <summary>The worked example from Twilio's SDK tests, and what tampering does to it.</summary>
public sealed class TwilioSignatureTests
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
    public void Computes_Twilios_documented_signature()
    {
        Assert.Equal("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioSignature.Compute(Url, Params, Token));
        Assert.Equal("kvajT1Ptam85bY51eRf/AJRuM3w=", TwilioSignature.Compute("https://mycompany.com:443/myapp.php?foo=1&bar=2", Params, Token));
    }

    [Fact]
    public void Accepts_the_signature_with_or_without_the_default_port()
    {
        Assert.True(TwilioSignature.IsValid(Url, Params, Token, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        Assert.True(TwilioSignature.IsValid(Url, Params, Token, "kvajT1Ptam85bY51eRf/AJRuM3w="));
        Assert.True(TwilioSignature.IsValid("https://mycompany.com:443/myapp.php?foo=1&bar=2", Params, Token, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    [Theory]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=3")]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://evil.com/myapp.php?foo=1&bar=2")]
    public void Rejects_a_tampered_url(string url)
    {
        Assert.False(TwilioSignature.IsValid(url, Params, Token, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    [Fact]
    public void Rejects_tampered_params_an_added_param_and_the_wrong_token()
    {
        var changed = new Dictionary<string, string>(Params) { ["Digits"] = "1235" };
        var added = new Dictionary<string, string>(Params) { ["Body"] = "hi" };
        Assert.False(TwilioSignature.IsValid(Url, changed, Token, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        Assert.False(TwilioSignature.IsValid(Url, added, Token, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        Assert.False(TwilioSignature.IsValid(Url, Params, "12346", "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        Assert.False(TwilioSignature.IsValid(Url, Params, Token, null));
        Assert.False(TwilioSignature.IsValid(Url, Params, Token, ""));
    }

    [Fact]
    public void Sorts_parameter_names_ordinally()
    {
        // Culture-aware sorting puts "Mediaurl" before "MediaUrl0"; Twilio sorts by code point.
        var form = new Dictionary<string, string> { ["MediaUrl0"] = "a", ["Mediaurl"] = "b" };
        var expected = TwilioSignature.Compute("https://x.test/", new Dictionary<string, string>(), "t");
        Assert.NotEqual(expected, TwilioSignature.Compute("https://x.test/", form, "t"));
        using var hmac = new System.Security.Cryptography.HMACSHA1(System.Text.Encoding.UTF8.GetBytes("t"));
        var manual = Convert.ToBase64String(hmac.ComputeHash(System.Text.Encoding.UTF8.GetBytes("https://x.test/MediaUrl0aMediaurlb")));
        Assert.Equal(manual, TwilioSignature.Compute("https://x.test/", form, "t"));
    }
}
