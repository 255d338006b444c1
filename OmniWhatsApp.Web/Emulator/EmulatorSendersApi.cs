using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace OmniWhatsApp.Web.Emulator;

/// <summary>
/// Twilio's Messaging API v2 Channels Senders (messaging.twilio.com/v2/Channels/Senders) for WhatsApp: list, create,
/// fetch and update senders, above all their webhook (where customers' messages to the number are posted). This is
/// how the emulator learns where to deliver inbound messages, as Twilio does from a sender's configuration.
/// </summary>
internal static class EmulatorSendersApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var senders = app.MapGroup("/" + TwilioEmulator.MessagingApiPath + "v2/Channels/Senders").AllowAnonymous().DisableAntiforgery();
        senders.MapGet("", List);
        senders.MapPost("", CreateAsync);
        senders.MapGet("/{sid}", Fetch);
        senders.MapPost("/{sid}", UpdateAsync);
    }

    private static IResult List(HttpRequest request, IOptions<EmulatorOptions> options, EmulatorState state)
    {
        if (!TwilioEmulator.IsAuthenticated(request, options.Value)) return TwilioEmulator.Unauthorized();
        var channel = request.Query["Channel"].ToString();
        var pageSize = int.TryParse(request.Query["PageSize"], out var size) ? Math.Clamp(size, 1, 1000) : 50;
        var found = state.Senders.Where(s => channel.Length == 0 || s.SenderId.StartsWith(channel + ":", StringComparison.OrdinalIgnoreCase)).ToList();
        var url = $"https://messaging.twilio.com/v2/Channels/Senders?Channel={Uri.EscapeDataString(channel)}&PageSize={pageSize}&Page=0";
        return Results.Json(new Dictionary<string, object?>
        {
            ["senders"] = found.Take(pageSize).Select(Resource).ToList(),
            ["meta"] = TwilioEmulator.Meta("senders", pageSize, url, next: null),
        });
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IOptions<EmulatorOptions> options, EmulatorState state, TimeProvider clock)
    {
        var emulator = options.Value;
        if (!TwilioEmulator.IsAuthenticated(request, emulator)) return TwilioEmulator.Unauthorized();
        if (await TwilioEmulator.ReadJsonAsync(request) is not { } body) return TwilioEmulator.TwilioErrorResult(400, 20001, "The request body must be a JSON object.");
        var senderId = TwilioEmulator.Text(body["sender_id"]);
        if (EmulatorWire.NumberOf(senderId) is null) return TwilioEmulator.TwilioErrorResult(400, 20001, "sender_id must be whatsapp:+E164.");
        if (state.SenderFor(senderId!) is not null) return TwilioEmulator.TwilioErrorResult(409, 20409, $"The sender {senderId} already exists.");

        var now = clock.GetUtcNow();
        var sender = Apply(new EmulatorSender(EmulatorWire.NewSid("XE"), emulator.AccountSid, senderId!) { DateCreated = now }, body, now);
        state.SaveSender(sender);
        return Results.Json(Resource(sender), statusCode: 201);
    }

    private static IResult Fetch(string sid, HttpRequest request, IOptions<EmulatorOptions> options, EmulatorState state)
    {
        if (!TwilioEmulator.IsAuthenticated(request, options.Value)) return TwilioEmulator.Unauthorized();
        return state.Senders.FirstOrDefault(s => s.Sid == sid) is { } sender ? Results.Json(Resource(sender)) : NotFound(sid);
    }

    private static async Task<IResult> UpdateAsync(string sid, HttpRequest request, IOptions<EmulatorOptions> options, EmulatorState state, TimeProvider clock)
    {
        if (!TwilioEmulator.IsAuthenticated(request, options.Value)) return TwilioEmulator.Unauthorized();
        if (state.Senders.FirstOrDefault(s => s.Sid == sid) is not { } sender) return NotFound(sid);
        if (await TwilioEmulator.ReadJsonAsync(request) is not { } body) return TwilioEmulator.TwilioErrorResult(400, 20001, "The request body must be a JSON object.");
        var updated = Apply(sender, body, clock.GetUtcNow());
        state.SaveSender(updated);
        return Results.Json(Resource(updated));
    }

    /// <summary>The fields a create or update may set; what it leaves out stays as it was.</summary>
    private static EmulatorSender Apply(EmulatorSender sender, JsonObject body, DateTimeOffset now)
    {
        if (body.ContainsKey("friendly_name")) sender = sender with { FriendlyName = TwilioEmulator.Text(body["friendly_name"]) };
        if (body["webhook"] is JsonObject webhook)
        {
            string? Field(string key, string? current) => webhook.ContainsKey(key) ? TwilioEmulator.Text(webhook[key]) : current;
            sender = sender with
            {
                CallbackUrl = Field("callback_url", sender.CallbackUrl),
                FallbackUrl = Field("fallback_url", sender.FallbackUrl),
                StatusCallbackUrl = Field("status_callback_url", sender.StatusCallbackUrl),
            };
        }
        return sender with { DateUpdated = now };
    }

    private static Dictionary<string, object?> Resource(EmulatorSender s) => new()
    {
        ["sid"] = s.Sid,
        ["status"] = "ONLINE",
        ["sender_id"] = s.SenderId,
        ["friendly_name"] = s.FriendlyName,
        ["configuration"] = new Dictionary<string, object?> { ["waba_id"] = null, ["verification_method"] = null },
        ["webhook"] = new Dictionary<string, object?>
        {
            ["callback_url"] = s.CallbackUrl,
            ["callback_method"] = "POST",
            ["fallback_url"] = s.FallbackUrl,
            ["fallback_method"] = "POST",
            ["status_callback_url"] = s.StatusCallbackUrl,
            ["status_callback_method"] = "POST",
        },
        ["profile"] = new Dictionary<string, object?> { ["name"] = s.FriendlyName },
        ["properties"] = new Dictionary<string, object?> { ["quality_rating"] = "HIGH", ["messaging_limit"] = "10K Customers/24hr" },
        ["offline_reasons"] = null,
        ["url"] = $"https://messaging.twilio.com/v2/Channels/Senders/{s.Sid}",
    };

    private static IResult NotFound(string sid) =>
        TwilioEmulator.TwilioErrorResult(404, 20404, $"The requested resource /v2/Channels/Senders/{sid} was not found");
}
