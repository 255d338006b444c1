using System.Net;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;
using Twilio.Exceptions;

namespace OmniWhatsApp.Core.Twilio;

/// <summary>Twilio's answers (the SDK's exceptions, or a bare HTTP status) as <see cref="TwilioError"/>s people can act on.</summary>
internal static class TwilioFailures
{
    /// <summary>The SDK's message for an error answer that is not Twilio's JSON: <c>Api Error: {HttpStatusCode} - {body}</c>.</summary>
    private const string UnreadableAnswerPrefix = "Api Error: ";

    public static TwilioError Unreachable(IStringLocalizer<Strings> L) =>
        new(TwilioErrorKind.Unreachable, L["Twilio could not be reached. Check the network connection and try again."]);

    /// <summary>
    /// An exception the SDK threw for an answer that came back: <see cref="ApiException"/> (Twilio's error body),
    /// <see cref="ApiStandardException"/> (RFC 9457 problem), or an answer it could not read. Null for anything else.
    /// </summary>
    public static TwilioError? FromAnswer(Exception exception, IStringLocalizer<Strings> L) => exception switch
    {
        ApiException { Status: > 0 } api => FromStatus(api.Status, api.Code, api.Message, L),
        ApiStandardException { Status: > 0 } problem => FromStatus(problem.Status, problem.Code, problem.Message, L),
        // Not Twilio's JSON (a proxy's page, say): the SDK keeps only the status's name in its message.
        ApiException api when StatusOf(api.Message) is { } status => FromStatus(status, null, null, L),
        // A 2xx answer whose body the SDK could not read.
        ApiException or ApiStandardException => new TwilioError(TwilioErrorKind.ServerError, L["Twilio sent an answer the app cannot read."]),
        _ => null,
    };

    public static TwilioError FromStatus(int status, int? code, string? twilioText, IStringLocalizer<Strings> L)
    {
        code = code is > 0 ? code : null;
        twilioText = string.IsNullOrWhiteSpace(twilioText) ? null : twilioText;
        return (HttpStatusCode)status switch
        {
            HttpStatusCode.Unauthorized => new TwilioError(TwilioErrorKind.Unauthorized,
                L["Twilio rejected this Account SID / Auth Token. Copy both again from the Twilio Console."], code ?? 20003, status),
            HttpStatusCode.NotFound => new TwilioError(TwilioErrorKind.NotFound,
                L["Twilio does not know this Account SID."], code ?? 20404, status),
            HttpStatusCode.TooManyRequests => new TwilioError(TwilioErrorKind.RateLimited,
                L["Twilio is receiving too many requests right now; try again in a moment."], code ?? 20429, status),
            >= HttpStatusCode.InternalServerError => new TwilioError(TwilioErrorKind.ServerError,
                L["Twilio is not available right now (HTTP {0}); try again later.", status], code, status),
            _ => new TwilioError(TwilioErrorKind.Rejected,
                twilioText is null ? L["Twilio refused the request (HTTP {0}).", status] : L["Twilio refused the request: {0}", twilioText], code, status),
        };
    }

    private static int? StatusOf(string message)
    {
        if (!message.StartsWith(UnreadableAnswerPrefix, StringComparison.Ordinal)) return null;
        var rest = message[UnreadableAnswerPrefix.Length..];
        var end = rest.IndexOf(" - ", StringComparison.Ordinal);
        var name = end < 0 ? rest : rest[..end];
        return Enum.TryParse<HttpStatusCode>(name, ignoreCase: false, out var status) && (int)status is >= 100 and < 600 ? (int)status : null;
    }
}
