using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;

namespace OmniWhatsApp.Core.Twilio;

/// <summary>The Twilio error codes the product reacts to, and how it explains them.</summary>
public static class TwilioErrorCodes
{
    /// <summary>A free-form WhatsApp message outside the customer's 24-hour window.</summary>
    public const int OutsideWindow = 63016;
    /// <summary>The sandbox recipient has not sent the join code (or left).</summary>
    public const int SandboxNotJoined = 63015;
    public const int RateLimited = 63018;
    public const int InvalidRecipient = 63024;
    public const int UnknownRecipient = 63003;
    public const int NoChannelForSender = 63007;
    public const int ContentRejected = 63021;

    /// <summary>The reason the team sees next to a failed message.</summary>
    public static string Describe(IStringLocalizer<Strings> L, int? code) => code switch
    {
        OutsideWindow => L["WhatsApp refused a free-form message outside the customer's 24-hour window; send an approved template."],
        SandboxNotJoined => L["The customer has not joined the Twilio sandbox (or left it): they must send the join code first."],
        RateLimited => L["WhatsApp's rate or messaging limit for this sender was reached."],
        InvalidRecipient or UnknownRecipient => L["WhatsApp does not know this customer's number."],
        NoChannelForSender => L["Twilio has no WhatsApp sender for this number; check the number in the Twilio Console."],
        ContentRejected => L["WhatsApp rejected the message content."],
        null => L["Twilio reported a failure without an error code."],
        _ => L["Twilio reported error {0}.", code.Value],
    };
}
