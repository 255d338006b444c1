using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Localization;

namespace OmniWhatsApp.Core.Events;

/// <summary>
/// Delivers events to the subscribers of this process. Publishing never waits for subscribers: each handler
/// runs on the thread pool, and one that throws is logged without affecting the others. A handler runs in the culture
/// its subscriber had when subscribing, not the publisher's: a Russian agent's page that re-renders because the
/// automation worker published an event renders in Russian.
/// </summary>
public sealed class InProcessConversationEvents(ILogger<InProcessConversationEvents> logger) : IConversationEvents
{
    private readonly Lock gate = new();
    private Func<LiveEvent, Task>[] handlers = [];

    public int SubscriberCount => Volatile.Read(ref handlers).Length;

    public void Publish(LiveEvent @event)
    {
        foreach (var handler in Volatile.Read(ref handlers))
        {
            _ = RunAsync(handler, @event);
        }
    }

    public IDisposable Subscribe(Func<LiveEvent, Task> handler)
    {
        var inCulture = CultureBound.Wrap(handler);
        lock (gate) handlers = [.. handlers, inCulture];
        return new Subscription(this, inCulture);
    }

    private void Unsubscribe(Func<LiveEvent, Task> handler)
    {
        lock (gate) handlers = handlers.Where(h => !ReferenceEquals(h, handler)).ToArray();
    }

    private async Task RunAsync(Func<LiveEvent, Task> handler, LiveEvent @event)
    {
        try
        {
            await Task.Yield();
            await handler(@event);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A subscriber failed on {Event}", @event.Name);
        }
    }

    private sealed class Subscription(InProcessConversationEvents owner, Func<LiveEvent, Task> handler) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) owner.Unsubscribe(handler);
        }
    }
}
