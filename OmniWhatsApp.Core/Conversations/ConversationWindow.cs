namespace OmniWhatsApp.Core.Conversations;

/// <summary>
/// WhatsApp's 24-hour customer-service window: free-form messages are allowed until 24 hours after the
/// customer's most recent message. Agent replies do not extend it.
/// </summary>
public static class ConversationWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    public static DateTimeOffset? EndsAt(DateTimeOffset? lastInboundAt) => lastInboundAt + Length;

    /// <summary>Open from the inbound message until (not including) 24 hours later.</summary>
    public static bool IsOpen(DateTimeOffset? windowEndsAt, DateTimeOffset now) => windowEndsAt is { } end && now < end;
}
