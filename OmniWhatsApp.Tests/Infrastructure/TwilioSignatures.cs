using Twilio.Security;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>
/// Checks a request the emulator made as a Twilio customer would: with Twilio's own SDK (<see cref="RequestValidator"/>),
/// not with the app's code and not with the emulator's.
/// </summary>
public static class TwilioSignatures
{
    public static bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> form, string authToken, string? signature) =>
        !string.IsNullOrEmpty(signature)
        && new RequestValidator(authToken).Validate(url, form.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal), signature);
}
