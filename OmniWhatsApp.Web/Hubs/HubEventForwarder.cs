using Microsoft.AspNetCore.SignalR;
using OmniWhatsApp.Core.Events;

namespace OmniWhatsApp.Web.Hubs;

/// <summary>Sends every live event to the hub connections allowed to see it, once each.</summary>
public sealed class HubEventForwarder(IConversationEvents events, IHubContext<ConversationHub> hub, HubAudience audience) : IHostedService
{
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
        if (e is QueueMembershipChanged membership) audience.SetQueues(membership.UserId, membership.QueueIds.ToHashSet());
        if (audience.Count == 0) return Task.CompletedTask;
        var targets = audience.ConnectionsFor(e);
        return targets.Count == 0 ? Task.CompletedTask : hub.Clients.Clients(targets).SendAsync(e.Name, (object)e);
    }
}
