using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Scaling;
using StackExchange.Redis;

namespace OmniWhatsApp.Core.Events;

/// <summary>
/// The event stream of every instance: an event published here goes to one Redis pub/sub channel
/// (<c>{Redis:KeyPrefix}:events</c>), and every instance, this one included, hands what arrives on that channel to its
/// own subscribers (<see cref="InProcessConversationEvents"/>). Because the publisher's own subscribers get the event
/// through Redis too, every instance sees the events in the one order Redis delivered them in, so events about one
/// conversation never arrive in a different order on different instances. When Redis cannot take an event, this
/// instance's subscribers still get it (logged), so the people signed in here keep seeing their own work.
/// </summary>
public sealed class RedisConversationEvents(
    IConnectionMultiplexer redis,
    InProcessConversationEvents local,
    IOptions<RedisOptions> options,
    ILogger<RedisConversationEvents> logger) : IConversationEvents, IHostedService
{
    private readonly RedisChannel channel = RedisChannel.Literal(options.Value.KeyPrefix + ":events");
    private ChannelMessageQueue? queue;

    public void Publish(LiveEvent @event)
    {
        Task sent;
        try
        {
            sent = redis.GetSubscriber().PublishAsync(channel, LiveEventJson.Serialize(@event));
        }
        catch (Exception ex)
        {
            DeliverHereOnly(@event, ex);
            return;
        }
        if (sent.IsCompletedSuccessfully) return;
        _ = sent.ContinueWith(t => DeliverHereOnly(@event, t.Exception!), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public IDisposable Subscribe(Func<LiveEvent, Task> handler) => local.Subscribe(handler);

    /// <summary>In the channel's order: the channel's messages are handed over one after the other.</summary>
    public IDisposable SubscribeInOrder(Action<LiveEvent> receive) => local.SubscribeInOrder(receive);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        queue = await redis.GetSubscriber().SubscribeAsync(channel);
        // One message after the other, in the channel's order; handing over to the local subscribers never waits for them.
        queue.OnMessage(message =>
        {
            LiveEvent live;
            try
            {
                live = LiveEventJson.Deserialize(((byte[])message.Message!).AsSpan());
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A live event from another instance could not be read and was skipped");
                return;
            }
            local.Publish(live);
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (queue is not null) await queue.UnsubscribeAsync();
    }

    private void DeliverHereOnly(LiveEvent @event, Exception ex)
    {
        logger.LogWarning(ex, "Redis did not take {Event}: delivered on this instance only", @event.Name);
        local.Publish(@event);
    }
}
