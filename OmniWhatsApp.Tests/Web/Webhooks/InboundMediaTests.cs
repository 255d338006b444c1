using System.Net;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Inbound;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Web.Emulator;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Webhooks;

/// <summary>Customers' attachments: recorded by the webhook, fetched (or not) by the media worker.</summary>
[Collection(AppCollection.Name)]
[Trait("Storage", "Both")]
public sealed class InboundMediaTests(AppHost app)
{
    [Fact]
    public async Task Media_on_a_host_that_is_not_Twilios_is_never_fetched()
    {
        using var evil = new RecordingServer();
        var channel = await WebhookChannel.CreateAsync(app, b => { b.AttachmentsEnabled = true; b.CustomersCanSendAttachments = true; });
        var form = channel.Inbound(TestData.UniqueNumber(), "look at this");
        form["NumMedia"] = "1";
        form["MediaUrl0"] = evil.Url + "2010-04-01/Accounts/AC/Messages/MM/Media/ME";
        form["MediaContentType0"] = "image/jpeg";

        (await channel.PostInboundAsync(form)).EnsureSuccessStatusCode();

        var media = await WaitForMediaAsync(form["MessageSid"], m => m.State != MediaState.Pending);
        Assert.Equal(MediaState.Failed, media.State);
        Assert.Contains("is not Twilio's media host", media.Error);
        Assert.Equal(0, evil.Requests);
    }

    [Fact]
    public async Task A_file_the_channel_does_not_accept_is_not_fetched_and_the_customer_gets_the_notice()
    {
        using var server = new RecordingServer();
        var channel = await WebhookChannel.CreateAsync(app, b => b.AttachmentsRefusedMessage = "Sorry, we cannot receive files here.");
        var form = channel.Inbound(TestData.UniqueNumber(), "");
        form["NumMedia"] = "1";
        form["MediaUrl0"] = server.Url + "file.pdf";
        form["MediaContentType0"] = "application/pdf";

        (await channel.PostInboundAsync(form)).EnsureSuccessStatusCode();

        await using var db = await app.CreateDbContextAsync();
        var message = await db.Messages.Include(m => m.Media).SingleAsync(m => m.TwilioSid == form["MessageSid"]);
        Assert.Equal(MediaState.Refused, Assert.Single(message.Media).State);
        var notice = await db.Messages.SingleAsync(m => m.ConversationId == message.ConversationId && m.Direction == MessageDirection.Outbound);
        Assert.Equal(MessageKind.Automated, notice.Kind);
        Assert.Equal("Sorry, we cannot receive files here.", notice.Body);
        Assert.NotEqual(DispatchState.None, notice.Dispatch);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task A_file_larger_than_its_types_limit_is_refused_and_nothing_is_kept()
    {
        var channel = await AttachmentChannelAsync();
        var limit = app.GetRequiredService<Microsoft.Extensions.Options.IOptions<MediaOptions>>().Value.MaxImageBytes;
        var form = WithAttachment(channel, EmulatorMediaUrl(new byte[limit + 1], "image/jpeg"), "image/jpeg");

        (await channel.PostInboundAsync(form)).EnsureSuccessStatusCode();

        var media = await WaitForMediaAsync(form["MessageSid"], m => m.State != MediaState.Pending);
        Assert.Equal(MediaState.Failed, media.State);
        Assert.Contains("larger than 5 MB", media.Error);
        AssertNoFileKept(media);
    }

    [Fact]
    public async Task A_file_declared_with_a_type_that_is_not_accepted_is_refused_and_nothing_is_kept()
    {
        var channel = await AttachmentChannelAsync();
        var form = WithAttachment(channel, EmulatorMediaUrl([0x50, 0x4B, 0x03, 0x04], "application/zip"), "application/zip");

        (await channel.PostInboundAsync(form)).EnsureSuccessStatusCode();

        var media = await WaitForMediaAsync(form["MessageSid"], m => m.State != MediaState.Pending);
        Assert.Equal(MediaState.Failed, media.State);
        Assert.Equal("Files of type application/zip are not accepted.", media.Error);
        AssertNoFileKept(media);
    }

    [Fact]
    public async Task A_file_served_as_another_kind_than_declared_is_refused_and_nothing_is_kept()
    {
        // Declared as a photo, served as a document: neither the image limit nor the declared type would hold.
        var channel = await AttachmentChannelAsync();
        var form = WithAttachment(channel, EmulatorMediaUrl("%PDF-1.4"u8.ToArray(), "application/pdf"), "image/jpeg");

        (await channel.PostInboundAsync(form)).EnsureSuccessStatusCode();

        var media = await WaitForMediaAsync(form["MessageSid"], m => m.State != MediaState.Pending);
        Assert.Equal(MediaState.Failed, media.State);
        Assert.Equal("Twilio served application/pdf for a file declared as image/jpeg; it was not kept.", media.Error);
        Assert.Equal("image/jpeg", media.ContentType);
        AssertNoFileKept(media);
    }

    [Fact]
    public async Task A_file_served_as_another_type_of_the_same_kind_is_kept_and_served_under_the_served_type()
    {
        var png = TestImages.Png();
        var channel = await AttachmentChannelAsync();
        var form = WithAttachment(channel, EmulatorMediaUrl(png, "image/png"), "image/jpeg");

        (await channel.PostInboundAsync(form)).EnsureSuccessStatusCode();

        var media = await WaitForMediaAsync(form["MessageSid"], m => m.State != MediaState.Pending);
        Assert.Equal(MediaState.Stored, media.State);
        Assert.Equal("image/png", media.ContentType);
        Assert.EndsWith(".png", media.StoragePath);
        var cookies = await HubClient.SignInAsync(app, OmniWhatsApp.Web.Hosting.DemoData.Supervisor.Email, OmniWhatsApp.Web.Hosting.DemoData.Supervisor.Password);
        using var signedIn = app.CreateHttpClient(cookies: cookies);
        using var served = await signedIn.GetAsync(app.Url($"media/{media.Id}"));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
    }

    private Task<WebhookChannel> AttachmentChannelAsync() =>
        WebhookChannel.CreateAsync(app, b => { b.AttachmentsEnabled = true; b.CustomersCanSendAttachments = true; });

    private static Dictionary<string, string> WithAttachment(WebhookChannel channel, string url, string declaredType)
    {
        var form = channel.Inbound(TestData.UniqueNumber(), "", TwilioSids.New("MM"));
        form["NumMedia"] = "1";
        form["MediaUrl0"] = url;
        form["MediaContentType0"] = declaredType;
        return form;
    }

    /// <summary>A customer's message kept by the emulated Twilio with one file it serves as <paramref name="servedType"/>; its media URL.</summary>
    private string EmulatorMediaUrl(byte[] content, string servedType)
    {
        var state = app.GetRequiredService<EmulatorState>();
        var emulator = app.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmulatorOptions>>().Value;
        var media = state.StoreMedia(new EmulatorFile(content, servedType, "file"));
        var now = DateTimeOffset.UtcNow;
        var message = new EmulatorMessage
        {
            Sid = TwilioSids.New("MM"),
            AccountSid = emulator.AccountSid,
            From = "whatsapp:" + TestData.UniqueNumber(),
            To = "whatsapp:" + TestData.UniqueNumber(),
            Direction = EmulatorMessage.Inbound,
            Status = "received",
            Media = [media],
            DateCreated = now,
            DateUpdated = now,
        };
        state.Save(message);
        var api = app.GetRequiredService<ITwilioEndpoints>().ApiBase;
        return new Uri(api, $"2010-04-01/Accounts/{message.AccountSid}/Messages/{message.Sid}/Media/{media.Sid}").ToString();
    }

    private void AssertNoFileKept(MessageMedia media)
    {
        Assert.Null(media.StoragePath);
        Assert.Null(media.Size);
        var root = app.GetRequiredService<MediaStorage>().Root;
        Assert.Empty(Directory.Exists(root) ? Directory.EnumerateFiles(root, $"{media.Id}.*", SearchOption.AllDirectories) : []);
    }

    private async Task<MessageMedia> WaitForMediaAsync(string sid, Func<MessageMedia, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await using var db = await app.CreateDbContextAsync();
            var media = await db.Media.SingleAsync(m => m.Message!.TwilioSid == sid);
            if (done(media) || DateTime.UtcNow > deadline) return media;
            await Task.Delay(50);
        }
    }
}

/// <summary>A loopback HTTP server that only counts the requests it gets.</summary>
public sealed class RecordingServer : IDisposable
{
    private readonly HttpListener listener = new();
    private int requests;

    public RecordingServer()
    {
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(Url);
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                try
                {
                    var context = await listener.GetContextAsync();
                    Interlocked.Increment(ref requests);
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "image/jpeg";
                    context.Response.Close();
                }
                catch (Exception) when (!listener.IsListening)
                {
                    return;
                }
                catch (HttpListenerException)
                {
                    return;
                }
            }
        });
    }

    public string Url { get; }
    public int Requests => Volatile.Read(ref requests);

    private static int FreePort()
    {
        var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    public void Dispose() => listener.Close();
}

/// <summary>The whole way of a customer's photo: emulated Twilio → webhook → media worker → /media for signed-in users.</summary>
[Collection(AppCollection.Name)]
[Trait("Storage", "Both")]
public sealed class InboundMediaDownloadTests(AppHost app)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_customers_photo_is_fetched_from_Twilio_stored_and_served_only_to_signed_in_users()
    {
        var channel = await app.CreateChannelAsync();
        var customer = TestData.UniqueNumber();
        var sent = await app.GetRequiredService<OmniWhatsApp.Web.Emulator.EmulatorCustomerChannel>()
            .SendFromCustomerAsync(channel.Number.Number, customer, "Ada", "my receipt", new OmniWhatsApp.Web.Emulator.EmulatorFile(Png, "image/png", "receipt.png"));
        Assert.Equal(OmniWhatsApp.Web.Emulator.CustomerMessageOutcome.Delivered, sent.Outcome);

        var media = await Eventually.GetAsync(async () =>
        {
            await using var db = await app.CreateDbContextAsync();
            return await db.Media.SingleAsync(m => m.Message!.TwilioSid == sent.MessageSid);
        }, m => m.State != MediaState.Pending, what: "the photo to be fetched");
        Assert.Equal(MediaState.Stored, media.State);
        Assert.Equal(Png.Length, media.Size);
        var path = app.GetRequiredService<OmniWhatsApp.Core.Inbound.MediaStorage>().Resolve(media.StoragePath);
        Assert.NotNull(path);
        Assert.DoesNotContain("wwwroot", path);

        using var anonymous = app.CreateHttpClient();
        using var refused = await anonymous.GetAsync(app.Url($"media/{media.Id}"));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);

        var cookies = await HubClient.SignInAsync(app, OmniWhatsApp.Web.Hosting.DemoData.Supervisor.Email, OmniWhatsApp.Web.Hosting.DemoData.Supervisor.Password);
        using var signedIn = app.CreateHttpClient(cookies: cookies);
        using var served = await signedIn.GetAsync(app.Url($"media/{media.Id}"));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
