using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OmniWhatsApp.Core.Bots;

/// <summary>What the app POSTs to an external bot for a turn (docs/bot-api.md).</summary>
public sealed record BotTurnRequest(
    int Version,
    long TurnId,
    int ConversationId,
    BotCustomer Customer,
    string? Language,
    IReadOnlyList<BotInboundMessage> Messages,
    DateTimeOffset? WindowEndsAt,
    DateTimeOffset SentAt);

public sealed record BotCustomer(string Phone, string? Name);

public sealed record BotInboundMessage(long Id, string? Text, IReadOnlyList<BotMedia> Media, BotChoice? Choice, DateTimeOffset At);

public sealed record BotMedia(string Url, string ContentType);

public sealed record BotChoice(string? Id, string? Title);

/// <summary>What an external bot answers: messages to send and, optionally, a hand-off to the agents.</summary>
public sealed record BotTurnReply(IReadOnlyList<BotReplyMessage>? Messages, BotHandoffRequest? Handoff);

public sealed record BotReplyMessage(string? Text);

public sealed record BotHandoffRequest(string? Queue, string? Note);

/// <summary>The contract's wire format and its signature (<c>X-Omni-Signature: sha256=&lt;hex&gt;</c>), used by both directions.</summary>
public static class BotContract
{
    public const int Version = 1;

    public const string SignatureHeader = "X-Omni-Signature";

    /// <summary>The most messages one reply may carry, and the longest text of one (WhatsApp's session message limit).</summary>
    public const int MaxReplyMessages = 10;
    public const int MaxTextLength = 1600;

    /// <summary>The largest reply body read; a longer one is a malformed reply.</summary>
    public const int MaxReplyBytes = 64 * 1024;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of <paramref name="body"/> with <paramref name="secret"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Whether <paramref name="header"/> is the signature of <paramref name="body"/> (compared in constant time).</summary>
    public static bool Verify(ReadOnlySpan<byte> body, string? header, string secret)
    {
        if (string.IsNullOrWhiteSpace(header)) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(body, secret));
        var given = Encoding.ASCII.GetBytes(header.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
