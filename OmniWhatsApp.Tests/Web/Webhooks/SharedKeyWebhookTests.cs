using System.Net;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Tests.Core.Twilio;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Web.Webhooks;

/// <summary>An app behind a proxy that has one of Twilio's webhook shared keys (Twilio:WebhookSharedKeys).</summary>
public sealed class SharedKeyHost : IAsyncLifetime
{
    public const string PublicBase = "https://support.example.com/";
    public const string KeyId = "webhooks_sharedkey_01JSHAREDKEYTEST0000000000";
    public const string Secret = "the-shared-key-secret-only-twilio-and-the-app-know";

    public AppHost App { get; private set; } = null!;

    public async Task InitializeAsync() =>
        App = await AppHost.StartAsync(o => o.With("App:PublicBaseUrl", PublicBase).With($"Twilio:WebhookSharedKeys:{KeyId}", Secret));

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// Webhooks Twilio signs with a shared key and HMAC-SHA256 (a Webhook Rule matched their URL): Twilio says so in
/// X-Twilio-Webhooks-Signature-Settings, and the app checks them with that key over the public URL.
/// </summary>
[Trait("Storage", "Both")]
public sealed class SharedKeyWebhookTests(SharedKeyHost host) : IClassFixture<SharedKeyHost>
{
    private const string Settings = $"key={SharedKeyHost.KeyId},algorithm=HMAC_SHA256";

    private AppHost App => host.App;

    [Fact]
    public async Task A_message_signed_with_the_shared_key_over_the_public_URL_is_stored()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var form = channel.Inbound(TestData.UniqueNumber(), "Signed with a shared key");

        using var response = await channel.PostAsync(LoopbackUrl(channel), form, WebhookSignatureTests.Sha256(SharedKeyHost.Secret, channel.Urls.Inbound, form), Settings);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = await App.CreateDbContextAsync();
        Assert.Equal("Signed with a shared key", (await db.Messages.SingleAsync(m => m.TwilioSid == form["MessageSid"])).Body);
    }

    [Fact]
    public async Task A_status_callback_signed_with_the_shared_key_is_taken()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = "SM" + new string('a', 32),
            ["MessageStatus"] = "delivered",
            ["AccountSid"] = channel.AccountSid,
        };

        using var response = await channel.PostAsync(channel.Urls.Status.Replace(SharedKeyHost.PublicBase, App.BaseUrl.ToString()), form,
            WebhookSignatureTests.Sha256(SharedKeyHost.Secret, channel.Urls.Status, form), Settings);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("signed over the loopback URL")]
    [InlineData("signed with the Auth Token")]
    [InlineData("signed as HMAC-SHA1")]
    [InlineData("another key")]
    public async Task A_shared_key_message_signed_wrongly_is_refused_with_403_and_stores_nothing(string how)
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var form = channel.Inbound(TestData.UniqueNumber(), how);
        var (signature, settings) = how switch
        {
            "signed over the loopback URL" => (WebhookSignatureTests.Sha256(SharedKeyHost.Secret, LoopbackUrl(channel), form), Settings),
            "signed with the Auth Token" => (WebhookSignatureTests.Sha256(channel.AuthToken, channel.Urls.Inbound, form), Settings),
            "signed as HMAC-SHA1" => (EmulatorSignature.Compute(channel.Urls.Inbound, form, SharedKeyHost.Secret), Settings),
            _ => (WebhookSignatureTests.Sha256(SharedKeyHost.Secret, channel.Urls.Inbound, form), "key=webhooks_sharedkey_unknown,algorithm=HMAC_SHA256"),
        };
        var before = await StoredRows.CountAsync(App);

        using var response = await channel.PostAsync(LoopbackUrl(channel), form, signature, settings);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await before.AssertUnchangedAsync(App);
        Assert.Contains(App.Logs, e => e.Message.Contains(channel.AccountId.ToString())
            && (e.Message.Contains("invalid X-Twilio-Signature (HMAC_SHA256)") || e.Message.Contains("webhooks_sharedkey_unknown, which Twilio:WebhookSharedKeys does not have")));
        Assert.DoesNotContain(App.Logs, e => e.ToString().Contains(SharedKeyHost.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_settings_header_the_Auth_Token_and_HMAC_SHA1_still_apply()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var form = channel.Inbound(TestData.UniqueNumber(), "Signed with the Auth Token");

        using var response = await channel.PostAsync(LoopbackUrl(channel), form, EmulatorSignature.Compute(channel.Urls.Inbound, form, channel.AuthToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private string LoopbackUrl(WebhookChannel channel) => App.Url($"api/twilio/{channel.AccountId}/inbound").ToString();
}
