using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Web.Emulator;

/// <summary>The answer to a webhook: the HTTP status of the last try (null when nothing answered) and, for an error, what its body said.</summary>
public sealed record WebhookAnswer(int? Status, string? Reason)
{
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>
/// Calls the app's webhooks as Twilio does: a form POST signed (<c>X-Twilio-Signature</c>, <see cref="EmulatorSignature"/>)
/// with the account's Auth Token over the exact URL Twilio was given. A URL on the app's public address is signed as
/// it is but posted to the app's own loopback address with the same path, since the public address (a proxy) need
/// not be reachable from inside. Non-2xx answers and network failures are tried again a few times.
/// </summary>
public sealed class EmulatorWebhooks(
    IHttpClientFactory httpFactory,
    IPublicUrls publicUrls,
    ServerUrls serverUrls,
    IOptions<EmulatorOptions> options,
    ILogger<EmulatorWebhooks> logger)
{
    public const string HttpClientName = "OmniWhatsApp.Emulator.Webhooks";

    /// <summary>Connections to the app at once; further webhooks wait for one (within the client's timeout).</summary>
    public const int MaxConnections = 64;

    /// <summary>As much of an error answer's body as is kept (Twilio's debugger keeps the start of it too).</summary>
    private const int MaxReason = 500;

    /// <summary>Posts <paramref name="fields"/> to <paramref name="url"/>; returns the last answer.</summary>
    public async Task<WebhookAnswer> PostAsync(string url, IReadOnlyList<KeyValuePair<string, string>> fields, CancellationToken ct)
    {
        var settings = options.Value;
        var signature = EmulatorSignature.Compute(url, fields, settings.AuthToken);
        var target = Target(url);
        var answer = new WebhookAnswer(null, null);
        var attempts = Math.Max(1, settings.CallbackAttempts);
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1) await Task.Delay(settings.CallbackRetryDelay * (attempt - 1), ct);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new FormUrlEncodedContent(fields) };
                request.Headers.Add(EmulatorSignature.Header, signature);
                request.Headers.UserAgent.ParseAdd("TwilioProxy/1.1");
                using var response = await httpFactory.CreateClient(HttpClientName).SendAsync(request, ct);
                if (response.IsSuccessStatusCode) return new WebhookAnswer((int)response.StatusCode, null);
                var body = (await response.Content.ReadAsStringAsync(ct)).Trim();
                answer = new WebhookAnswer((int)response.StatusCode, body.Length == 0 ? null : body.Length > MaxReason ? body[..MaxReason] : body);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                answer = new WebhookAnswer(null, null);
                logger.LogDebug("Emulator webhook {Path} got no answer: {Reason}", target.AbsolutePath, ex.Message);
            }
        }
        logger.LogWarning("Emulator webhook {Path} failed after {Attempts} tries (last status {Status})", target.AbsolutePath, attempts, answer.Status);
        return answer;
    }

    private Uri Target(string url)
    {
        var publicBase = publicUrls.BaseUrl.ToString();
        return url.StartsWith(publicBase, StringComparison.OrdinalIgnoreCase)
            ? new Uri(serverUrls.Self, url[publicBase.Length..])
            : new Uri(url);
    }
}
