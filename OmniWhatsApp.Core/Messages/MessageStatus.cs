namespace OmniWhatsApp.Core.Messages;

/// <summary>Twilio's message states that the product distinguishes, in the order they normally happen.</summary>
public enum MessageStatus
{
    Received = 0,
    Queued = 1,
    Sending = 2,
    Sent = 3,
    Delivered = 4,
    Read = 5,
    Undelivered = 6,
    Failed = 7,
}

public static class MessageStatuses
{
    /// <summary>Twilio's status word, or null for one the product ignores (accepted, scheduled, receiving…).</summary>
    public static MessageStatus? Parse(string? value) => value?.ToLowerInvariant() switch
    {
        "queued" or "accepted" or "scheduled" => MessageStatus.Queued,
        "sending" => MessageStatus.Sending,
        "sent" => MessageStatus.Sent,
        "delivered" => MessageStatus.Delivered,
        "read" => MessageStatus.Read,
        "undelivered" => MessageStatus.Undelivered,
        "failed" => MessageStatus.Failed,
        "received" => MessageStatus.Received,
        _ => null,
    };

    public static bool IsFinalFailure(this MessageStatus status) => status is MessageStatus.Failed or MessageStatus.Undelivered;

    /// <summary>
    /// Status callbacks arrive out of order and more than once: a message only moves forward
    /// (queued &lt; sending &lt; sent &lt; delivered &lt; read), and a failure is final.
    /// A failure can still follow sent (WhatsApp reports 63016 after accepting a message).
    /// </summary>
    public static bool CanMove(MessageStatus from, MessageStatus to)
    {
        if (from == to || from.IsFinalFailure()) return false;
        if (to.IsFinalFailure()) return from is not (MessageStatus.Delivered or MessageStatus.Read);
        return to > from;
    }
}
