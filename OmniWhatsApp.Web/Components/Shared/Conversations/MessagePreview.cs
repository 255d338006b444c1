using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;

namespace OmniWhatsApp.Web.Components.Shared.Conversations;

/// <summary>
/// The line under a customer's name in the inbox: the latest message's text, or what it carries when it has no text
/// ("📷 Photo"), as WhatsApp itself shows it; a caption gets the attachment's symbol before it.
/// </summary>
public static class MessagePreview
{
    public static string Text(IStringLocalizer<Strings> L, string? body, string? mediaType)
    {
        if (mediaType is null) return body ?? "";
        // A contact card's preview is "👤" and its name, once read.
        if (Core.Messages.VCard.IsContactCard(mediaType)) return string.IsNullOrWhiteSpace(body) ? L["👤 Contact"] : body;
        if (string.IsNullOrWhiteSpace(body)) return Label(L, mediaType);
        return $"{Symbol(mediaType)} {body}";
    }

    /// <summary>"📷 Photo", "🎥 Video", "🎤 Audio" or "📄 Document".</summary>
    public static string Label(IStringLocalizer<Strings> L, string mediaType) => Kind(mediaType) switch
    {
        "image" => L["📷 Photo"],
        "video" => L["🎥 Video"],
        "audio" => L["🎤 Audio"],
        _ => L["📄 Document"],
    };

    private static string Symbol(string mediaType) => Kind(mediaType) switch
    {
        "image" => "📷",
        "video" => "🎥",
        "audio" => "🎤",
        _ => "📄",
    };

    private static string Kind(string mediaType)
    {
        var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        return (slash < 0 ? mediaType : mediaType[..slash]).ToLowerInvariant();
    }
}
