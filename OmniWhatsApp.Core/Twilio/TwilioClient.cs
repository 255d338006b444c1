using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Localization;

namespace OmniWhatsApp.Core.Twilio;

/// <summary>What went wrong talking to Twilio, in words an admin can act on.</summary>
public sealed record TwilioError(TwilioErrorKind Kind, string Message, int? Code = null, int? HttpStatus = null);

public enum TwilioErrorKind
{
    /// <summary>Twilio refused the credentials (401, 20003).</summary>
    Unauthorized,
    /// <summary>Twilio does not know the resource (404, 20404).</summary>
    NotFound,
    /// <summary>Twilio refused the request's content (other 4xx). Retrying will not help.</summary>
    Rejected,
    /// <summary>Too many requests (429): safe to retry later.</summary>
    RateLimited,
    /// <summary>Twilio failed (5xx): retry later.</summary>
    ServerError,
    /// <summary>No answer: network failure or timeout.</summary>
    Unreachable,
}

public sealed record TwilioResult<T>(T? Value, TwilioError? Error)
{
    public bool Succeeded => Error is null;
    public static TwilioResult<T> Ok(T value) => new(value, null);
    public static TwilioResult<T> Fail(TwilioError error) => new(default, error);
}

public sealed record TwilioAccountInfo(
    [property: JsonPropertyName("sid")] string Sid,
    [property: JsonPropertyName("friendly_name")] string? FriendlyName,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("type")] string? Type);

/// <summary>Twilio's error body: <c>{"code":20003,"message":"…","more_info":"…","status":401}</c>.</summary>
public sealed record TwilioErrorBody(
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("more_info")] string? MoreInfo,
    [property: JsonPropertyName("status")] int? Status);

/// <summary>Credentials of one Twilio account. The token is only ever held in memory, never logged.</summary>
public sealed record TwilioCredentials(string AccountSid, string AuthToken)
{
    public override string ToString() => $"{AccountSid} (token hidden)";
}

/// <summary>
/// Typed client for the Twilio REST API over plain HttpClient (the Twilio SDK is not used). Each call carries
/// its account's credentials as Basic auth, so one client serves every connected account.
/// </summary>
public sealed class TwilioClient(HttpClient http, ITwilioEndpoints endpoints, IStringLocalizer<Strings> L, ILogger<TwilioClient> logger)
{
    /// <summary>Fetches the account: proves the SID and token belong together and the account is usable.</summary>
    public async Task<TwilioResult<TwilioAccountInfo>> VerifyCredentialsAsync(TwilioCredentials credentials, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoints.ApiBase, $"2010-04-01/Accounts/{Uri.EscapeDataString(credentials.AccountSid)}.json"));
        var result = await SendAsync<TwilioAccountInfo>(request, credentials, cancellationToken);
        if (!result.Succeeded) return result;

        var status = result.Value!.Status;
        if (status is not null && !status.Equals("active", StringComparison.OrdinalIgnoreCase))
        {
            return TwilioResult<TwilioAccountInfo>.Fail(new TwilioError(TwilioErrorKind.Rejected,
                L["The Twilio account is {0}; only an active account can send messages.", status]));
        }
        return result;
    }

    /// <summary>POST Messages.json: asks Twilio to send a WhatsApp message. 201 carries the new SID.</summary>
    public async Task<TwilioResult<TwilioMessage>> CreateMessageAsync(TwilioCredentials credentials, OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        var form = new List<KeyValuePair<string, string>> { new("To", message.To), new("From", message.From) };
        if (message.ContentSid is not null)
        {
            form.Add(new("ContentSid", message.ContentSid));
            if (message.ContentVariables is not null) form.Add(new("ContentVariables", message.ContentVariables));
        }
        else
        {
            if (message.Body is not null) form.Add(new("Body", message.Body));
            if (message.MediaUrl is not null) form.Add(new("MediaUrl", message.MediaUrl));
        }
        if (message.StatusCallback is not null) form.Add(new("StatusCallback", message.StatusCallback));

        using var request = new HttpRequestMessage(HttpMethod.Post, AccountUri(credentials, "Messages.json"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        return await SendAsync<TwilioMessage>(request, credentials, cancellationToken);
    }

    /// <summary>GET Messages/{Sid}.json.</summary>
    public async Task<TwilioResult<TwilioMessage>> FetchMessageAsync(TwilioCredentials credentials, string messageSid, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, AccountUri(credentials, $"Messages/{Uri.EscapeDataString(messageSid)}.json"));
        return await SendAsync<TwilioMessage>(request, credentials, cancellationToken);
    }

    /// <summary>
    /// GET Messages.json filtered by sender, recipient and, when given, the day it was sent (first page, newest
    /// first). Twilio sets date_sent only once a message has left its queue, so a still-queued message is found
    /// only without the day filter.
    /// </summary>
    public async Task<TwilioResult<TwilioMessagePage>> ListMessagesAsync(TwilioCredentials credentials, string from, string to, DateOnly? sentOnOrAfter, CancellationToken cancellationToken = default)
    {
        var query = $"Messages.json?From={Uri.EscapeDataString(from)}&To={Uri.EscapeDataString(to)}&PageSize=100";
        if (sentOnOrAfter is { } day) query += $"&DateSent%3E={day:yyyy-MM-dd}";
        using var request = new HttpRequestMessage(HttpMethod.Get, AccountUri(credentials, query));
        return await SendAsync<TwilioMessagePage>(request, credentials, cancellationToken);
    }

    /// <summary>GET Content API /v1/Content: the account's templates (first 500).</summary>
    public async Task<TwilioResult<TwilioContentPage>> ListContentAsync(TwilioCredentials credentials, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoints.ContentApiBase, "v1/Content?PageSize=500"));
        return await SendAsync<TwilioContentPage>(request, credentials, cancellationToken);
    }

    /// <summary>
    /// GET Content API /v1/ContentAndApprovals: the account's templates with their WhatsApp approval, following
    /// the pages Twilio links (at most 20 pages of 500).
    /// </summary>
    public async Task<TwilioResult<TwilioContentPage>> ListContentAndApprovalsAsync(TwilioCredentials credentials, CancellationToken cancellationToken = default)
    {
        var all = new List<TwilioContent>();
        var next = new Uri(endpoints.ContentApiBase, "v1/ContentAndApprovals?PageSize=500");
        for (var page = 0; page < 20 && next is not null; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            var result = await SendAsync<TwilioContentPage>(request, credentials, cancellationToken);
            if (!result.Succeeded) return result;
            all.AddRange(result.Value!.Contents ?? []);
            // Credentials go only to the Content API's own host, whatever a page links to.
            next = Uri.TryCreate(result.Value.Meta?.NextPageUrl, UriKind.Absolute, out var link)
                && Uri.Compare(link, endpoints.ContentApiBase, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
                ? link : null;
        }
        return TwilioResult<TwilioContentPage>.Ok(new TwilioContentPage(all, null));
    }

    /// <summary>
    /// Downloads an inbound attachment. Credentials are sent only to Twilio's API host (or the emulator);
    /// a URL on any other host is refused, so a forged webhook cannot make the app hand its token elsewhere.
    /// The response may redirect to a short-lived CDN URL; HttpClient follows it and drops the credentials.
    /// </summary>
    public async Task<TwilioResult<TwilioMedia>> DownloadMediaAsync(TwilioCredentials credentials, Uri mediaUrl, long maxBytes, CancellationToken cancellationToken = default)
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
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode) return TwilioResult<TwilioMedia>.Fail(await ReadErrorAsync(response, cancellationToken));
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
            return TwilioResult<TwilioMedia>.Fail(new TwilioError(TwilioErrorKind.Unreachable, L["Twilio could not be reached. Check the network connection and try again."]));
        }

        TwilioResult<TwilioMedia> TooLarge() => TwilioResult<TwilioMedia>.Fail(new TwilioError(TwilioErrorKind.Rejected, L["The file is larger than {0} MB.", maxBytes / (1024 * 1024)]));
    }

    public bool IsTrustedMediaHost(Uri url) =>
        string.Equals(url.Host, endpoints.ApiBase.Host, StringComparison.OrdinalIgnoreCase) && url.Port == endpoints.ApiBase.Port
        && url.Scheme == endpoints.ApiBase.Scheme;

    private Uri AccountUri(TwilioCredentials credentials, string relative) =>
        new(endpoints.ApiBase, $"2010-04-01/Accounts/{Uri.EscapeDataString(credentials.AccountSid)}/{relative}");

    private async Task<TwilioResult<T>> SendAsync<T>(HttpRequestMessage request, TwilioCredentials credentials, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.AccountSid}:{credentials.AuthToken}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Twilio could not be reached for {Method} {Path}: {Reason}", request.Method, request.RequestUri?.AbsolutePath, ex.Message);
            return TwilioResult<T>.Fail(new TwilioError(TwilioErrorKind.Unreachable,
                L["Twilio could not be reached. Check the network connection and try again."]));
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                var value = await response.Content.ReadFromJsonAsync<T>(cancellationToken);
                return value is null
                    ? TwilioResult<T>.Fail(new TwilioError(TwilioErrorKind.ServerError, L["Twilio sent an empty answer."], HttpStatus: (int)response.StatusCode))
                    : TwilioResult<T>.Ok(value);
            }

            var error = await ReadErrorAsync(response, cancellationToken);
            logger.LogInformation("Twilio answered {Status} (code {Code}) for {Method} {Path}",
                (int)response.StatusCode, error.Code, request.Method, request.RequestUri?.AbsolutePath);
            return TwilioResult<T>.Fail(error);
        }
    }

    private async Task<TwilioError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        TwilioErrorBody? body = null;
        try
        {
            body = await response.Content.ReadFromJsonAsync<TwilioErrorBody>(cancellationToken);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            // Not Twilio's JSON (a proxy's page, say): the status code alone decides.
        }

        var status = (int)response.StatusCode;
        var twilioText = string.IsNullOrWhiteSpace(body?.Message) ? null : body.Message;
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new TwilioError(TwilioErrorKind.Unauthorized,
                L["Twilio rejected this Account SID / Auth Token. Copy both again from the Twilio Console."], body?.Code ?? 20003, status),
            HttpStatusCode.NotFound => new TwilioError(TwilioErrorKind.NotFound,
                L["Twilio does not know this Account SID."], body?.Code ?? 20404, status),
            HttpStatusCode.TooManyRequests => new TwilioError(TwilioErrorKind.RateLimited,
                L["Twilio is receiving too many requests right now; try again in a moment."], body?.Code ?? 20429, status),
            >= HttpStatusCode.InternalServerError => new TwilioError(TwilioErrorKind.ServerError,
                L["Twilio is not available right now (HTTP {0}); try again later.", status], body?.Code, status),
            _ => new TwilioError(TwilioErrorKind.Rejected,
                twilioText is null ? L["Twilio refused the request (HTTP {0}).", status] : L["Twilio refused the request: {0}", twilioText], body?.Code, status),
        };
    }
}
