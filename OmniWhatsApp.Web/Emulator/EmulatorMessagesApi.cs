using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OmniWhatsApp.Web.Emulator;

/// <summary>Twilio's Messages resource: create, fetch, list, and the media of inbound messages.</summary>
internal static class EmulatorMessagesApi
{
    private const int MaxBody = 1600;

    public static void Map(RouteGroupBuilder accounts)
    {
        accounts.MapPost("/{accountSid}/Messages.json", CreateAsync);
        accounts.MapGet("/{accountSid}/Messages.json", List);
        accounts.MapGet("/{accountSid}/Messages/{messageSid}.json", Fetch);
        accounts.MapGet("/{accountSid}/Messages/{messageSid}/Media/{mediaSid}", Media);
    }

    /// <summary>POST Messages.json: validates like Twilio, applies WhatsApp's rules, answers 201 queued, then calls back.</summary>
    private static async Task<IResult> CreateAsync(
        string accountSid, HttpRequest request, IOptions<EmulatorOptions> options, EmulatorState state, EmulatorFaults faults,
        EmulatorContent content, EmulatorStatusCallbacks callbacks, TimeProvider clock)
    {
        var emulator = options.Value;
        if (!TwilioEmulator.IsAuthenticated(request, emulator)) return TwilioEmulator.Unauthorized();
        if (accountSid != emulator.AccountSid) return NotFound(request);
        if (!request.HasFormContentType) return Error(400, 21619, "A text message body or media urls must be specified.");

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        string? Field(string name) => form.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v.ToString()) ? v.ToString() : null;
        var to = Field("To");
        var from = Field("From");
        var customer = EmulatorWire.NumberOf(to);

        var fault = faults.Take(customer);
        var stall = TimeSpan.Zero;
        switch (fault?.Kind)
        {
            case EmulatorFaultKind.TooManyRequests:
                return Error(429, 20429, "Too Many Requests");
            case EmulatorFaultKind.ServerError:
                return Error(500, 20500, "Internal Server Error");
            case EmulatorFaultKind.Reject:
                return Error(fault.Status, fault.Code, fault.Message);
            case EmulatorFaultKind.SlowResponse:
                // A caller that gave up before the answer has created nothing.
                if (!await DelayAsync(fault.Delay, request)) return Results.Empty;
                break;
            case EmulatorFaultKind.AcceptThenStall:
                stall = fault.Delay;
                break;
        }

        if (to is null) return Error(400, 21604, "A 'To' phone number is required.");
        if (customer is null) return Error(400, 21211, $"Invalid 'To' Phone Number: {to}");
        if (from is null) return Error(400, 21603, "A 'From' phone number is required.");
        if (EmulatorWire.NumberOf(from) is not { } business) return Error(400, 21212, $"Invalid 'From' Phone Number: {from}");

        var body = Field("Body");
        var contentSid = Field("ContentSid");
        var contentVariables = Field("ContentVariables");
        var mediaUrls = form.TryGetValue("MediaUrl", out var media) ? media.Where(u => !string.IsNullOrEmpty(u)).Select(u => u!).ToList() : [];

        if (contentVariables is not null && contentSid is null)
        {
            return Error(400, 21654, "ContentVariables parameter is only valid when ContentSid is provided.");
        }
        Dictionary<string, string>? variables = null;
        if (contentVariables is not null)
        {
            try
            {
                variables = JsonSerializer.Deserialize<Dictionary<string, string>>(contentVariables);
            }
            catch (JsonException)
            {
                return Error(400, 21656, "The ContentVariables Parameter is invalid.");
            }
        }
        if (body is null && mediaUrls.Count == 0 && contentSid is null) return Error(400, 21619, "A text message body or media urls must be specified.");
        if (body?.Length > MaxBody) return Error(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
        if (mediaUrls.Any(u => !Uri.TryCreate(u, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            return Error(400, 21620, "Invalid media URL(s).");
        }

        if (contentSid is not null)
        {
            if (!EmulatorWire.IsContentSid(contentSid) || content.Find(contentSid) is not { } template) return Error(400, 21655, "The ContentSid is Invalid.");
            body = WhatsAppRules.Fill(template.Body, variables, template.Variables);
            mediaUrls = [];
        }

        var now = clock.GetUtcNow();
        int? planned = null;
        if (emulator.SandboxNumbers.Contains(business) && !IsMember(state.JoinedAt(business, customer), now, emulator))
        {
            planned = EmulatorWire.SandboxNotJoined;
        }
        else if (!WhatsAppRules.IsWindowOpen(state.LastInbound(business, customer), now)
            && (contentSid is not null
                // Content outside the window only once WhatsApp approved it; inside, any (Twilio allows that).
                ? content.Find(contentSid)?.IsApproved != true
                : mediaUrls.Count > 0 || !WhatsAppRules.IsTemplateText(body, content.ApprovedBodies)))
        {
            if (emulator.WindowRefusal == WindowRefusal.HttpError)
            {
                return Error(400, EmulatorWire.OutsideWindow, EmulatorStatusCallbacks.ErrorText(EmulatorWire.OutsideWindow));
            }
            planned = EmulatorWire.OutsideWindow;
        }

        var message = new EmulatorMessage
        {
            Sid = EmulatorWire.NewSid(mediaUrls.Count > 0 ? "MM" : "SM"),
            AccountSid = accountSid,
            From = from,
            To = to,
            Body = body ?? "",
            Direction = EmulatorMessage.Outbound,
            Status = "queued",
            MediaUrls = mediaUrls,
            ContentSid = contentSid,
            // Without its own StatusCallback, a message reports to its sender's status callback, as on Twilio.
            StatusCallback = Field("StatusCallback") ?? NonEmpty(state.SenderFor(from)?.StatusCallbackUrl),
            DateCreated = now,
            DateUpdated = now,
            PlannedErrorCode = planned,
        };
        state.Save(message);
        callbacks.Start(message.Sid);

        if (stall > TimeSpan.Zero) await DelayAsync(stall, request);
        return Results.Json(Resource(message), statusCode: 201);
    }

    /// <summary>GET Messages.json with To, From and DateSent filters, newest first, paged by PageSize and Page.</summary>
    private static IResult List(string accountSid, HttpRequest request, IOptions<EmulatorOptions> options, EmulatorState state)
    {
        var emulator = options.Value;
        if (!TwilioEmulator.IsAuthenticated(request, emulator)) return TwilioEmulator.Unauthorized();
        if (accountSid != emulator.AccountSid) return NotFound(request);

        var query = request.Query;
        IEnumerable<EmulatorMessage> found = state.Messages.Where(m => m.AccountSid == accountSid);
        if (query["To"].ToString() is { Length: > 0 } to) found = found.Where(m => m.To == to);
        if (query["From"].ToString() is { Length: > 0 } from) found = found.Where(m => m.From == from);
        // A day (YYYY-MM-DD) compares days; a time (YYYY-MM-DDThh:mm:ssZ, as the SDKs send) compares instants.
        if (When(query["DateSent"]) is { } on) found = found.Where(m => m.DateSent is { } sent && Day(sent) == on.Day);
        if (When(query["DateSent>"]) is { } after) found = found.Where(m => m.DateSent is { } sent && (after.Instant is { } t ? sent >= t : Day(sent) >= after.Day));
        if (When(query["DateSent<"]) is { } before) found = found.Where(m => m.DateSent is { } sent && (before.Instant is { } t ? sent <= t : Day(sent) <= before.Day));

        var pageSize = int.TryParse(query["PageSize"], out var size) ? Math.Clamp(size, 1, 1000) : 50;
        var page = int.TryParse(query["Page"], out var p) ? Math.Max(0, p) : 0;
        var all = found.OrderByDescending(m => m.DateCreated).ToList();
        var items = all.Skip(page * pageSize).Take(pageSize).ToList();
        var path = $"/2010-04-01/Accounts/{accountSid}/Messages.json";
        // Each page's address keeps the list's filters, as Twilio's do.
        var filters = string.Concat(new[] { "To", "From", "DateSent", "DateSent>", "DateSent<" }
            .Where(name => query[name].ToString().Length > 0)
            .Select(name => $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(query[name].ToString())}&"));
        string PageUri(int n) => $"{path}?{filters}PageSize={pageSize}&Page={n}";
        return Results.Json(new Dictionary<string, object?>
        {
            ["messages"] = items.Select(Resource).ToList(),
            ["first_page_uri"] = PageUri(0),
            ["next_page_uri"] = (page + 1) * pageSize < all.Count ? PageUri(page + 1) : null,
            ["previous_page_uri"] = page > 0 ? PageUri(page - 1) : null,
            ["page"] = page,
            ["page_size"] = pageSize,
            ["start"] = page * pageSize,
            ["end"] = page * pageSize + Math.Max(0, items.Count - 1),
            ["uri"] = PageUri(page),
        });

        static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

        static (DateOnly Day, DateTimeOffset? Instant)? When(string? text)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return (day, null);
            if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"], CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            {
                return (Day(at), at);
            }
            return null;
        }
    }

    /// <summary>GET Messages/{Sid}.json.</summary>
    private static IResult Fetch(string accountSid, string messageSid, HttpRequest request, IOptions<EmulatorOptions> options, EmulatorState state)
    {
        var emulator = options.Value;
        if (!TwilioEmulator.IsAuthenticated(request, emulator)) return TwilioEmulator.Unauthorized();
        if (accountSid != emulator.AccountSid || state.Find(messageSid) is not { } message || message.AccountSid != accountSid) return NotFound(request);
        return Results.Json(Resource(message));
    }

    /// <summary>GET Messages/{MM}/Media/{ME}: the file (or, with .json, its metadata), with Basic auth.</summary>
    private static IResult Media(string accountSid, string messageSid, string mediaSid, HttpRequest request, IOptions<EmulatorOptions> options, EmulatorState state)
    {
        var emulator = options.Value;
        if (!TwilioEmulator.IsAuthenticated(request, emulator)) return TwilioEmulator.Unauthorized();
        var asJson = mediaSid.EndsWith(".json", StringComparison.Ordinal);
        var sid = asJson ? mediaSid[..^5] : mediaSid;
        var message = state.Find(messageSid);
        var media = message?.Media.FirstOrDefault(m => m.Sid == sid);
        if (accountSid != emulator.AccountSid || message?.AccountSid != accountSid || media is null) return NotFound(request);
        var uri = $"/2010-04-01/Accounts/{accountSid}/Messages/{messageSid}/Media/{sid}";
        if (asJson)
        {
            return Results.Json(new Dictionary<string, object?>
            {
                ["sid"] = sid,
                ["account_sid"] = accountSid,
                ["parent_sid"] = messageSid,
                ["content_type"] = media.ContentType,
                ["date_created"] = EmulatorWire.Date(message.DateCreated),
                ["date_updated"] = EmulatorWire.Date(message.DateCreated),
                ["uri"] = uri + ".json",
            });
        }
        var bytes = state.ReadMedia(sid);
        return bytes is null ? NotFound(request) : Results.File(bytes, media.ContentType);
    }

    /// <summary>The Message resource as Twilio returns it (snake_case, num_media and num_segments as strings, RFC 2822 dates).</summary>
    internal static Dictionary<string, object?> Resource(EmulatorMessage m)
    {
        var uri = $"/2010-04-01/Accounts/{m.AccountSid}/Messages/{m.Sid}";
        return new Dictionary<string, object?>
        {
            ["account_sid"] = m.AccountSid,
            ["api_version"] = "2010-04-01",
            ["body"] = m.Body ?? "",
            ["date_created"] = EmulatorWire.Date(m.DateCreated),
            ["date_sent"] = m.DateSent is { } sent ? EmulatorWire.Date(sent) : null,
            ["date_updated"] = EmulatorWire.Date(m.DateUpdated),
            ["direction"] = m.Direction,
            ["error_code"] = m.ErrorCode,
            ["error_message"] = m.ErrorMessage,
            ["from"] = m.From,
            ["messaging_service_sid"] = null,
            ["num_media"] = m.NumMedia.ToString(CultureInfo.InvariantCulture),
            ["num_segments"] = "1",
            ["price"] = null,
            ["price_unit"] = "USD",
            ["sid"] = m.Sid,
            ["status"] = m.Status,
            ["subresource_uris"] = new Dictionary<string, string> { ["media"] = uri + "/Media.json" },
            ["to"] = m.To,
            ["uri"] = uri + ".json",
        };
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    internal static bool IsMember(DateTimeOffset? joinedAt, DateTimeOffset now, EmulatorOptions emulator) =>
        joinedAt is { } at && now < at + emulator.SandboxMembership;

    private static IResult NotFound(HttpRequest request) =>
        Error(404, 20404, $"The requested resource {request.Path.Value?.Replace("/" + TwilioEmulator.ApiPath.TrimEnd('/'), "", StringComparison.Ordinal)} was not found");

    private static IResult Error(int status, int code, string message) => TwilioEmulator.TwilioErrorResult(status, code, message);

    /// <summary>
    /// Waits, unless the caller hangs up first (then false). Not cut short when the app stops: a stalled answer
    /// must stay unanswered until the app's own sender gives up, as it would with a real Twilio.
    /// </summary>
    private static async Task<bool> DelayAsync(TimeSpan delay, HttpRequest request)
    {
        try
        {
            await Task.Delay(delay, request.HttpContext.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
