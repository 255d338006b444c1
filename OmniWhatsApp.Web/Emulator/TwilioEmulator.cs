using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace OmniWhatsApp.Web.Emulator;

/// <summary>
/// A built-in imitation of the parts of Twilio's REST API the product uses, served over real HTTP so Twilio's own
/// SDKs talk to it unchanged (the app's C# SDK calls are sent here by address): accounts, Messages (create, fetch,
/// list, media) with signed status callbacks and WhatsApp's 24-hour and sandbox rules, the Content API (its catalogue
/// and templates created through it), WhatsApp senders with their webhooks (Messaging API v2), a customer channel for
/// the simulator (<see cref="EmulatorCustomerChannel"/>) and fault injection (<see cref="EmulatorFaults"/>).
/// Used whenever no live Twilio is configured. A black box: it knows the app only by what the app tells it through
/// these APIs (and by the webhooks it calls), shares none of the app's code for what it imitates, and reads none of
/// the app's data.
/// </summary>
public static class TwilioEmulator
{
    /// <summary>Where the emulator serves api.twilio.com.</summary>
    public const string ApiPath = "emulator/twilio/";
    /// <summary>Where it serves content.twilio.com.</summary>
    public const string ContentApiPath = "emulator/twilio-content/";
    /// <summary>Where it serves messaging.twilio.com.</summary>
    public const string MessagingApiPath = "emulator/twilio-messaging/";

    public static void AddTwilioEmulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmulatorOptions>().Bind(configuration.GetSection(EmulatorOptions.Section))
            .Validate(o => EmulatorWire.IsAccountSid(o.AccountSid) && EmulatorWire.IsAuthToken(o.AuthToken),
                "Emulator:AccountSid must be AC + 32 hex characters and Emulator:AuthToken 32 hex characters")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataPath), "Emulator:DataPath must name a folder")
            .Validate(o => o.StatusDelay >= TimeSpan.Zero && o.CallbackRetryDelay >= TimeSpan.Zero, "Emulator delays cannot be negative")
            .Validate(o => o.SandboxNumbers.All(EmulatorWire.IsE164), "Emulator:SandboxNumbers must be E.164 numbers such as +14155238886")
            .Validate(o => !string.IsNullOrWhiteSpace(o.SandboxJoinCode), "Emulator:SandboxJoinCode cannot be empty")
            .ValidateOnStart();

        services.AddSingleton<EmulatorState>();
        services.AddSingleton<EmulatorFaults>();
        services.AddSingleton<EmulatorContent>();
        services.AddSingleton<EmulatorWebhooks>();
        services.AddSingleton<EmulatorCustomerChannel>();
        services.AddSingleton<EmulatorStatusCallbacks>();
        // A few connections kept open, as Twilio's callback senders do: without a cap every callback that finds all
        // connections busy opens one more, and a burst of sends left thousands of sockets for the app to accept.
        services.AddHttpClient(EmulatorWebhooks.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = EmulatorWebhooks.MaxConnections });
        // Twilio's side only runs when the app talks to the emulator.
        if (!configuration.GetValue<bool>("Twilio:Live"))
        {
            services.AddHostedService(sp => sp.GetRequiredService<EmulatorStatusCallbacks>());
        }
    }

    public static void MapTwilioEmulator(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/" + TwilioEmulator.ApiPath + "2010-04-01").AllowAnonymous().DisableAntiforgery();
        api.MapGet("/Accounts/{accountSid}.json", FetchAccount);
        EmulatorMessagesApi.Map(api.MapGroup("/Accounts"));
        EmulatorContentApi.Map(app);
        EmulatorSendersApi.Map(app);

        var control = app.MapGroup("/" + TwilioEmulator.ApiPath + "control").AllowAnonymous().DisableAntiforgery();
        control.MapPost("/faults", AddFaultAsync);
        control.MapDelete("/faults", (HttpRequest request, IOptions<EmulatorOptions> options, EmulatorFaults faults) =>
        {
            if (!IsAuthenticated(request, options.Value)) return Unauthorized();
            faults.Clear();
            return Results.NoContent();
        });
    }

    /// <summary>GET /2010-04-01/Accounts/{Sid}.json, answered as Twilio does.</summary>
    private static IResult FetchAccount(string accountSid, HttpRequest request, IOptions<EmulatorOptions> options, TimeProvider clock)
    {
        var emulator = options.Value;
        if (!IsAuthenticated(request, emulator)) return Unauthorized();
        if (!string.Equals(accountSid, emulator.AccountSid, StringComparison.Ordinal))
        {
            return TwilioErrorResult(404, 20404, $"The requested resource /2010-04-01/Accounts/{accountSid}.json was not found");
        }
        var now = EmulatorWire.Date(clock.GetUtcNow());
        return Results.Json(new Dictionary<string, object?>
        {
            ["sid"] = emulator.AccountSid,
            ["friendly_name"] = emulator.FriendlyName,
            ["status"] = "active",
            ["type"] = "Full",
            ["owner_account_sid"] = emulator.AccountSid,
            ["date_created"] = now,
            ["date_updated"] = now,
            ["uri"] = $"/2010-04-01/Accounts/{emulator.AccountSid}.json",
        });
    }

    /// <summary>
    /// POST control/faults (form: Kind, Times, DelayMs, Status, Code, Message, To), with the emulator's own
    /// credentials: the next create calls fail as asked. DELETE clears them.
    /// </summary>
    private static async Task<IResult> AddFaultAsync(HttpRequest request, IOptions<EmulatorOptions> options, EmulatorFaults faults)
    {
        if (!IsAuthenticated(request, options.Value)) return Unauthorized();
        if (!request.HasFormContentType) return TwilioErrorResult(400, 21000, "Send the fault as a form.");
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (!Enum.TryParse<EmulatorFaultKind>(form["Kind"], ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            return TwilioErrorResult(400, 21000, $"Kind must be one of: {string.Join(", ", Enum.GetNames<EmulatorFaultKind>())}.");
        }
        var times = int.TryParse(form["Times"], out var t) && t > 0 ? t : 1;
        var fault = new EmulatorFault(kind)
        {
            Delay = TimeSpan.FromMilliseconds(int.TryParse(form["DelayMs"], out var ms) ? Math.Max(0, ms) : 0),
            Status = int.TryParse(form["Status"], out var status) ? status : 400,
            Code = int.TryParse(form["Code"], out var code) ? code : 0,
            Message = form["Message"].ToString(),
            To = string.IsNullOrEmpty(form["To"]) ? null : form["To"].ToString(),
        };
        faults.Add(fault, times);
        return Results.Json(new { pending = faults.Pending }, statusCode: 201);
    }

    /// <summary>HTTP Basic with the demo account's SID and token, compared in constant time.</summary>
    internal static bool IsAuthenticated(HttpRequest request, EmulatorOptions emulator)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = Encoding.UTF8.GetBytes($"{emulator.AccountSid}:{emulator.AuthToken}");
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(decoded), expected);
    }

    internal static IResult Unauthorized() => TwilioErrorResult(401, 20003, "Authenticate");

    /// <summary>Twilio's error body: code, message, more_info, status.</summary>
    internal static IResult TwilioErrorResult(int status, int code, string message) =>
        Results.Json(new Dictionary<string, object>
        {
            ["code"] = code,
            ["message"] = message,
            ["more_info"] = $"https://www.twilio.com/docs/errors/{code}",
            ["status"] = status,
        }, statusCode: status);

    /// <summary>The <c>meta</c> of a v1/v2 API page (Content, Senders): absolute page URLs, the records under <paramref name="key"/>.</summary>
    internal static Dictionary<string, object?> Meta(string key, int pageSize, string url, string? next) => new()
    {
        ["page"] = 0,
        ["page_size"] = pageSize,
        ["first_page_url"] = url,
        ["previous_page_url"] = null,
        ["url"] = url,
        ["next_page_url"] = next,
        ["key"] = key,
    };

    /// <summary>A JSON request body (the v1/v2 APIs take JSON), or null when it is not a JSON object.</summary>
    internal static async Task<JsonObject?> ReadJsonAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
