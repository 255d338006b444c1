using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Scaling;

namespace OmniWhatsApp.Web.Hubs;

/// <summary>
/// Sends every live event to the hub connections allowed to see it, once each: one group send to everyone who sees
/// everything, and the agents it concerns by connection. Events come one after the other (the bus keeps their
/// order), and a send is not awaited before the next event goes out: a slow client holds up only its own
/// connection, whose writes SignalR queues in order.
/// <para>
/// With several instances every instance gets every event (the bus carries them through Redis), and each one sends
/// it to its own connections only, one by one: a connection lives on one instance, so it gets the event once. A group
/// send would go through the Redis backplane to every instance, and each of the N forwarders would repeat it.
/// </para>
/// </summary>
public sealed class HubEventForwarder(
    IConversationEvents events,
    IHubContext<ConversationHub> hub,
    HubAudience audience,
    IOptions<RedisOptions> redis,
    ILogger<HubEventForwarder> logger) : IHostedService
{
    private readonly bool backplane = redis.Value.Enabled;
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = events.Subscribe(ForwardAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }

    private Task ForwardAsync(LiveEvent e)
    {
        if (e is UserAccessChanged access)
        {
            var closed = audience.Disconnect(access.UserId);
            if (closed > 0) logger.LogInformation("Closed {Count} hub connection(s) of user {UserId} after a role change or lock", closed, access.UserId);
            return Task.CompletedTask;
        }
        if (e is QueueMembershipChanged membership) audience.SetQueues(membership.UserId, membership.QueueIds.ToHashSet());
        if (audience.Count == 0) return Task.CompletedTask;
        if (backplane)
        {
            // Clients.Client of a connection on this instance writes to it directly (no Redis round trip).
            foreach (var id in audience.EveryoneConnections()) Observe(hub.Clients.Client(id).SendAsync(e.Name, (object)e), e);
            foreach (var id in audience.AgentConnectionsFor(e)) Observe(hub.Clients.Client(id).SendAsync(e.Name, (object)e), e);
            return Task.CompletedTask;
        }
        if (audience.EveryoneCount > 0) Observe(hub.Clients.Group(HubAudience.EveryoneGroup).SendAsync(e.Name, (object)e), e);
        var agents = audience.AgentConnectionsFor(e);
        if (agents.Count > 0) Observe(hub.Clients.Clients(agents).SendAsync(e.Name, (object)e), e);
        return Task.CompletedTask;
    }

    private void Observe(Task send, LiveEvent e)
    {
        if (send.IsCompletedSuccessfully) return;
        _ = send.ContinueWith(t => logger.LogWarning(t.Exception, "Sending {Event} to hub clients failed", e.Name),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
