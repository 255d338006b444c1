using OmniWhatsApp.Core.Accounts;

namespace OmniWhatsApp.Core.Numbers;

/// <summary>A WhatsApp sender number of a Twilio account.</summary>
public class WhatsAppNumber
{
    public int Id { get; set; }
    public Guid AccountId { get; set; }
    public TwilioAccount? Account { get; set; }
    public required string DisplayName { get; set; }

    /// <summary>E.164 with the leading plus, unique across the installation.</summary>
    public required string Number { get; set; }

    /// <summary>Set when its channel is deleted: the number keeps its history and becomes free to add again.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}
