using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Localization;

namespace OmniWhatsApp.Core.Twilio;

/// <summary>
/// Downloads customers' attachments from the <c>MediaUrl</c> Twilio put in the webhook. Twilio's SDK has no call for
/// a media file's bytes (its HTTP layer reads every answer as text), so this is one authenticated GET on the same
/// HTTP client as the SDK's calls. Credentials go only to Twilio's API host (or the emulator): a URL on any other
/// host is refused before anything is sent, so a forged webhook cannot make the app hand its token elsewhere. The
/// answer may redirect to a short-lived CDN URL; HttpClient follows it and drops the credentials.
/// </summary>
public sealed class TwilioMediaDownloads(IHttpClientFactory httpFactory, ITwilioEndpoints endpoints, IStringLocalizer<Strings> L, ILogger<TwilioMediaDownloads> logger)
{
    public async Task<TwilioResult<TwilioMedia>> DownloadAsync(TwilioCredentials credentials, Uri mediaUrl, long maxBytes, CancellationToken cancellationToken = default)
    {
        if (!IsTrustedMediaHost(mediaUrl))
        {
            return TwilioResult<TwilioMedia>.Fail(new TwilioError(TwilioErrorKind.Rejected, L["Media is only fetched from Twilio's API host; {0} is not it.", mediaUrl.Host]));
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, mediaUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.AccountSid}:{credentials.AuthToken}")));
        try
        {
            using var response = await httpFactory.CreateClient(TwilioRestClients.HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return TwilioResult<TwilioMedia>.Fail(TwilioFailures.FromStatus((int)response.StatusCode, null, null, L));
            }
            if (response.Content.Headers.ContentLength > maxBytes) return TooLarge();
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes) return TooLarge();
                buffer.Write(chunk, 0, read);
            }
            var type = response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream";
            return TwilioResult<TwilioMedia>.Ok(new TwilioMedia(buffer.ToArray(), type));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Media download from {Host} failed: {Reason}", mediaUrl.Host, ex.Message);
            return TwilioResult<TwilioMedia>.Fail(TwilioFailures.Unreachable(L));
        }

        TwilioResult<TwilioMedia> TooLarge() => TwilioResult<TwilioMedia>.Fail(new TwilioError(TwilioErrorKind.Rejected, L["The file is larger than {0} MB.", maxBytes / (1024 * 1024)]));
    }

    /// <summary>Twilio's API host (scheme, host and port), or in emulator mode the emulator's.</summary>
    public bool IsTrustedMediaHost(Uri url) =>
        string.Equals(url.Host, endpoints.ApiBase.Host, StringComparison.OrdinalIgnoreCase) && url.Port == endpoints.ApiBase.Port
        && url.Scheme == endpoints.ApiBase.Scheme;
}
