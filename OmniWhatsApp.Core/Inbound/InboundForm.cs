using System.Globalization;
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
    IReadOnlyList<InboundMedia> Media);

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

    public static (InboundMessage? Message, InboundProblem? Problem) Parse(IReadOnlyDictionary<string, string> form)
    {
        var sid = form.GetValueOrDefault("MessageSid");
        if (!TwilioSids.IsMessageSid(sid)) return Fail("MessageSid is missing or not a Twilio message SID");
        var accountSid = form.GetValueOrDefault("AccountSid");
        if (!TwilioSids.IsAccountSid(accountSid)) return Fail("AccountSid is missing or malformed");
        if (!PhoneNumber.TryParse(form.GetValueOrDefault("From"), out var from)) return Fail("From is not a whatsapp:+E164 address");
        if (!PhoneNumber.TryParse(form.GetValueOrDefault("To"), out var to)) return Fail("To is not a whatsapp:+E164 address");

        var body = form.GetValueOrDefault("Body");
        if (body is { Length: > MaxBodyLength }) return Fail($"Body is longer than {MaxBodyLength} characters");
        var profile = form.GetValueOrDefault("ProfileName");
        if (profile is { Length: > MaxProfileNameLength }) return Fail($"ProfileName is longer than {MaxProfileNameLength} characters");

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
        if (string.IsNullOrEmpty(body) && form.GetValueOrDefault("Latitude") is { } latitude && form.GetValueOrDefault("Longitude") is { } longitude)
        {
            // A shared location arrives without a body; keep what the customer sent in readable form.
            var place = form.GetValueOrDefault("Label") ?? form.GetValueOrDefault("Address");
            body = $"📍 {(place is null ? "" : place + " ")}({latitude}, {longitude})".Trim();
        }

        return (new InboundMessage(sid!, accountSid!, from, to, string.IsNullOrWhiteSpace(profile) ? null : profile.Trim(), body, media), null);

        static (InboundMessage?, InboundProblem?) Fail(string reason) => (null, new InboundProblem(reason));
    }
}
