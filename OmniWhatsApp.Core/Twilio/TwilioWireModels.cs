using System.Text.Json.Serialization;

namespace OmniWhatsApp.Core.Twilio;

/// <summary>What the product sends to Twilio's Messages API.</summary>
public sealed record OutgoingMessage
{
    /// <summary>The customer, as <c>whatsapp:+E164</c>.</summary>
    public required string To { get; init; }
    /// <summary>The business number, as <c>whatsapp:+E164</c>.</summary>
    public required string From { get; init; }
    public string? Body { get; init; }
    public string? MediaUrl { get; init; }
    public string? ContentSid { get; init; }
    /// <summary>JSON object string such as <c>{"1":"Sarah"}</c>; only with <see cref="ContentSid"/>.</summary>
    public string? ContentVariables { get; init; }
    public string? StatusCallback { get; init; }
}

/// <summary>Twilio's Message resource (snake_case JSON; num_media and num_segments are strings).</summary>
public sealed record TwilioMessage(
    [property: JsonPropertyName("sid")] string Sid,
    [property: JsonPropertyName("account_sid")] string? AccountSid,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string? To,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("direction")] string? Direction,
    [property: JsonPropertyName("error_code")] int? ErrorCode,
    [property: JsonPropertyName("error_message")] string? ErrorMessage,
    [property: JsonPropertyName("num_media")] string? NumMedia,
    [property: JsonPropertyName("date_created")] string? DateCreated)
{
    [JsonPropertyName("date_sent")]
    public string? DateSent { get; init; }
}

/// <summary>A page of Twilio's Messages list.</summary>
public sealed record TwilioMessagePage(
    [property: JsonPropertyName("messages")] IReadOnlyList<TwilioMessage> Messages,
    [property: JsonPropertyName("next_page_uri")] string? NextPageUri);

/// <summary>One approved template from Twilio's Content API.</summary>
public sealed record TwilioContent(
    [property: JsonPropertyName("sid")] string Sid,
    [property: JsonPropertyName("friendly_name")] string? FriendlyName,
    [property: JsonPropertyName("language")] string? Language,
    [property: JsonPropertyName("variables")] IReadOnlyDictionary<string, string>? Variables,
    [property: JsonPropertyName("types")] IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Types)
{
    /// <summary>Only in ContentAndApprovals: <c>{"name":…,"category":…,"status":"approved",…}</c>.</summary>
    [JsonPropertyName("approval_requests")]
    public System.Text.Json.JsonElement? ApprovalRequests { get; init; }

    /// <summary>WhatsApp's approval status ("approved", "pending", "rejected"…), when the list carried it.</summary>
    public string? ApprovalStatus =>
        ApprovalRequests is { ValueKind: System.Text.Json.JsonValueKind.Object } approval
        && approval.TryGetProperty("status", out var status) && status.ValueKind == System.Text.Json.JsonValueKind.String
            ? status.GetString() : null;

    /// <summary>The name WhatsApp approved the template under (lowercase and underscores), when the list carried it.</summary>
    public string? ApprovalName =>
        ApprovalRequests is { ValueKind: System.Text.Json.JsonValueKind.Object } approval
        && approval.TryGetProperty("name", out var name) && name.ValueKind == System.Text.Json.JsonValueKind.String
            ? name.GetString() : null;

    /// <summary>The text of the first content type that has a body (twilio/text, twilio/quick-reply…).</summary>
    public string? BodyText =>
        Types?.Values.Select(t => t.ValueKind == System.Text.Json.JsonValueKind.Object && t.TryGetProperty("body", out var body)
                && body.ValueKind == System.Text.Json.JsonValueKind.String ? body.GetString() : null)
            .FirstOrDefault(b => !string.IsNullOrEmpty(b));
}

public sealed record TwilioContentPage(
    [property: JsonPropertyName("contents")] IReadOnlyList<TwilioContent> Contents,
    [property: JsonPropertyName("meta")] TwilioContentMeta? Meta);

public sealed record TwilioContentMeta([property: JsonPropertyName("next_page_url")] string? NextPageUrl);

/// <summary>A downloaded media file.</summary>
public sealed record TwilioMedia(byte[] Content, string ContentType);
