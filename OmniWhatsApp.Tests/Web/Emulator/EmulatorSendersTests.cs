using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Web.Emulator;

/// <summary>
/// How the emulator learns where customers' messages go: as on Twilio, from each WhatsApp sender's webhook, which the
/// app sets through the Senders API (Messaging v2) in emulator mode whenever an account or its numbers change.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EmulatorSendersTests(AppHost app)
{
    private EmulatorState State => app.GetRequiredService<EmulatorState>();
    private EmulatorCustomerChannel Customers => app.GetRequiredService<EmulatorCustomerChannel>();

    [Fact]
    public async Task The_demo_numbers_sender_points_at_the_demo_accounts_webhooks_once_the_app_has_started()
    {
        var demo = (await app.WithServiceAsync((AccountService s) => s.ListAsync())).Single(a => a.Numbers.Any(n => n.Number == DemoData.DemoNumber));
        var urls = CallbackUrls.For(app.GetRequiredService<IPublicUrls>().BaseUrl, demo.Id);

        var sender = State.SenderFor("whatsapp:" + DemoData.DemoNumber);

        Assert.NotNull(sender);
        Assert.Equal((urls.Inbound, urls.Status), (sender.CallbackUrl, sender.StatusCallbackUrl));
    }

    [Fact]
    public async Task An_account_saved_through_the_app_points_its_numbers_at_its_webhooks_and_a_customer_reaches_it()
    {
        var channel = await WebhookChannel.CreateAsync(app);

        var sender = State.SenderFor("whatsapp:" + channel.Number);
        Assert.NotNull(sender);
        Assert.Matches("^XE[0-9a-f]{32}$", sender.Sid);
        Assert.Equal((channel.Urls.Inbound, channel.Urls.Status), (sender.CallbackUrl, sender.StatusCallbackUrl));

        var result = await Customers.SendFromCustomerAsync(channel.Number, TestData.UniqueNumber(), "Ada", "Hello there");
        Assert.Equal(CustomerMessageOutcome.Delivered, result.Outcome);
    }

    [Fact]
    public async Task A_number_added_later_is_pointed_at_the_account_and_a_removed_one_nowhere()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var added = TestData.UniqueNumber();

        var saved = await app.WithServiceAsync((AccountService s) => s.AddNumberAsync(channel.AccountId, new NumberInput { DisplayName = "Second line", Number = added }));
        Assert.True(saved.Succeeded, saved.FirstMessage);
        Assert.Equal(channel.Urls.Inbound, State.SenderFor("whatsapp:" + added)?.CallbackUrl);

        var numberId = (await app.WithServiceAsync((AccountService s) => s.GetAsync(channel.AccountId)))!.Numbers.Single(n => n.Number == added).Id;
        var removed = await app.WithServiceAsync((AccountService s) => s.RemoveNumberAsync(numberId));
        Assert.True(removed.Succeeded, removed.FirstMessage);

        Assert.Equal("", State.SenderFor("whatsapp:" + added)?.CallbackUrl);
        Assert.Equal(CustomerMessageOutcome.NoWebhook, (await Customers.SendFromCustomerAsync(added, TestData.UniqueNumber(), null, "Anyone?")).Outcome);
        Assert.Equal(CustomerMessageOutcome.Delivered, (await Customers.SendFromCustomerAsync(channel.Number, TestData.UniqueNumber(), null, "Still here?")).Outcome);
    }

    [Fact]
    public async Task A_deleted_accounts_numbers_reach_no_webhook()
    {
        var channel = await WebhookChannel.CreateAsync(app);

        var deleted = await app.WithServiceAsync((AccountService s) => s.DeleteAsync(channel.AccountId, force: true));

        Assert.True(deleted.Succeeded, deleted.FirstMessage);
        Assert.Equal(CustomerMessageOutcome.NoWebhook, (await Customers.SendFromCustomerAsync(channel.Number, TestData.UniqueNumber(), null, "Hello?")).Outcome);
    }

    [Fact]
    public async Task The_Senders_API_creates_lists_updates_and_fetches_as_Twilios_does()
    {
        var number = TestData.UniqueNumber();
        using var http = app.CreateHttpClient();

        using var anonymous = await http.GetAsync(TwilioEmulator.MessagingApiPath + "v2/Channels/Senders?Channel=whatsapp");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var created = await SendAsync(http, HttpMethod.Post, "", new { sender_id = "whatsapp:" + number, webhook = new { callback_url = "https://example.com/in", callback_method = "POST" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var createdJson = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var sid = createdJson.RootElement.GetProperty("sid").GetString()!;
        Assert.Matches("^XE[0-9a-f]{32}$", sid);
        Assert.Equal("https://example.com/in", createdJson.RootElement.GetProperty("webhook").GetProperty("callback_url").GetString());
        Assert.Equal($"https://messaging.twilio.com/v2/Channels/Senders/{sid}", createdJson.RootElement.GetProperty("url").GetString());

        using var duplicate = await SendAsync(http, HttpMethod.Post, "", new { sender_id = "whatsapp:" + number });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        using var invalid = await SendAsync(http, HttpMethod.Post, "", new { sender_id = number });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        using var updated = await SendAsync(http, HttpMethod.Post, "/" + sid, new { webhook = new { status_callback_url = "https://example.com/status" } });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        using var fetched = await SendAsync(http, HttpMethod.Get, "/" + sid, null);
        using var fetchedJson = JsonDocument.Parse(await fetched.Content.ReadAsStringAsync());
        var webhook = fetchedJson.RootElement.GetProperty("webhook");
        Assert.Equal(("https://example.com/in", "https://example.com/status"),
            (webhook.GetProperty("callback_url").GetString(), webhook.GetProperty("status_callback_url").GetString()));

        using var listed = await SendAsync(http, HttpMethod.Get, "?Channel=whatsapp&PageSize=1000", null);
        using var listedJson = JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
        Assert.Contains(listedJson.RootElement.GetProperty("senders").EnumerateArray(), s => s.GetProperty("sid").GetString() == sid);
        Assert.Equal("senders", listedJson.RootElement.GetProperty("meta").GetProperty("key").GetString());

        using var unknown = await SendAsync(http, HttpMethod.Get, "/XE" + new string('0', 32), null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, object? body)
    {
        var credentials = app.EmulatorCredentials();
        using var request = new HttpRequestMessage(method, TwilioEmulator.MessagingApiPath + "v2/Channels/Senders" + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.AccountSid}:{credentials.AuthToken}")));
        if (body is not null) request.Content = JsonContent.Create(body);
        return await http.SendAsync(request);
    }
}
