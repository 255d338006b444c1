using System.Globalization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Core.Inbound;

/// <summary>One attachment announced by an inbound webhook.</summary>
public sealed record InboundMedia(int Index, string Url, string ContentType);

/// <summary>A customer's WhatsApp message as Twilio posts it to the inbound webhook, checked.</summary>
public sealed record InboundMessage(
    string MessageSid,
    string AccountSid,
    PhoneNumber From,
    PhoneNumber To,
    string? ProfileName,
    string? Body,
    IReadOnlyList<InboundMedia> Media,
    MessageLocation? Location = null,
    InboundChoice? Choice = null,
    string? QuotedSid = null);

/// <summary>
/// A customer's tap on a quick-reply button (<c>ButtonPayload</c>, <c>ButtonText</c>) or a list row (<c>ListId</c>,
/// <c>ListTitle</c>): the payload the business gave it, if any, and the words the customer saw.
/// </summary>
public sealed record InboundChoice(string? Payload, string Title, bool FromList);

/// <summary>Why an inbound request was refused (400), in words for the log.</summary>
public sealed record InboundProblem(string Reason);

/// <summary>
/// Reads Twilio's inbound form fields. Unknown fields are ignored (Twilio adds parameters without notice);
/// missing or absurd ones make the whole request invalid, so nothing half-formed is stored.
/// </summary>
public static class InboundForm
{
    public const int MaxBodyLength = 4096;
    public const int MaxMedia = 10;
    public const int MaxProfileNameLength = 200;
    public const int MaxUrlLength = 1000;
    /// <summary>What a stored choice's title may hold (a payload standing in for a missing title may be longer).</summary>
    public const int MaxChoiceTitleLength = 256;

    /// <summary>
    /// The most characters each text field Twilio sends may have; a longer one is refused (400), never cut. Twilio passes
    /// on what WhatsApp allows, and every bound here is well above that (WhatsApp caps a text at 4,096 characters, a
    /// profile name, a button's text or a list row's title at a few dozen, a payload or row id at a few hundred), so only
    /// a forged or broken request reaches one; cutting it would store something the customer never sent. Fields not
    /// named here are never stored or logged (Twilio adds fields without notice, so they are not refused), and the whole
    /// form is capped at 64 KB.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> MaxLengths = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["Body"] = MaxBodyLength,
        ["ProfileName"] = MaxProfileNameLength,
        ["Label"] = MessageLocation.MaxTextLength,
        ["Address"] = MessageLocation.MaxTextLength,
        ["Latitude"] = 40,
        ["Longitude"] = 40,
        ["ButtonText"] = 256,
        ["ButtonPayload"] = 1000,
        ["ListTitle"] = 256,
        ["ListId"] = 1000,
        ["WaId"] = 20,
        ["MessageType"] = 50,
        ["OriginalRepliedMessageSid"] = 64,
        ["OriginalRepliedMessageSender"] = 64,
        ["Forwarded"] = 10,
        ["FrequentlyForwarded"] = 10,
        ["SmsStatus"] = 20,
        ["NumSegments"] = 10,
        ["ApiVersion"] = 20,
        ["MessagingServiceSid"] = 64,
    };

    public static (InboundMessage? Message, InboundProblem? Problem) Parse(IReadOnlyDictionary<string, string> form)
    {
        var sid = form.GetValueOrDefault("MessageSid");
        if (!TwilioSids.IsMessageSid(sid)) return Fail("MessageSid is missing or not a Twilio message SID");
        var accountSid = form.GetValueOrDefault("AccountSid");
        if (!TwilioSids.IsAccountSid(accountSid)) return Fail("AccountSid is missing or malformed");
        if (!PhoneNumber.TryParse(form.GetValueOrDefault("From"), out var from)) return Fail("From is not a whatsapp:+E164 address");
        if (!PhoneNumber.TryParse(form.GetValueOrDefault("To"), out var to)) return Fail("To is not a whatsapp:+E164 address");

        foreach (var (field, max) in MaxLengths)
        {
            if (form.GetValueOrDefault(field) is { } value && value.Length > max) return Fail($"{field} is longer than {max} characters");
        }
        var body = form.GetValueOrDefault("Body");
        var profile = form.GetValueOrDefault("ProfileName");

        var numMediaText = form.GetValueOrDefault("NumMedia") ?? "0";
        if (!int.TryParse(numMediaText, NumberStyles.None, CultureInfo.InvariantCulture, out var numMedia) || numMedia > MaxMedia)
        {
            return Fail($"NumMedia '{numMediaText}' is not a count from 0 to {MaxMedia}");
        }

        var media = new List<InboundMedia>(numMedia);
        for (var i = 0; i < numMedia; i++)
        {
            var url = form.GetValueOrDefault($"MediaUrl{i}");
            var type = form.GetValueOrDefault($"MediaContentType{i}");
            if (url is null || type is null) return Fail($"NumMedia is {numMedia} but MediaUrl{i}/MediaContentType{i} is missing");
            if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
            {
                return Fail($"MediaUrl{i} is not an absolute http(s) URL");
            }
            if (type.Length > 100 || !type.Contains('/')) return Fail($"MediaContentType{i} is not a content type");
            media.Add(new InboundMedia(i, url, type.ToLowerInvariant()));
        }
        if (form.ContainsKey($"MediaUrl{numMedia}")) return Fail($"NumMedia is {numMedia} but MediaUrl{numMedia} is present");
        MessageLocation? location = null;
        var (latitudeText, longitudeText) = (form.GetValueOrDefault("Latitude"), form.GetValueOrDefault("Longitude"));
        if (latitudeText is not null || longitudeText is not null)
        {
            // A shared location: kept as its own fields (the timeline shows a place and a map link), not as text.
            if (!MessageLocation.TryParseCoordinate(latitudeText, 90, out var latitude) || !MessageLocation.TryParseCoordinate(longitudeText, 180, out var longitude))
            {
                return Fail("Latitude/Longitude is not a pair of coordinates");
            }
            location = new MessageLocation(latitude, longitude, Blank(form.GetValueOrDefault("Label")), Blank(form.GetValueOrDefault("Address")));
        }

        var quoted = form.GetValueOrDefault("OriginalRepliedMessageSid");
        if (quoted is not null && !TwilioSids.IsMessageSid(quoted)) return Fail("OriginalRepliedMessageSid is not a Twilio message SID");

        var (buttonPayload, buttonText) = (Blank(form.GetValueOrDefault("ButtonPayload")), Blank(form.GetValueOrDefault("ButtonText")));
        var (listId, listTitle) = (Blank(form.GetValueOrDefault("ListId")), Blank(form.GetValueOrDefault("ListTitle")));
        if ((buttonPayload ?? buttonText) is not null && (listId ?? listTitle) is not null) return Fail("ButtonPayload/ButtonText and ListId/ListTitle name two choices at once");
        if (HasControl(buttonPayload) || HasControl(listId) || HasControl(buttonText) || HasControl(listTitle)) return Fail("A button or list field has control characters");
        InboundChoice? choice = null;
        if ((listId ?? listTitle) is not null)
        {
            choice = new InboundChoice(listId, listTitle ?? listId!, true);
        }
        else if ((buttonPayload ?? buttonText) is not null)
        {
            choice = new InboundChoice(buttonPayload, buttonText ?? buttonPayload!, false);
        }
        if (choice is not null && choice.Title.Length > MaxChoiceTitleLength) return Fail($"The choice's title is longer than {MaxChoiceTitleLength} characters");

        return (new InboundMessage(sid!, accountSid!, from, to, Blank(profile), body, media, location, choice, quoted), null);

        static bool HasControl(string? value) => value is not null && value.Any(char.IsControl);

        static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        static (InboundMessage?, InboundProblem?) Fail(string reason) => (null, new InboundProblem(reason));
    }
}
