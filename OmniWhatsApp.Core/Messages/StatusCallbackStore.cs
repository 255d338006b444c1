using OmniWhatsApp.Core.Outbound;

namespace OmniWhatsApp.Core.Messages;

/// <summary>
/// Records Twilio's status callbacks and moves messages forward, through the outbox's writer
/// (<see cref="OutboxStore"/>): callbacks arriving together are stored and applied in one transaction, and each
/// request is answered once its callback is committed. Every callback is stored once per (MessageSid, Status), even
/// for a SID not known yet (the dispatcher may not have stored it); those are applied when the SID is stored.
/// Statuses only move forward (<see cref="MessageStatuses.CanMove"/>), whatever order callbacks arrive in.
/// </summary>
public sealed class StatusCallbackStore(OutboxStore store)
{
    /// <summary>
    /// Stores the callback and applies it if its message is known; completes once it is committed. A message of
    /// another account than <paramref name="accountId"/> (whose callback URL was called) is left as it is.
    /// </summary>
    public Task RecordAsync(Guid accountId, string messageSid, string status, int? errorCode, CancellationToken ct = default) =>
        store.RecordCallbackAsync(accountId, messageSid, status, errorCode, ct);

    /// <summary>Applies the stored, not yet applied callbacks of a message, if the message is known.</summary>
    public Task ApplyPendingAsync(string messageSid, CancellationToken ct = default) => store.ApplyPendingCallbacksAsync(messageSid, ct);
}
