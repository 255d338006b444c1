using System.Globalization;
using Newtonsoft.Json.Linq;
using OmniWhatsApp.Core.Templates;
using Twilio.Rest.Content.V1;
using Sdk = Twilio.Rest.Content.V1.ContentResource;

namespace OmniWhatsApp.Core.Twilio;

/// <summary>
/// <see cref="RichContent"/> to and from the Content API's <c>types</c>: to the SDK's builders when creating a
/// template, and from the JSON Twilio answers when listing them (<c>twilio/text</c>, <c>twilio/media</c>,
/// <c>twilio/quick-reply</c>, <c>twilio/call-to-action</c>, <c>twilio/list-picker</c>, <c>twilio/card</c>,
/// <c>twilio/location</c>).
/// </summary>
public static class TwilioContentTypes
{
    public const string Text = "twilio/text";
    public const string Media = "twilio/media";
    public const string QuickReply = "twilio/quick-reply";
    public const string CallToAction = "twilio/call-to-action";
    public const string ListPicker = "twilio/list-picker";
    public const string Card = "twilio/card";
    public const string Location = "twilio/location";

    /// <summary>The Content API's name of a type.</summary>
    public static string NameOf(RichContentType type) => type switch
    {
        RichContentType.Text => Text,
        RichContentType.Media => Media,
        RichContentType.QuickReply => QuickReply,
        RichContentType.CallToAction => CallToAction,
        RichContentType.ListPicker => ListPicker,
        RichContentType.Card => Card,
        RichContentType.Location => Location,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The SDK's <c>types</c> for <paramref name="content"/> (one type, the one it is).</summary>
    public static Sdk.Types ToSdk(RichContent content)
    {
        var types = new Sdk.Types.Builder();
        switch (content.Type)
        {
            case RichContentType.Text:
                types.WithTwilioText(new Sdk.TwilioText.Builder().WithBody(content.Body).Build());
                break;
            case RichContentType.Media:
                types.WithTwilioMedia(new Sdk.TwilioMedia.Builder().WithBody(content.Body).WithMedia(MediaOf(content)).Build());
                break;
            case RichContentType.QuickReply:
                types.WithTwilioQuickReply(new Sdk.TwilioQuickReply.Builder()
                    .WithBody(content.Body)
                    .WithActions(content.Buttons.Select(b => new Sdk.QuickReplyAction.Builder()
                        .WithType(Sdk.QuickReplyActionType.QuickReply).WithTitle(b.Title).WithId(b.Id ?? b.Title).Build()).ToList())
                    .Build());
                break;
            case RichContentType.CallToAction:
                types.WithTwilioCallToAction(new Sdk.TwilioCallToAction.Builder()
                    .WithBody(content.Body)
                    .WithActions(content.Buttons.Select(CallToActionOf).ToList())
                    .Build());
                break;
            case RichContentType.ListPicker:
                types.WithTwilioListPicker(new Sdk.TwilioListPicker.Builder()
                    .WithBody(content.Body)
                    .WithButton(content.ListButton ?? "")
                    .WithItems(content.Items.Select(i =>
                    {
                        var item = new Sdk.ListItem.Builder().WithId(i.Id).WithItem(i.Item);
                        if (!string.IsNullOrEmpty(i.Description)) item.WithDescription(i.Description);
                        return item.Build();
                    }).ToList())
                    .Build());
                break;
            case RichContentType.Card:
                var card = new Sdk.TwilioCard.Builder().WithTitle(content.Body);
                if (!string.IsNullOrEmpty(content.Subtitle)) card.WithSubtitle(content.Subtitle);
                if (!string.IsNullOrEmpty(content.MediaUrl)) card.WithMedia(MediaOf(content));
                if (content.Buttons.Count > 0) card.WithActions(content.Buttons.Select(CardActionOf).ToList());
                types.WithTwilioCard(card.Build());
                break;
            case RichContentType.Location:
                var location = new Sdk.TwilioLocation.Builder()
                    .WithLatitude((decimal?)content.Latitude)
                    .WithLongitude((decimal?)content.Longitude);
                if (!string.IsNullOrEmpty(content.Label)) location.WithLabel(content.Label);
                if (!string.IsNullOrEmpty(content.Address)) location.WithAddress(content.Address);
                types.WithTwilioLocation(location.Build());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(content), content.Type, "Not a content type the console builds.");
        }
        return types.Build();
    }

    /// <summary>
    /// The first type of Twilio's <c>types</c> JSON the console knows, read into a <see cref="RichContent"/>; null when
    /// there is none (a carousel, a catalog…).
    /// </summary>
    public static RichContent? FromTypes(object? types)
    {
        if (types is not JObject all) return null;
        foreach (var (name, value) in all)
        {
            if (value is not JObject type) continue;
            var body = type.Value<string>("body") ?? "";
            RichContent? content = name switch
            {
                Text => new RichContent { Type = RichContentType.Text, Body = body },
                Media => new RichContent { Type = RichContentType.Media, Body = body, MediaUrl = FirstMedia(type) },
                QuickReply => new RichContent { Type = RichContentType.QuickReply, Body = body, Buttons = Buttons(type) },
                CallToAction => new RichContent { Type = RichContentType.CallToAction, Body = body, Buttons = Buttons(type) },
                ListPicker => new RichContent
                {
                    Type = RichContentType.ListPicker,
                    Body = body,
                    ListButton = type.Value<string>("button"),
                    Items = (type["items"] as JArray ?? []).OfType<JObject>()
                        .Select(i => new RichListItem(i.Value<string>("id") ?? "", i.Value<string>("item") ?? "", Blank(i.Value<string>("description"))))
                        .ToList(),
                },
                Card => new RichContent
                {
                    Type = RichContentType.Card,
                    Body = type.Value<string>("title") ?? "",
                    Subtitle = Blank(type.Value<string>("subtitle")),
                    MediaUrl = FirstMedia(type),
                    Buttons = Buttons(type),
                },
                Location => new RichContent
                {
                    Type = RichContentType.Location,
                    Latitude = Number(type["latitude"]),
                    Longitude = Number(type["longitude"]),
                    Label = Blank(type.Value<string>("label")),
                    Address = Blank(type.Value<string>("address")),
                },
                _ => null,
            };
            if (content is not null) return content;
        }
        return null;
    }

    private static List<string> MediaOf(RichContent content) => string.IsNullOrEmpty(content.MediaUrl) ? [] : [content.MediaUrl];

    private static Sdk.CallToActionAction CallToActionOf(RichButton button)
    {
        var action = new Sdk.CallToActionAction.Builder().WithTitle(button.Title);
        return (button.Kind == RichButtonKind.PhoneNumber
            ? action.WithType(Sdk.CallToActionActionType.PhoneNumber).WithPhone(button.Phone ?? "")
            : action.WithType(Sdk.CallToActionActionType.Url).WithUrl(button.Url ?? "")).Build();
    }

    private static Sdk.CardAction CardActionOf(RichButton button)
    {
        var action = new Sdk.CardAction.Builder().WithTitle(button.Title);
        return (button.Kind switch
        {
            RichButtonKind.PhoneNumber => action.WithType(Sdk.CardActionType.PhoneNumber).WithPhone(button.Phone ?? ""),
            RichButtonKind.Url => action.WithType(Sdk.CardActionType.Url).WithUrl(button.Url ?? ""),
            _ => action.WithType(Sdk.CardActionType.QuickReply).WithId(button.Id ?? button.Title),
        }).Build();
    }

    private static List<RichButton> Buttons(JObject type) =>
        (type["actions"] as JArray ?? []).OfType<JObject>().Select(a =>
        {
            var title = a.Value<string>("title") ?? "";
            return (a.Value<string>("type") ?? "").ToUpperInvariant() switch
            {
                "URL" => new RichButton(RichButtonKind.Url, title, Url: a.Value<string>("url")),
                "PHONE_NUMBER" => new RichButton(RichButtonKind.PhoneNumber, title, Phone: a.Value<string>("phone")),
                _ => new RichButton(RichButtonKind.QuickReply, title, Id: a.Value<string>("id") ?? title),
            };
        }).ToList();

    private static string? FirstMedia(JObject type) => (type["media"] as JArray)?.Select(m => m.Type == JTokenType.String ? (string?)m : null).FirstOrDefault(m => !string.IsNullOrEmpty(m));

    private static double? Number(JToken? token) => token?.Type switch
    {
        JTokenType.Float or JTokenType.Integer => token.Value<double>(),
        JTokenType.String when double.TryParse(token.Value<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
