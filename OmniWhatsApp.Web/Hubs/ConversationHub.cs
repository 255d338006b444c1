using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Web.Hubs;

/// <summary>
/// Live conversation events for clients outside the Blazor circuit (the same events the Blazor pages get in
/// process). A signed-in user with a role receives what they may see: admins and supervisors everything, an agent their own
/// conversations and their queues' (<see cref="HubAudience"/>).
/// </summary>
[Authorize(Roles = Roles.Any)]
public sealed class ConversationHub(ConversationAccess access, HubAudience audience, SessionCheck session) : Hub
{
    public const string Path = "/hubs/conversations";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        var (userId, seesEverything) = Actor.From(user);
        var queues = seesEverything ? [] : (await access.QueuesOfAsync(userId, Context.ConnectionAborted)).ToHashSet();
        if (seesEverything) await Groups.AddToGroupAsync(Context.ConnectionId, HubAudience.EveryoneGroup, Context.ConnectionAborted);
        audience.Add(Context.ConnectionId, new HubAudience.Member(userId, seesEverything, queues), Context.Abort);
        // The sign-in cookie is checked against the security stamp only now and then; a connection lives for hours.
        // Checked after joining the audience, so a role change or lock that lands after this check still closes it.
        if (!await session.IsCurrentAsync(user))
        {
            Context.Abort();
            return;
        }
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        audience.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
