using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;

namespace OmniWhatsApp.Core.Twilio;

/// <summary>Twilio's error codes that WhatsApp sends produce, in words an agent can act on.</summary>
public static class TwilioErrorCodes
{
    public const int OutsideWindow = 63016;
    public const int SandboxNotJoined = 63015;

    public static string Describe(IStringLocalizer<Strings> L, int? code, string? twilioMessage = null) => code switch
    {
        63016 => L["The 24-hour window is closed: only an approved template can be sent until the customer writes again (63016)."],
        63015 => L["The customer has not joined the Twilio sandbox; they must send the join code first (63015)."],
        63018 => L["WhatsApp's rate or messaging limit was reached; try again later (63018)."],
        63024 => L["The recipient is not a valid WhatsApp user (63024)."],
        63003 => L["The customer's number cannot receive WhatsApp messages (63003)."],
        63007 => L["Twilio has no WhatsApp sender for this number; check the number in Twilio (63007)."],
        63021 => L["WhatsApp rejected the content (63021)."],
        21211 => L["The customer's number is not valid (21211)."],
        21610 => L["The customer has opted out of messages from this number (21610)."],
        30003 => L["The customer's phone is unreachable (30003)."],
        30005 => L["The customer's number is unknown or no longer exists (30005)."],
        30007 => L["The message was filtered as spam by the carrier (30007)."],
        30008 => L["Delivery failed for an unknown reason (30008)."],
        null => twilioMessage ?? L["Delivery failed."],
        _ => string.IsNullOrWhiteSpace(twilioMessage) ? L["Delivery failed (Twilio error {0}).", code] : $"{twilioMessage} ({code})",
    };
}
