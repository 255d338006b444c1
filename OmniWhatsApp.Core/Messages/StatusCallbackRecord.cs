namespace OmniWhatsApp.Core.Messages;

/// <summary>
/// Every status callback as received, once per (MessageSid, Status). Kept so a callback that arrives before
/// the dispatcher has stored the message's SID is applied when it does, and as a delivery audit trail. One whose
/// message is still unknown after <see cref="PendingLifetime"/> is removed: Twilio calls back within seconds of a
/// send, so by then it is for a message this app never sent.
/// </summary>
public class StatusCallbackRecord
{
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromHours(24);

    public long Id { get; set; }

    /// <summary>The account whose callback URL was called (null for callbacks stored before it was kept): it applies only to that account's messages.</summary>
    public Guid? AccountId { get; set; }
    public required string MessageSid { get; set; }
    public required string Status { get; set; }
    public int? ErrorCode { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public bool Applied { get; set; }
}
