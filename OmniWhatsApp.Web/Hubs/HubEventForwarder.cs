using Microsoft.AspNetCore.SignalR;
using OmniWhatsApp.Core.Events;

namespace OmniWhatsApp.Web.Hubs;

/// <summary>Sends every conversation event to the hub groups allowed to see it.</summary>
public sealed class HubEventForwarder(IConversationEvents events, IHubContext<ConversationHub> hub) : IHostedService
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

    internal static IReadOnlyList<string> GroupsFor(LiveEvent live)
    {
        var groups = new List<string> { ConversationHub.Everything };
        switch (live)
        {
            case AgentPresenceChanged presence:
                groups.Add(ConversationHub.AgentGroup(presence.AgentId));
                return groups;
            case AgentSettingsChanged settings:
                groups.Add(ConversationHub.AgentGroup(settings.AgentId));
                return groups;
            case QueueMembersChanged members:
                groups.Add(ConversationHub.QueueGroup(members.QueueId));
                return groups;
        }
        if (live is not ConversationEvent e) return groups;
        if (e.QueueId is { } queue) groups.Add(ConversationHub.QueueGroup(queue));
        if (e.AgentId is { } agent) groups.Add(ConversationHub.AgentGroup(agent));
        if (e is ConversationAssigned assigned)
        {
            // The agent or queue that lost the conversation hears about it too, so it leaves their lists.
            if (assigned.PreviousAgentId is { } previous && previous != e.AgentId) groups.Add(ConversationHub.AgentGroup(previous));
            if (assigned.PreviousQueueId is { } previousQueue && previousQueue != e.QueueId) groups.Add(ConversationHub.QueueGroup(previousQueue));
        }
        return groups;
    }

    private Task ForwardAsync(LiveEvent e) => hub.Clients.Groups(GroupsFor(e)).SendAsync(e.Name, (object)e);
}
