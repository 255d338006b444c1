using OmniWhatsApp.Core.Numbers;

namespace OmniWhatsApp.Core.Accounts;

/// <summary>A Twilio account connected as a WhatsApp channel ("Accounts and channels").</summary>
public class TwilioAccount
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string Channel { get; set; } = Channels.WhatsApp;
    public required string AccountSid { get; set; }

    /// <summary>The Auth Token, encrypted with Data Protection. Never the plain token.</summary>
    public required string ProtectedAuthToken { get; set; }

    /// <summary>The last four characters, kept so the UI can show a masked token without decrypting it.</summary>
    public required string AuthTokenHint { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when the channel is deleted; the account and its history stay for the record.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    public List<WhatsAppNumber> Numbers { get; set; } = [];
}

public static class Channels
{
    public const string WhatsApp = "WhatsApp";
    public static readonly IReadOnlyList<string> All = [WhatsApp];
}
