using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Emulator;

/// <summary>The emulator's Messages resource answers like Twilio's, checked with plain HTTP and with the real client.</summary>
[Collection(AppCollection.Name)]
public sealed partial class EmulatorMessagesTests(AppHost app)
{
    [GeneratedRegex(@"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000\z")]
    private static partial Regex Rfc2822();

    [Fact]
    public async Task Create_answers_201_with_Twilios_snake_case_message()
    {
        var channel = await app.CreateChannelAsync();
        var conversation = await app.OpenConversationAsync(channel);

        using var response = await PostAsync(new()
        {
            ["To"] = "whatsapp:" + conversation.Customer,
            ["From"] = "whatsapp:" + conversation.BusinessNumber,
            ["Body"] = "Hello from the emulator",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var m = json.RootElement;
        Assert.Matches("^SM[0-9a-f]{32}$", m.GetProperty("sid").GetString());
        Assert.Equal(Credentials.AccountSid, m.GetProperty("account_sid").GetString());
        Assert.Equal("queued", m.GetProperty("status").GetString());
        Assert.Equal("outbound-api", m.GetProperty("direction").GetString());
        Assert.Equal("whatsapp:" + conversation.Customer, m.GetProperty("to").GetString());
        Assert.Equal("whatsapp:" + conversation.BusinessNumber, m.GetProperty("from").GetString());
        Assert.Equal("Hello from the emulator", m.GetProperty("body").GetString());
        Assert.Equal(JsonValueKind.String, m.GetProperty("num_media").ValueKind);
        Assert.Equal("0", m.GetProperty("num_media").GetString());
        Assert.Equal("1", m.GetProperty("num_segments").GetString());
        Assert.Equal(JsonValueKind.Null, m.GetProperty("error_code").ValueKind);
        Assert.Equal(JsonValueKind.Null, m.GetProperty("error_message").ValueKind);
        Assert.Equal(JsonValueKind.Null, m.GetProperty("price").ValueKind);
        Assert.Equal(JsonValueKind.Null, m.GetProperty("date_sent").ValueKind);
        Assert.Matches(Rfc2822(), m.GetProperty("date_created").GetString());
        Assert.Matches(Rfc2822(), m.GetProperty("date_updated").GetString());
        Assert.Equal($"/2010-04-01/Accounts/{Credentials.AccountSid}/Messages/{m.GetProperty("sid").GetString()}.json", m.GetProperty("uri").GetString());
    }

    [Fact]
    public async Task A_media_url_makes_an_MM_message_with_one_media()
    {
        var channel = await app.CreateChannelAsync();
        var conversation = await app.OpenConversationAsync(channel);

        using var response = await PostAsync(new()
        {
            ["To"] = "whatsapp:" + conversation.Customer,
            ["From"] = "whatsapp:" + conversation.BusinessNumber,
            ["MediaUrl"] = "https://example.com/invoice.pdf",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Matches("^MM[0-9a-f]{32}$", json.RootElement.GetProperty("sid").GetString());
        Assert.Equal("1", json.RootElement.GetProperty("num_media").GetString());
    }

    [Theory]
    [InlineData("whatsapp:12345", "Hi", null, null, 21211)]
    [InlineData("+14155550100", "Hi", null, null, 21211)]
    [InlineData("whatsapp:+447700900001", null, null, null, 21619)]
    [InlineData("whatsapp:+447700900001", "Hi", null, "{\"1\":\"x\"}", 21654)]
    [InlineData("whatsapp:+447700900001", null, "HX3f1c9e2a7b5d4c8e9a0b1c2d3e4f5a6b", "{not json", 21656)]
    [InlineData("whatsapp:+447700900001", null, "HXffffffffffffffffffffffffffffffff", null, 21655)]
    public async Task Invalid_create_gets_400_with_Twilios_error_code(string to, string? body, string? contentSid, string? variables, int code)
    {
        var form = new Dictionary<string, string> { ["To"] = to, ["From"] = "whatsapp:+14155238886" };
        if (body is not null) form["Body"] = body;
        if (contentSid is not null) form["ContentSid"] = contentSid;
        if (variables is not null) form["ContentVariables"] = variables;

        using var response = await PostAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, json.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(400, json.RootElement.GetProperty("status").GetInt32());
        Assert.Equal($"https://www.twilio.com/docs/errors/{code}", json.RootElement.GetProperty("more_info").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Create_without_credentials_is_401_and_for_another_account_404()
    {
        using var http = app.CreateHttpClient();
        using var anonymous = await http.PostAsync(MessagesPath(Credentials.AccountSid), new FormUrlEncodedContent(new Dictionary<string, string> { ["To"] = "whatsapp:+447700900001" }));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var other = await PostAsync(new() { ["To"] = "whatsapp:+447700900001", ["Body"] = "x" }, accountSid: "AC" + new string('f', 32));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var json = JsonDocument.Parse(await other.Content.ReadAsStringAsync());
        Assert.Equal(20404, json.RootElement.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Real_client_creates_fetches_and_lists_a_message()
    {
        var channel = await app.CreateChannelAsync();
        var conversation = await app.OpenConversationAsync(channel);
        var from = "whatsapp:" + conversation.BusinessNumber;
        var to = "whatsapp:" + conversation.Customer;

        var created = await app.WithServiceAsync((TwilioGateway c) => c.CreateMessageAsync(Credentials, new OutgoingMessage { From = from, To = to, Body = "Fetch me" }));
        Assert.True(created.Succeeded, created.Error?.Message);
        Assert.True(TwilioSids.IsMessageSid(created.Value!.Sid));

        var fetched = await app.WithServiceAsync((TwilioGateway c) => c.FetchMessageAsync(Credentials, created.Value.Sid));
        Assert.True(fetched.Succeeded);
        Assert.Equal("Fetch me", fetched.Value!.Body);

        var listed = await app.WithServiceAsync((TwilioGateway c) => c.ListMessagesAsync(Credentials, from, to, sentOnOrAfter: null));
        Assert.True(listed.Succeeded);
        Assert.Equal([created.Value.Sid], listed.Value!.Messages.Select(m => m.Sid));
        using (var page = await GetAsync($"{MessagesPath(Credentials.AccountSid)}?From={Uri.EscapeDataString(from)}&To={Uri.EscapeDataString(to)}"))
        {
            using var json = JsonDocument.Parse(await page.Content.ReadAsStringAsync());
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("next_page_uri").ValueKind);
        }

        // Once sent, the message has a date_sent, so the day filter finds it too.
        await Eventually.GetAsync(() => app.WithServiceAsync((TwilioGateway c) => c.FetchMessageAsync(Credentials, created.Value.Sid)),
            r => r.Value?.DateSent is not null, what: "date_sent");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var sentToday = await app.WithServiceAsync((TwilioGateway c) => c.ListMessagesAsync(Credentials, from, to, today));
        Assert.Equal([created.Value.Sid], sentToday.Value!.Messages.Select(m => m.Sid));
        var tomorrow = await app.WithServiceAsync((TwilioGateway c) => c.ListMessagesAsync(Credentials, from, to, today.AddDays(1)));
        Assert.Empty(tomorrow.Value!.Messages);
    }

    [Fact]
    public async Task Fetching_an_unknown_message_is_Twilios_404()
    {
        var result = await app.WithServiceAsync((TwilioGateway c) => c.FetchMessageAsync(Credentials, "SM" + new string('0', 32)));

        Assert.False(result.Succeeded);
        Assert.Equal(TwilioErrorKind.NotFound, result.Error!.Kind);
        Assert.Equal(20404, result.Error.Code);
    }

    [Fact]
    public async Task The_control_endpoint_queues_faults_for_the_next_create_calls()
    {
        var channel = await app.CreateChannelAsync();
        var conversation = await app.OpenConversationAsync(channel);
        using var http = app.CreateHttpClient();
        using var control = new HttpRequestMessage(HttpMethod.Post, "emulator/twilio/control/faults")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Kind"] = "TooManyRequests", ["Times"] = "2", ["To"] = conversation.Customer }),
        };
        control.Headers.Authorization = Basic();
        using var anonymous = await http.PostAsync("emulator/twilio/control/faults", new FormUrlEncodedContent(new Dictionary<string, string> { ["Kind"] = "ServerError" }));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var added = await http.SendAsync(control);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        var form = new Dictionary<string, string> { ["To"] = "whatsapp:" + conversation.Customer, ["From"] = "whatsapp:" + conversation.BusinessNumber, ["Body"] = "x" };
        using var first = await PostAsync(form);
        using var second = await PostAsync(form);
        using var third = await PostAsync(form);
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.Created], [first.StatusCode, second.StatusCode, third.StatusCode]);
        using var json = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.Equal(20429, json.RootElement.GetProperty("code").GetInt32());
    }

    private TwilioCredentials Credentials => app.EmulatorCredentials().ToCredentials();

    private AuthenticationHeaderValue Basic() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Credentials.AccountSid}:{Credentials.AuthToken}")));

    private static string MessagesPath(string accountSid) => $"emulator/twilio/2010-04-01/Accounts/{accountSid}/Messages.json";

    private async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var http = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = Basic();
        return await http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostAsync(Dictionary<string, string> form, string? accountSid = null)
    {
        using var http = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, MessagesPath(accountSid ?? Credentials.AccountSid)) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = Basic();
        return await http.SendAsync(request);
    }
}
