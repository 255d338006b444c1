using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Emulator;

/// <summary>The emulator answers like Twilio's REST API, checked with plain HTTP requests.</summary>
[Collection(AppCollection.Name)]
public sealed class TwilioEmulatorTests(AppHost app)
{
    private string AccountPath => $"emulator/twilio/2010-04-01/Accounts/{app.EmulatorCredentials().AccountSid}.json";

    [Fact]
    public async Task Wrong_credentials_get_401_with_Twilios_error_body()
    {
        var credentials = app.EmulatorCredentials();
        using var http = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, AccountPath);
        request.Headers.Authorization = Basic(credentials.AccountSid, "ffffffffffffffffffffffffffffffff");

        using var response = await http.SendAsync(request);

        await AssertTwilioUnauthorizedAsync(response);
    }

    [Fact]
    public async Task Missing_credentials_get_401_with_Twilios_error_body()
    {
        using var http = app.CreateHttpClient();

        using var response = await http.GetAsync(AccountPath);

        await AssertTwilioUnauthorizedAsync(response);
    }

    [Fact]
    public async Task Garbled_basic_credentials_get_401()
    {
        using var http = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, AccountPath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "not base64!");

        using var response = await http.SendAsync(request);

        await AssertTwilioUnauthorizedAsync(response);
    }

    [Fact]
    public async Task Right_credentials_get_the_account_as_Twilio_returns_it()
    {
        var credentials = app.EmulatorCredentials();
        using var http = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, AccountPath);
        request.Headers.Authorization = Basic(credentials.AccountSid, credentials.AuthToken);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(credentials.AccountSid, body.RootElement.GetProperty("sid").GetString());
        Assert.Equal("active", body.RootElement.GetProperty("status").GetString());
        Assert.Equal($"/2010-04-01/Accounts/{credentials.AccountSid}.json", body.RootElement.GetProperty("uri").GetString());
    }

    private static async Task AssertTwilioUnauthorizedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal(20003, root.GetProperty("code").GetInt32());
        Assert.Equal(401, root.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("message").GetString()));
        Assert.Equal("https://www.twilio.com/docs/errors/20003", root.GetProperty("more_info").GetString());
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
