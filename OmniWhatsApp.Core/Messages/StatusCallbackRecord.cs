namespace OmniWhatsApp.Core.Messages;

/// <summary>
/// Every status callback as received, once per (MessageSid, Status). Kept so a callback that arrives before
/// the dispatcher has stored the message's SID is applied when it does, and as a delivery audit trail.
/// </summary>
public class StatusCallbackRecord
{
    public long Id { get; set; }
    public required string MessageSid { get; set; }
    public required string Status { get; set; }
    public int? ErrorCode { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public bool Applied { get; set; }
}
