using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Localization;

namespace OmniWhatsApp.Core.Events;

/// <summary>
/// Delivers events to the subscribers of this process. Publishing never waits for subscribers: each handler
/// runs on the thread pool, and one that throws is logged without affecting the others. A handler runs in the culture
/// its subscriber had when subscribing, not the publisher's: a Russian agent's page that re-renders because the
/// automation worker published an event renders in Russian. Receivers registered with <see cref="SubscribeInOrder"/>
/// are called first, on the publisher's thread, in publishing order.
/// </summary>
public sealed class InProcessConversationEvents(ILogger<InProcessConversationEvents> logger) : IConversationEvents
{
    private readonly Lock gate = new();
    private Func<LiveEvent, Task>[] handlers = [];
    private Action<LiveEvent>[] receivers = [];

    public int SubscriberCount => Volatile.Read(ref handlers).Length;

    public void Publish(LiveEvent @event)
    {
        foreach (var receive in Volatile.Read(ref receivers))
        {
            try
            {
                receive(@event);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A subscriber failed on {Event}", @event.Name);
            }
        }
        foreach (var handler in Volatile.Read(ref handlers))
        {
            _ = RunAsync(handler, @event);
        }
    }

    public IDisposable Subscribe(Func<LiveEvent, Task> handler)
    {
        var inCulture = CultureBound.Wrap(handler);
        lock (gate) handlers = [.. handlers, inCulture];
        return new Subscription(() => Unsubscribe(inCulture));
    }

    public IDisposable SubscribeInOrder(Action<LiveEvent> receive)
    {
        lock (gate) receivers = [.. receivers, receive];
        return new Subscription(() =>
        {
            lock (gate) receivers = receivers.Where(r => !ReferenceEquals(r, receive)).ToArray();
        });
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

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) unsubscribe();
        }
    }
}
