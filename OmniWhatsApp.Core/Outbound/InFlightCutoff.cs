using Microsoft.Extensions.Options;

namespace OmniWhatsApp.Core.Outbound;

/// <summary>
/// Which InFlight attempts count as abandoned (ADR 0004): those started longer ago than
/// <see cref="OutboxOptions.InFlightLease"/>, and, once this instance has taken the outbox over from another
/// (ADR 0014), every attempt started before the takeover, from the moment none of them can still be running.
/// Only the owner of the outbox sends, so an attempt older than its turn is its predecessor's.
/// </summary>
public sealed class InFlightCutoff(IOptions<OutboxOptions> options)
{
    private readonly Lock gate = new();
    private DateTimeOffset takenOverAt = DateTimeOffset.MinValue;
    private DateTimeOffset appliesFrom = DateTimeOffset.MaxValue;

    /// <summary>Attempts started before <paramref name="at"/> are abandoned from <paramref name="from"/> on.</summary>
    public void TakeOver(DateTimeOffset at, DateTimeOffset from)
    {
        lock (gate) (takenOverAt, appliesFrom) = (at, from);
    }

    /// <summary>InFlight attempts started before the returned moment are abandoned at <paramref name="now"/>.</summary>
    public DateTimeOffset StaleBefore(DateTimeOffset now)
    {
        var byLease = now - options.Value.InFlightLease;
        lock (gate) return now >= appliesFrom && takenOverAt > byLease ? takenOverAt : byLease;
    }
}
