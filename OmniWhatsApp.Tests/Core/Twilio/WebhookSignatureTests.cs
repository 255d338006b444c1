using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Tests.Core.Twilio;

/// <summary>
/// The app's webhook signature check (Twilio's SDK underneath): Twilio's published example, tampering, and the
/// HMAC-SHA256 shared-key signatures Twilio's signature settings header announces.
/// </summary>
public sealed class WebhookSignatureTests
{
    // Twilio's worked example (its SDKs' tests).
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string Signature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    private const string SignatureWithPort = "kvajT1Ptam85bY51eRf/AJRuM3w=";

    private const string KeyId = "webhooks_sharedkey_01JTESTKEY0000000000000000";
    private const string SharedSecret = "s3cr3t-shared-key-of-the-webhook-setting";
    private const string Sha256Settings = $"key={KeyId},algorithm=HMAC_SHA256";

    private static readonly Dictionary<string, string> Params = new()
    {
        ["CallSid"] = "CA1234567890ABCDE",
        ["Caller"] = "+14158675309",
        ["Digits"] = "1234",
        ["From"] = "+14158675309",
        ["To"] = "+18005551212",
    };

    private readonly WebhookSignature signatures = new(Options.Create(new TwilioOptions { WebhookSharedKeys = { [KeyId] = SharedSecret } }));

    [Fact]
    public void Twilios_published_example_passes_with_or_without_the_default_port()
    {
        Assert.True(signatures.Check(Url, Params, Token, Signature, settings: null).IsValid);
        Assert.True(signatures.Check(Url, Params, Token, SignatureWithPort, settings: null).IsValid);
        Assert.True(signatures.Check("https://mycompany.com:443/myapp.php?foo=1&bar=2", Params, Token, Signature, settings: null).IsValid);
    }

    [Theory]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=3")]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://evil.com/myapp.php?foo=1&bar=2")]
    public void A_tampered_url_fails(string url)
    {
        var check = signatures.Check(url, Params, Token, Signature, settings: null);

        Assert.False(check.IsValid);
        Assert.Equal("invalid X-Twilio-Signature (HMAC_SHA1)", check.Reason);
    }

    [Fact]
    public void Tampered_or_added_params_another_token_and_no_signature_fail()
    {
        Assert.False(signatures.Check(Url, new Dictionary<string, string>(Params) { ["Digits"] = "1235" }, Token, Signature, null).IsValid);
        Assert.False(signatures.Check(Url, new Dictionary<string, string>(Params) { ["Body"] = "hi" }, Token, Signature, null).IsValid);
        Assert.False(signatures.Check(Url, Params, "12346", Signature, null).IsValid);
        Assert.Equal(new SignatureCheck(false, "missing X-Twilio-Signature"), signatures.Check(Url, Params, Token, null, null));
        Assert.Equal(new SignatureCheck(false, "missing X-Twilio-Signature"), signatures.Check(Url, Params, Token, "", null));
    }

    [Fact]
    public void Parameter_names_are_sorted_ordinally()
    {
        // Culture-aware sorting puts "Mediaurl" before "MediaUrl0"; Twilio sorts by code point.
        var form = new Dictionary<string, string> { ["Mediaurl"] = "b", ["MediaUrl0"] = "a" };
        var signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes("t"), Encoding.UTF8.GetBytes("https://x.test/MediaUrl0aMediaurlb")));

        Assert.True(signatures.Check("https://x.test/", form, "t", signature, null).IsValid);
    }

    [Fact]
    public void An_HMAC_SHA256_request_signed_with_the_shared_key_named_in_the_settings_header_passes()
    {
        var signature = Sha256(SharedSecret, Url, Params);

        Assert.Equal(SignatureCheck.Valid, signatures.Check(Url, Params, Token, signature, Sha256Settings));
        // The same signature without the header would be checked as HMAC-SHA1 with the token.
        Assert.False(signatures.Check(Url, Params, Token, signature, settings: null).IsValid);
    }

    [Fact]
    public void An_HMAC_SHA256_request_with_the_default_port_added_passes_too()
    {
        var signature = Sha256(SharedSecret, "https://mycompany.com:443/myapp.php?foo=1&bar=2", Params);

        Assert.True(signatures.Check(Url, Params, Token, signature, Sha256Settings).IsValid);
    }

    [Fact]
    public void An_HMAC_SHA256_request_fails_when_signed_with_the_auth_token_tampered_or_sent_as_SHA1()
    {
        Assert.Equal(new SignatureCheck(false, "invalid X-Twilio-Signature (HMAC_SHA256)"),
            signatures.Check(Url, Params, Token, Sha256(Token, Url, Params), Sha256Settings));
        Assert.False(signatures.Check(Url, new Dictionary<string, string>(Params) { ["To"] = "+18005551213" }, Token, Sha256(SharedSecret, Url, Params), Sha256Settings).IsValid);
        Assert.False(signatures.Check(Url, Params, Token, Signature, Sha256Settings).IsValid);
    }

    [Fact]
    public void A_shared_key_the_app_does_not_have_fails_with_the_reason()
    {
        var check = signatures.Check(Url, Params, Token, Sha256(SharedSecret, Url, Params), "key=webhooks_sharedkey_other,algorithm=HMAC_SHA256");

        Assert.Equal(new SignatureCheck(false, "signed with the shared key webhooks_sharedkey_other, which Twilio:WebhookSharedKeys does not have"), check);
    }

    [Fact]
    public void An_unknown_algorithm_or_a_settings_header_without_a_key_fails()
    {
        Assert.Equal(new SignatureCheck(false, "unsupported signature algorithm HMAC_MD5"),
            signatures.Check(Url, Params, Token, Sha256(SharedSecret, Url, Params), $"key={KeyId},algorithm=HMAC_MD5"));
        Assert.Equal(new SignatureCheck(false, "X-Twilio-Webhooks-Signature-Settings names no key"),
            signatures.Check(Url, Params, Token, Sha256(SharedSecret, Url, Params), "algorithm=HMAC_SHA256"));
    }

    /// <summary>HMAC-SHA256 over the URL and the sorted parameters, computed here by hand.</summary>
    internal static string Sha256(string secret, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal)) data.Append(name).Append(value);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(data.ToString())));
    }
}
