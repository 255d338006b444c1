using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Web.Emulator;

/// <summary>
/// Calls the app's webhooks as Twilio does: a form POST signed (<c>X-Twilio-Signature</c>) with the account's
/// Auth Token over the exact URL Twilio was given. A URL on the app's public address is signed as it is but
/// posted to the app's own loopback address with the same path, since the public address (a proxy) need not be
/// reachable from inside. Non-2xx answers and network failures are tried again a few times.
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

    /// <summary>Posts <paramref name="fields"/> to <paramref name="url"/>; returns the last HTTP status, or null when nothing answered.</summary>
    public async Task<int?> PostAsync(string url, IReadOnlyList<KeyValuePair<string, string>> fields, CancellationToken ct)
    {
        var settings = options.Value;
        var signature = TwilioSignature.Compute(url, fields, settings.AuthToken);
        var target = Target(url);
        int? status = null;
        var attempts = Math.Max(1, settings.CallbackAttempts);
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1) await Task.Delay(settings.CallbackRetryDelay * (attempt - 1), ct);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new FormUrlEncodedContent(fields) };
                request.Headers.Add(TwilioSignature.Header, signature);
                request.Headers.UserAgent.ParseAdd("TwilioProxy/1.1");
                using var response = await httpFactory.CreateClient(HttpClientName).SendAsync(request, ct);
                status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode) return status;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                status = null;
                logger.LogDebug("Emulator webhook {Path} got no answer: {Reason}", target.AbsolutePath, ex.Message);
            }
        }
        logger.LogWarning("Emulator webhook {Path} failed after {Attempts} tries (last status {Status})", target.AbsolutePath, attempts, status);
        return status;
    }

    private Uri Target(string url)
    {
        var publicBase = publicUrls.BaseUrl.ToString();
        return url.StartsWith(publicBase, StringComparison.OrdinalIgnoreCase)
            ? new Uri(serverUrls.Self, url[publicBase.Length..])
            : new Uri(url);
    }
}
