using System.Net;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Web.Emulator;

/// <summary>
/// An app behind a public address (as behind a proxy) whose inbound webhooks are recorded, with the demo number
/// acting as the Twilio sandbox.
/// </summary>
public sealed class CustomerChannelHost : IAsyncLifetime
{
    public const string PublicBase = "https://support.example.com/";

    public AppHost App { get; private set; } = null!;
    public InboundWebhookRecorder Inbound { get; } = new();

    public async Task InitializeAsync() =>
        App = await AppHost.StartAsync(o => o
            .With("App:PublicBaseUrl", PublicBase)
            .With("Emulator:SandboxNumbers:0", DemoData.DemoNumber)
            .ConfigureServices(s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(Inbound)));

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The customer's side of the emulator: what the simulator calls to play a WhatsApp customer.</summary>
public sealed class EmulatorCustomerChannelTests(CustomerChannelHost host) : IClassFixture<CustomerChannelHost>
{
    private AppHost App => host.App;
    private EmulatorCustomerChannel Customers => App.GetRequiredService<EmulatorCustomerChannel>();
    private TwilioCredentials Credentials => App.EmulatorCredentials().ToCredentials();

    [Fact]
    public async Task A_customers_message_is_posted_to_the_accounts_inbound_webhook_signed_with_Twilios_fields()
    {
        var channel = await App.CreateChannelAsync();
        var customer = TestData.UniqueNumber();

        var result = await Customers.SendFromCustomerAsync(channel.Number.Number, customer, "Ada Lovelace", "Hello, I need help with my order");

        Assert.Equal(CustomerMessageOutcome.Delivered, result.Outcome);
        Assert.Equal(200, result.WebhookStatus);
        var post = Assert.Single(host.Inbound.Requests, r => r["MessageSid"] == result.MessageSid);
        Assert.Equal($"/api/twilio/{channel.AccountId}/inbound", post.Path);
        var signedUrl = CallbackUrls.For(new Uri(CustomerChannelHost.PublicBase), channel.AccountId).Inbound;
        Assert.True(TwilioSignatures.IsValid(signedUrl, post.Form, Credentials.AuthToken, post.Signature), "the signature is not over the public inbound URL");
        Assert.Matches("^SM[0-9a-f]{32}$", post["MessageSid"]);
        Assert.Equal(post["MessageSid"], post["SmsMessageSid"]);
        Assert.Equal(Credentials.AccountSid, post["AccountSid"]);
        Assert.Equal("whatsapp:" + customer, post["From"]);
        Assert.Equal("whatsapp:" + channel.Number.Number, post["To"]);
        Assert.Equal("Hello, I need help with my order", post["Body"]);
        Assert.Equal("0", post["NumMedia"]);
        Assert.Equal("Ada Lovelace", post["ProfileName"]);
        Assert.Equal(customer[1..], post["WaId"]);
        Assert.Equal("received", post["SmsStatus"]);
        Assert.Equal("2010-04-01", post["ApiVersion"]);
        Assert.Null(post["MediaUrl0"]);
    }

    [Fact]
    public async Task An_attachment_is_served_at_Twilios_media_URL_to_the_accounts_credentials_only()
    {
        var channel = await App.CreateChannelAsync();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5];

        var result = await Customers.SendFromCustomerAsync(channel.Number.Number, TestData.UniqueNumber(), null, null, new EmulatorFile(png, "image/png", "photo.png"));

        var post = Assert.Single(host.Inbound.Requests, r => r["MessageSid"] == result.MessageSid);
        Assert.Matches("^MM[0-9a-f]{32}$", result.MessageSid);
        Assert.Equal("1", post["NumMedia"]);
        Assert.Equal("image/png", post["MediaContentType0"]);
        Assert.Equal("", post["Body"]);
        var mediaUrl = new Uri(post["MediaUrl0"]!);
        Assert.Matches($"/2010-04-01/Accounts/{Credentials.AccountSid}/Messages/{result.MessageSid}/Media/ME[0-9a-f]{{32}}$", mediaUrl.AbsolutePath);

        var download = await App.WithServiceAsync((TwilioMediaDownloads d) => d.DownloadAsync(Credentials, mediaUrl, 1024 * 1024));
        Assert.True(download.Succeeded, download.Error?.Message);
        Assert.Equal(png, download.Value!.Content);
        Assert.Equal("image/png", download.Value.ContentType);

        using var anonymous = App.CreateHttpClient();
        using var refused = await anonymous.GetAsync(mediaUrl);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task The_customers_message_opens_the_window_for_free_text()
    {
        var channel = await App.CreateChannelAsync();
        var customer = TestData.UniqueNumber();
        var before = await SendAndWaitAsync(channel.Number.Number, customer, "Before you wrote");
        Assert.Equal(TwilioErrorCodes.OutsideWindow, before.ErrorCode);

        await Customers.SendFromCustomerAsync(channel.Number.Number, customer, null, "Hi!");
        var after = await SendAndWaitAsync(channel.Number.Number, customer, "Now that you wrote");

        Assert.Equal("read", after.Status);
    }

    [Fact]
    public async Task A_number_no_account_has_reaches_no_webhook()
    {
        var result = await Customers.SendFromCustomerAsync("+15005550006", TestData.UniqueNumber(), null, "Anyone?");

        Assert.Equal(CustomerMessageOutcome.NoWebhook, result.Outcome);
        Assert.DoesNotContain(host.Inbound.Requests, r => r["MessageSid"] == result.MessageSid);
    }

    [Fact]
    public async Task The_sandbox_forwards_and_delivers_only_after_the_join_code()
    {
        var customer = TestData.UniqueNumber();
        var refused = await SendAndWaitAsync(DemoData.DemoNumber, customer, "Hello from the sandbox");
        Assert.Equal(TwilioErrorCodes.SandboxNotJoined, refused.ErrorCode);

        var early = await Customers.SendFromCustomerAsync(DemoData.DemoNumber, customer, null, "hello?");
        Assert.Equal(CustomerMessageOutcome.NotInSandbox, early.Outcome);
        Assert.Contains("join omni-demo", early.Reply);

        var join = await Customers.SendFromCustomerAsync(DemoData.DemoNumber, customer, null, "Join Omni-Demo");
        Assert.Equal(CustomerMessageOutcome.JoinedSandbox, join.Outcome);
        Assert.Contains("You are all set", join.Reply);
        Assert.Contains(Customers.Conversation(DemoData.DemoNumber, customer), m => m.Direction == EmulatorMessage.OutboundReply && m.Body == join.Reply);

        var joined = await Customers.SendFromCustomerAsync(DemoData.DemoNumber, customer, null, "Now I am in");
        Assert.Equal(CustomerMessageOutcome.Delivered, joined.Outcome);
        Assert.Equal(["Now I am in"], host.Inbound.Requests.Where(r => r["From"] == "whatsapp:" + customer).Select(r => r["Body"]));

        var delivered = await SendAndWaitAsync(DemoData.DemoNumber, customer, "Welcome to the sandbox");
        Assert.Equal("read", delivered.Status);
    }

    /// <summary>Sends free text from the business number straight through the Twilio client and waits for its last status.</summary>
    private async Task<TwilioMessage> SendAndWaitAsync(string business, string customer, string body)
    {
        var created = await App.WithServiceAsync((TwilioGateway c) => c.CreateMessageAsync(Credentials,
            new OutgoingMessage { From = "whatsapp:" + business, To = "whatsapp:" + customer, Body = body }));
        Assert.True(created.Succeeded, created.Error?.Message);
        var fetched = await Eventually.GetAsync(() => App.WithServiceAsync((TwilioGateway c) => c.FetchMessageAsync(Credentials, created.Value!.Sid)),
            r => r.Value?.Status is "read" or "failed", what: $"the final status of '{body}'");
        return fetched.Value!;
    }
}
