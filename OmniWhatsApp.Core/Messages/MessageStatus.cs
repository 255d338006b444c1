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
    /// <summary>Every MessageStatus value Twilio documents for status callbacks; a callback with any other word is refused.</summary>
    public static readonly IReadOnlySet<string> TwilioValues = new HashSet<string>(StringComparer.Ordinal)
    {
        "queued", "sending", "sent", "delivered", "read", "undelivered", "failed", "accepted", "scheduled", "canceled",
        "receiving", "received", "partially_delivered",
    };

    /// <summary>Whether <paramref name="value"/> is one of <see cref="TwilioValues"/>, in any case.</summary>
    public static bool IsTwilioValue(string? value) => value is { Length: <= 20 } && TwilioValues.Contains(value.ToLowerInvariant());

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
