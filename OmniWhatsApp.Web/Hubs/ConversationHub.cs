using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Web.Hubs;

/// <summary>
/// Live conversation events for clients outside the Blazor circuit (the same events the Blazor pages get in
/// process). On connecting, a signed-in user joins the groups they may see: admins and supervisors everything,
/// an agent their own conversations and their queues'.
/// </summary>
[Authorize]
public sealed class ConversationHub(ConversationAccess access) : Hub
{
    public const string Path = "/hubs/conversations";
    public const string Everything = "all";

    public static string AgentGroup(string userId) => $"agent:{userId}";
    public static string QueueGroup(int queueId) => $"queue:{queueId}";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        if (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Supervisor))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, Everything);
        }
        else if (user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, AgentGroup(userId));
            foreach (var queueId in await access.QueuesOfAsync(userId, Context.ConnectionAborted))
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, QueueGroup(queueId));
            }
        }
        await base.OnConnectedAsync();
    }
}
