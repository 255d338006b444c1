using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Security;

namespace OmniWhatsApp.Core.Bots;

/// <summary>Why an external bot's turn failed; each hands the conversation to the agents with its own timeline line.</summary>
public enum BotFailure
{
    Timeout,
    /// <summary>A 5xx status.</summary>
    ServerError,
    /// <summary>Any other status that is not a success (4xx, a redirect).</summary>
    HttpStatus,
    /// <summary>No connection (DNS, refused, TLS…).</summary>
    Unreachable,
    /// <summary>Not JSON of the contract's shape, too long, or too many messages.</summary>
    Malformed,
    /// <summary>The reply's signature is missing or wrong.</summary>
    BadSignature,
    /// <summary>The URL is not an address <see cref="BotSettingsValidator.IsBotUrl"/> accepts (https, or http to this machine).</summary>
    NotHttps,
    /// <summary>No shared secret is saved, or it cannot be decrypted (Data Protection keys replaced).</summary>
    NoSecret,
}

/// <summary>An external bot's answer to a turn, or why there is none (<see cref="StatusCode"/> for an error status).</summary>
public sealed record ExternalBotResult(BotTurnReply? Reply, BotFailure? Failure = null, int? StatusCode = null)
{
    public static ExternalBotResult Failed(BotFailure failure, int? status = null) => new(null, failure, status);
}

/// <summary>
/// Calls a channel's external bot as docs/bot-api.md describes: the turn as JSON, signed with the shared secret, and
/// the reply checked (signature first, then shape) before anything of it is used. The secret is decrypted for the
/// call only and never logged; neither is the bot's reply.
/// </summary>
public sealed class ExternalBotClient(IHttpClientFactory http, SecretProtector secrets, ILogger<ExternalBotClient> logger)
{
    public const string HttpClientName = "bots";

    public async Task<ExternalBotResult> CallAsync(BotSettings settings, BotTurnRequest turn, CancellationToken ct)
    {
        // The same rule as the admin's form: a URL saved before, or written to the database by hand, is checked again.
        if (!BotSettingsValidator.IsBotUrl(settings.ExternalUrl) || !Uri.TryCreate(settings.ExternalUrl!.Trim(), UriKind.Absolute, out var url))
        {
            return ExternalBotResult.Failed(BotFailure.NotHttps);
        }
        string secret;
        try
        {
            if (string.IsNullOrEmpty(settings.ProtectedSecret)) return ExternalBotResult.Failed(BotFailure.NoSecret);
            secret = secrets.Unprotect(settings.ProtectedSecret);
        }
        catch (CryptographicException)
        {
            logger.LogWarning("The external bot's shared secret of conversation {ConversationId} cannot be decrypted (were the Data Protection keys replaced?)", turn.ConversationId);
            return ExternalBotResult.Failed(BotFailure.NoSecret);
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(turn, BotContract.Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(BotContract.SignatureHeader, BotContract.Sign(body, secret));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Clamp(settings.TimeoutSeconds, 1, 120)));
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (status >= 500) return ExternalBotResult.Failed(BotFailure.ServerError, status);
            if (!response.IsSuccessStatusCode) return ExternalBotResult.Failed(BotFailure.HttpStatus, status);

            var reply = await ReadAsync(response.Content, timeout.Token);
            if (reply is null) return ExternalBotResult.Failed(BotFailure.Malformed);
            var signature = response.Headers.TryGetValues(BotContract.SignatureHeader, out var values) ? values.FirstOrDefault() : null;
            if (!BotContract.Verify(reply, signature, secret)) return ExternalBotResult.Failed(BotFailure.BadSignature);
            return Parse(reply) is { } parsed ? new ExternalBotResult(parsed) : ExternalBotResult.Failed(BotFailure.Malformed);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ExternalBotResult.Failed(BotFailure.Timeout);
        }
        catch (HttpRequestException ex)
        {
            logger.LogInformation("External bot at {Host} unreachable for conversation {ConversationId}: {Error}", url.Host, turn.ConversationId, ex.HttpRequestError);
            return ExternalBotResult.Failed(BotFailure.Unreachable);
        }
    }

    /// <summary>The body, or null when it is longer than <see cref="BotContract.MaxReplyBytes"/>.</summary>
    private static async Task<byte[]?> ReadAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > BotContract.MaxReplyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The reply, or null when it is not of the contract's shape or breaks its limits.</summary>
    internal static BotTurnReply? Parse(byte[] body)
    {
        BotTurnReply? reply;
        try
        {
            reply = JsonSerializer.Deserialize<BotTurnReply>(body, BotContract.Json);
        }
        catch (JsonException)
        {
            return null;
        }
        if (reply is null) return null;
        var messages = reply.Messages ?? [];
        if (messages.Count > BotContract.MaxReplyMessages) return null;
        if (messages.Any(m => m is null || string.IsNullOrWhiteSpace(m.Text) || m.Text.Trim().Length > BotContract.MaxTextLength)) return null;
        return reply with { Messages = messages };
    }
}
