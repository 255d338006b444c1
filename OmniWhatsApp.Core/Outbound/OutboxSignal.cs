using System.Collections.Concurrent;
using OmniWhatsApp.Core.Common;

namespace OmniWhatsApp.Core.Outbound;

/// <summary>
/// Wakes the dispatcher when there is something to send. <see cref="Offer"/> hands it a message known to be due (one
/// just stored, or the next of a conversation whose send finished), so it needs no look at the database;
/// <see cref="Notify"/> asks it to look (something was stored that it cannot know of otherwise).
/// </summary>
public sealed class OutboxSignal : WakeSignal
{
    private readonly ConcurrentQueue<DueMessage> offered = new();
    private int lookRequested;

    /// <summary>Asks the dispatcher to look for due messages in the database.</summary>
    public override void Notify()
    {
        Volatile.Write(ref lookRequested, 1);
        base.Notify();
    }

    /// <summary>Hands the dispatcher a message that is due now (it is still claimed in the database before it is sent).</summary>
    public void Offer(DueMessage due)
    {
        offered.Enqueue(due);
        base.Notify();
    }

    /// <summary>The messages offered since the last call.</summary>
    public List<DueMessage> TakeOffered()
    {
        var taken = new List<DueMessage>();
        while (offered.TryDequeue(out var due)) taken.Add(due);
        return taken;
    }

    /// <summary>Whether a look at the database was asked for since the last call.</summary>
    public bool TakeLookRequest() => Interlocked.Exchange(ref lookRequested, 0) == 1;
}
