using System.Net.Http.Headers;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>
/// A channel of its own for a webhook test: a new account on the emulator with one unique number, a workstream
/// with WhatsApp set up on it and a fallback queue; plus a sender that posts Twilio-signed forms to the app.
/// </summary>
public sealed class WebhookChannel
{
    private WebhookChannel(AppHost app, Guid accountId, string accountSid, string token, string number, int numberId, int workstreamId, int queueId)
    {
        App = app;
        AccountId = accountId;
        AccountSid = accountSid;
        AuthToken = token;
        Number = number;
        NumberId = numberId;
        WorkstreamId = workstreamId;
        QueueId = queueId;
    }

    public AppHost App { get; }
    public Guid AccountId { get; }
    public string AccountSid { get; }
    public string AuthToken { get; }
    public string Number { get; }
    public int NumberId { get; }
    public int WorkstreamId { get; }
    public int QueueId { get; }

    public CallbackUrls Urls => CallbackUrls.For(App.GetRequiredService<IPublicUrls>().BaseUrl, AccountId);

    /// <param name="templates">Approved templates of the channel's workstream.</param>
    public static async Task<WebhookChannel> CreateAsync(AppHost app, Action<Behaviours>? behaviours = null, IEnumerable<TemplateInput>? templates = null)
    {
        var number = TestData.UniqueNumber();
        var input = app.NewAccount(number);
        var created = await app.WithServiceAsync((AccountService s) => s.CreateAsync(input));
        Assert.True(created.Succeeded, created.FirstMessage);
        var account = (await app.WithServiceAsync((AccountService s) => s.GetAsync(created.Value)))!;
        var numberId = account.Numbers.Single().Id;

        var queue = await app.WithServiceAsync((RoutingService s) => s.CreateQueueAsync(new QueueInput { Name = TestData.UniqueName("Queue") }));
        var workstream = await app.WithServiceAsync((WorkstreamService s) => s.CreateAsync(new WorkstreamInput { Name = TestData.UniqueName("Workstream") }));
        var setup = new WhatsAppSetupInput { NumberId = numberId, FallbackQueueId = queue.Value, Language = "en" };
        behaviours?.Invoke(setup.Behaviours);
        if (templates is not null) setup.Templates.AddRange(templates);
        var saved = await app.WithServiceAsync((WorkstreamService s) => s.SaveWhatsAppSetupAsync(workstream.Value, setup));
        Assert.True(saved.Succeeded, saved.FirstMessage);
        var routed = await app.WithServiceAsync((RoutingService s) => s.SaveRoutingAsync(workstream.Value, new RoutingInput { FallbackQueueId = queue.Value }));
        Assert.True(routed.Succeeded, routed.FirstMessage);

        return new WebhookChannel(app, created.Value, input.Credentials.AccountSid, input.Credentials.AuthToken, number, numberId, workstream.Value, queue.Value);
    }

    /// <summary>Twilio's inbound fields for a text from <paramref name="customer"/> to this channel's number.</summary>
    public Dictionary<string, string> Inbound(string customer, string body, string? sid = null, string? profileName = "Jane Customer") => new()
    {
        ["MessageSid"] = sid ?? TwilioSids.New("SM"),
        ["SmsMessageSid"] = sid ?? "ignored",
        ["AccountSid"] = AccountSid,
        ["From"] = "whatsapp:" + customer,
        ["To"] = "whatsapp:" + Number,
        ["Body"] = body,
        ["NumMedia"] = "0",
        ["NumSegments"] = "1",
        ["ProfileName"] = profileName ?? "",
        ["WaId"] = customer.TrimStart('+'),
        ["SmsStatus"] = "received",
        ["ApiVersion"] = "2010-04-01",
    };

    public Task<HttpResponseMessage> PostInboundAsync(Dictionary<string, string> form, string? signature = null) =>
        PostAsync(Urls.Inbound, form, signature);

    public Task<HttpResponseMessage> PostStatusAsync(Dictionary<string, string> form, string? signature = null) =>
        PostAsync(Urls.Status, form, signature);

    /// <summary>
    /// Posts the form signed as Twilio would sign it (unless a signature is given, "" for none), with Twilio's
    /// <c>X-Twilio-Webhooks-Signature-Settings</c> header when <paramref name="signatureSettings"/> is given.
    /// </summary>
    public async Task<HttpResponseMessage> PostAsync(string url, Dictionary<string, string> form, string? signature = null, string? signatureSettings = null)
    {
        using var http = App.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        signature ??= EmulatorSignature.Compute(url, form, AuthToken);
        if (signature.Length > 0) request.Headers.TryAddWithoutValidation(EmulatorSignature.Header, signature);
        if (signatureSettings is not null) request.Headers.TryAddWithoutValidation("X-Twilio-Webhooks-Signature-Settings", signatureSettings);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        return await http.SendAsync(request);
    }
}
