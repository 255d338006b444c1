namespace OmniWhatsApp.Core.Twilio;

/// <summary>What went wrong talking to Twilio, in words an admin can act on.</summary>
public sealed record TwilioError(TwilioErrorKind Kind, string Message, int? Code = null, int? HttpStatus = null);

public enum TwilioErrorKind
{
    /// <summary>Twilio refused the credentials (401, 20003).</summary>
    Unauthorized,
    /// <summary>Twilio does not know the resource (404, 20404).</summary>
    NotFound,
    /// <summary>Twilio refused the request's content (other 4xx). Retrying will not help.</summary>
    Rejected,
    /// <summary>Too many requests (429): safe to retry later.</summary>
    RateLimited,
    /// <summary>Twilio failed (5xx): retry later.</summary>
    ServerError,
    /// <summary>No answer: network failure or timeout.</summary>
    Unreachable,
}

public sealed record TwilioResult<T>(T? Value, TwilioError? Error)
{
    public bool Succeeded => Error is null;
    public static TwilioResult<T> Ok(T value) => new(value, null);
    public static TwilioResult<T> Fail(TwilioError error) => new(default, error);
}

public sealed record TwilioAccountInfo(string Sid, string? FriendlyName, string? Status, string? Type);

/// <summary>Credentials of one Twilio account. The token is only ever held in memory, never logged.</summary>
public sealed record TwilioCredentials(string AccountSid, string AuthToken)
{
    public override string ToString() => $"{AccountSid} (token hidden)";
}
