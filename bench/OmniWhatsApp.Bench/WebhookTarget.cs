using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Web.Emulator;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Bench;

/// <summary>
/// Builds Twilio-signed inbound requests for the demo account's number, signed before timing starts. With several
/// instances the requests go to each in turn, as a load balancer would spread them; all are signed for the public
/// address the instances share.
/// </summary>
public sealed class WebhookTarget(IReadOnlyList<Uri> baseUrls, Uri publicBase, Guid accountId, string accountSid, string token, string number)
{
    private static int customerSeed;

    public static async Task<WebhookTarget> FromDemoDataAsync(BenchApp app, params BenchApp[] others)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<OmniDbContext>>().CreateDbContextAsync();
        var account = await db.Accounts.Include(a => a.Numbers).SingleAsync();
        var emulator = app.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value;
        var publicBase = app.Services.GetRequiredService<IPublicUrls>().BaseUrl;
        return new WebhookTarget([app.BaseUrl, .. others.Select(o => o.BaseUrl)], publicBase, account.Id, account.AccountSid, emulator.AuthToken, DemoData.DemoNumber);
    }

    /// <summary><paramref name="count"/> distinct messages from <paramref name="customers"/> customers to <c>/api/twilio/{account}/{path}</c>.</summary>
    public IReadOnlyList<Func<HttpRequestMessage>> Requests(string path, int count, int customers) => Build(path, count, customers).Select(r => r.Create).ToList();

    /// <summary>Messages from customers who never wrote before, so each opens a conversation; with each customer's number.</summary>
    public IReadOnlyList<(string Customer, Func<HttpRequestMessage> Create)> FirstContacts(int count) => Build("inbound", count, count);

    /// <summary>
    /// <paramref name="count"/> distinct messages from <paramref name="customers"/> customers as their raw parts (path,
    /// form body, signature), for a load generator in another process; sent to the first instance.
    /// </summary>
    public IReadOnlyList<SignedWebhook> Signed(string path, int count, int customers) => Sign(path, count, customers);

    private List<(string Customer, Func<HttpRequestMessage> Create)> Build(string path, int count, int customers)
    {
        var signed = Sign(path, count, customers);
        var requests = new List<(string, Func<HttpRequestMessage>)>(count);
        for (var i = 0; i < signed.Count; i++)
        {
            var (customer, _, body, signature) = signed[i];
            var url = new Uri(baseUrls[i % baseUrls.Count], $"api/twilio/{accountId}/{path}");
            requests.Add((customer, () =>
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
                var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
                request.Headers.TryAddWithoutValidation(EmulatorSignature.Header, signature);
                return request;
            }));
        }
        return requests;
    }

    private List<SignedWebhook> Sign(string path, int count, int customers)
    {
        var seed = Interlocked.Add(ref customerSeed, customers) - customers;
        var requests = new List<SignedWebhook>(count);
        var signed = new Uri(publicBase, $"api/twilio/{accountId}/{path}").ToString();
        for (var i = 0; i < count; i++)
        {
            var customer = $"+4477{(seed + i % customers) % 100_000_000:00000000}";
            var form = new Dictionary<string, string>
            {
                ["MessageSid"] = EmulatorWire.NewSid("SM"),
                ["AccountSid"] = accountSid,
                ["From"] = "whatsapp:" + customer,
                ["To"] = "whatsapp:" + number,
                ["Body"] = $"Hello, this is message {i} about my order",
                ["NumMedia"] = "0",
                ["NumSegments"] = "1",
                ["ProfileName"] = "Bench Customer",
                ["WaId"] = customer[1..],
                ["SmsStatus"] = "received",
                ["ApiVersion"] = "2010-04-01",
            };
            var signature = EmulatorSignature.Compute(signed, form, token);
            var body = new FormUrlEncodedContent(form).ReadAsByteArrayAsync().Result;
            requests.Add(new SignedWebhook(customer, $"/api/twilio/{accountId}/{path}", body, signature));
        }
        return requests;
    }
}

/// <summary>One signed inbound webhook: the customer who sends it, the path it is posted to, its form body and signature.</summary>
public sealed record SignedWebhook(string Customer, string Path, byte[] Body, string Signature);
