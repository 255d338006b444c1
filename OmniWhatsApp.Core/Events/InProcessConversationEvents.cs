using Microsoft.Extensions.Logging;

namespace OmniWhatsApp.Core.Events;

/// <summary>
/// Delivers events to the subscribers of this process. Publishing never waits for subscribers: each handler
/// runs on the thread pool, and one that throws is logged without affecting the others.
/// </summary>
public sealed class InProcessConversationEvents(ILogger<InProcessConversationEvents> logger) : IConversationEvents
{
    private readonly Lock gate = new();
    private Func<ConversationEvent, Task>[] handlers = [];

    public int SubscriberCount => Volatile.Read(ref handlers).Length;

    public void Publish(ConversationEvent @event)
    {
        foreach (var handler in Volatile.Read(ref handlers))
        {
            _ = RunAsync(handler, @event);
        }
    }

    public IDisposable Subscribe(Func<ConversationEvent, Task> handler)
    {
        lock (gate) handlers = [.. handlers, handler];
        return new Subscription(this, handler);
    }

    private void Unsubscribe(Func<ConversationEvent, Task> handler)
    {
        lock (gate) handlers = handlers.Where(h => !ReferenceEquals(h, handler)).ToArray();
    }

    private async Task RunAsync(Func<ConversationEvent, Task> handler, ConversationEvent @event)
    {
        try
        {
            await Task.Yield();
            await handler(@event);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A subscriber failed on {Event} of conversation {ConversationId}", @event.Name, @event.ConversationId);
        }
    }

    private sealed class Subscription(InProcessConversationEvents owner, Func<ConversationEvent, Task> handler) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) owner.Unsubscribe(handler);
        }
    }
}
