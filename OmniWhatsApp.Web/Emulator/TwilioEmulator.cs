using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Web.Emulator;

/// <summary>
/// A built-in imitation of the parts of Twilio's REST API the product uses, served over real HTTP so the real
/// <see cref="TwilioClient"/> talks to it unchanged. Used whenever no live Twilio is configured.
/// </summary>
public static class TwilioEmulator
{
    public static void AddTwilioEmulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmulatorOptions>().Bind(configuration.GetSection(EmulatorOptions.Section))
            .Validate(o => TwilioSids.IsAccountSid(o.AccountSid) && TwilioSids.IsAuthToken(o.AuthToken),
                "Emulator:AccountSid must be AC + 32 hex characters and Emulator:AuthToken 32 hex characters")
            .ValidateOnStart();
    }

    public static void MapTwilioEmulator(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/" + EmulatorEndpoints.ApiPath + "2010-04-01").AllowAnonymous().DisableAntiforgery();
        api.MapGet("/Accounts/{accountSid}.json", FetchAccount);
    }

    /// <summary>GET /2010-04-01/Accounts/{Sid}.json, answered as Twilio does.</summary>
    private static IResult FetchAccount(string accountSid, HttpRequest request, IOptions<EmulatorOptions> options)
    {
        var emulator = options.Value;
        if (!IsAuthenticated(request, emulator)) return Unauthorized();
        if (!string.Equals(accountSid, emulator.AccountSid, StringComparison.Ordinal))
        {
            return TwilioErrorResult(404, 20404, $"The requested resource /2010-04-01/Accounts/{accountSid}.json was not found");
        }
        var now = DateTimeOffset.UtcNow.ToString("r");
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
}
