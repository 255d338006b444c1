using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Web.Emulator;

/// <summary>
/// Twilio's own Node helper library (npm <c>twilio</c> 6.2.0, <c>OmniWhatsApp.Tests/TwilioNode</c>) against the
/// emulator answers as against Twilio: it fetches the account, creates, fetches and lists messages (page by page
/// too), lists Content with and without approvals, and gets Twilio's errors; the emulator's signature on its own
/// callbacks passes the library's check; and a webhook the library signs is accepted by the app, a tampered one not.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TwilioNodeCompatibilityTests(AppHost app) : IAsyncLifetime
{
    private RecordingServer receiver = null!;

    public async Task InitializeAsync() => receiver = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task Twilios_Node_library_works_against_the_emulator_and_its_signed_webhooks_reach_the_app()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var customer = TestData.UniqueNumber();
        Assert.NotEqual(0, await channel.OpenConversationAsync(customer, "Hello, are you there?"));
        var credentials = app.EmulatorCredentials().ToCredentials();
        var from = "whatsapp:" + channel.Number;
        var to = "whatsapp:" + customer;

        // A message the app sent first, and the emulator's signed status callback for it.
        var earlier = await app.WithServiceAsync((TwilioGateway c) => c.CreateMessageAsync(credentials,
            new OutgoingMessage { From = from, To = to, Body = "Sent by the app", StatusCallback = receiver.Url("status") }));
        Assert.True(earlier.Succeeded, earlier.Error?.Message);
        var callback = await Eventually.Get(() => receiver.Requests.FirstOrDefault(r => r["MessageSid"] == earlier.Value!.Sid), r => r is not null, what: "the status callback");

        // One to somebody else in between, which the filtered list must leave out on every page.
        var other = await app.WithServiceAsync((TwilioGateway c) => c.CreateMessageAsync(credentials,
            new OutgoingMessage { From = from, To = "whatsapp:" + TestData.UniqueNumber(), Body = "To somebody else" }));
        Assert.True(other.Succeeded, other.Error?.Message);

        var inbound = channel.Inbound(customer, "Signed by Twilio's Node library", sid: TwilioSids.New("SM"));
        var input = new JsonObject
        {
            ["emulatorBase"] = app.BaseUrl.ToString(),
            ["accountSid"] = credentials.AccountSid,
            ["authToken"] = credentials.AuthToken,
            ["from"] = from,
            ["to"] = to,
            ["body"] = "Sent by Twilio's Node library",
            ["statusCallback"] = receiver.Url("status"),
            ["webhookUrl"] = channel.Urls.Inbound,
            ["webhookParams"] = ToJson(inbound),
            ["callback"] = new JsonObject { ["url"] = receiver.Url("status"), ["signature"] = callback!.Signature, ["params"] = ToJson(callback.Form) },
        };

        var output = await NodeScript.RunAsync("TwilioNode", "compat.js", input.ToJsonString());
        using var answer = JsonDocument.Parse(output);
        var root = answer.RootElement;

        var account = root.GetProperty("account");
        Assert.Equal(credentials.AccountSid, account.GetProperty("sid").GetString());
        Assert.Equal("active", account.GetProperty("status").GetString());
        Assert.Equal(app.Configuration["Emulator:FriendlyName"], account.GetProperty("friendlyName").GetString());

        var created = root.GetProperty("created");
        var sid = created.GetProperty("sid").GetString()!;
        Assert.Matches("^SM[0-9a-f]{32}$", sid);
        Assert.Equal(credentials.AccountSid, created.GetProperty("accountSid").GetString());
        Assert.Equal(("queued", "outbound-api"), (created.GetProperty("status").GetString(), created.GetProperty("direction").GetString()));
        Assert.Equal((from, to), (created.GetProperty("from").GetString(), created.GetProperty("to").GetString()));
        Assert.Equal("Sent by Twilio's Node library", created.GetProperty("body").GetString());
        Assert.Equal(("0", "1"), (created.GetProperty("numMedia").GetString(), created.GetProperty("numSegments").GetString()));
        Assert.Equal(JsonValueKind.Null, created.GetProperty("errorCode").ValueKind);
        // The library read Twilio's RFC 2822 date into a real date.
        var createdAt = DateTimeOffset.Parse(created.GetProperty("dateCreated").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(createdAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));

        var fetched = root.GetProperty("fetched");
        Assert.Equal(sid, fetched.GetProperty("sid").GetString());
        Assert.Equal("Sent by Twilio's Node library", fetched.GetProperty("body").GetString());

        // Newest first, as the app's SDK lists them; one page of 20, and the same through pages of one (the library follows next_page_uri).
        var listed = root.GetProperty("listed").EnumerateArray().Select(m => m.GetProperty("sid").GetString()!).ToList();
        var appListed = await app.WithServiceAsync((TwilioGateway c) => c.ListMessagesAsync(credentials, from, to, sentOnOrAfter: null));
        Assert.Equal(appListed.Value!.Messages.Select(m => m.Sid), listed);
        Assert.Equal([sid, earlier.Value!.Sid], listed.Where(s => s == sid || s == earlier.Value.Sid));
        Assert.DoesNotContain(other.Value!.Sid, listed);
        Assert.Equal(listed, root.GetProperty("listedByPage").EnumerateArray().Select(m => m.GetString()));

        var contents = root.GetProperty("contents").EnumerateArray().ToDictionary(c => c.GetProperty("sid").GetString()!);
        foreach (var template in EmulatorContentCatalogue.All)
        {
            var content = contents[template.Sid];
            Assert.Equal((template.FriendlyName, template.Language), (content.GetProperty("friendlyName").GetString(), content.GetProperty("language").GetString()));
            Assert.Equal(template.Body, content.GetProperty("types").GetProperty("twilio/text").GetProperty("body").GetString());
            Assert.Equal(template.Variables["1"], content.GetProperty("variables").GetProperty("1").GetString());
        }
        var approvals = root.GetProperty("contentAndApprovals").EnumerateArray()
            .ToDictionary(c => c.GetProperty("sid").GetString()!, c => c.GetProperty("approvalStatus").GetString());
        Assert.Equal("approved", approvals[EmulatorContentCatalogue.OrderUpdateSid]);
        Assert.Equal("pending", approvals["HX5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"]);

        // Twilio's errors, as the library reports them.
        var unknown = root.GetProperty("unknownMessage");
        Assert.Equal(("RestException", 404, 20404), (unknown.GetProperty("name").GetString(), unknown.GetProperty("status").GetInt32(), unknown.GetProperty("code").GetInt32()));
        Assert.Equal("https://www.twilio.com/docs/errors/20404", unknown.GetProperty("moreInfo").GetString());
        var wrongToken = root.GetProperty("wrongToken");
        Assert.Equal((401, 20003), (wrongToken.GetProperty("status").GetInt32(), wrongToken.GetProperty("code").GetInt32()));

        // The emulator signs its callbacks as Twilio does: the library's check passes.
        Assert.True(root.GetProperty("callbackValid").GetBoolean());

        // A webhook signed by the library for the app's inbound URL is accepted and stored; the same signature over changed fields is not.
        var signature = root.GetProperty("webhookSignature").GetString()!;
        Assert.True(root.GetProperty("webhookSignatureValid").GetBoolean());
        var tampered = new Dictionary<string, string>(inbound) { ["Body"] = "Changed on the way", ["MessageSid"] = TwilioSids.New("SM") };
        using (var refused = await channel.PostInboundAsync(tampered, signature))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using (var accepted = await channel.PostInboundAsync(inbound, signature))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }
        await using var db = await app.CreateDbContextAsync();
        Assert.Equal("Signed by Twilio's Node library", (await db.Messages.SingleAsync(m => m.TwilioSid == inbound["MessageSid"])).Body);
        Assert.False(await db.Messages.AnyAsync(m => m.TwilioSid == tampered["MessageSid"]));
    }

    private static JsonObject ToJson(IEnumerable<KeyValuePair<string, string>> form)
    {
        var json = new JsonObject();
        foreach (var (key, value) in form) json[key] = value;
        return json;
    }
}
