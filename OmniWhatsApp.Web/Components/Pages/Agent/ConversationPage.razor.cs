using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Web.Components.Pages.Agent;

public sealed partial class ConversationPage
{
    [Inject] public required NavigationTrail Trail { get; init; }

    private string? customer;
    private (string Href, string Text) back;

    [Parameter] public int Id { get; set; }

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        var previous = Trail.Previous;
        if (previous is not null && !previous.StartsWith("conversations/", StringComparison.Ordinal) && !previous.StartsWith("account/", StringComparison.Ordinal))
        {
            back = (previous.Length == 0 ? "./" : previous, BackText(previous));
            return;
        }
        // Opened directly (a link, a bookmark): where this user reads conversations from.
        var user = AuthState is null ? null : (await AuthState).User;
        back = user is not null && !user.IsInRole(Roles.Agent) && (user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin))
            ? ("supervisor", L["Back to the queue dashboard"])
            : ("inbox", L["Back to the inbox"]);
    }

    private string BackText(string path) =>
        path.StartsWith("supervisor", StringComparison.Ordinal) ? L["Back to the queue dashboard"]
        : path.StartsWith("inbox", StringComparison.Ordinal) ? L["Back to the inbox"]
        : L["Back"];

    private void Loaded(ConversationHeader header) => customer = header.CustomerName ?? header.CustomerPhone;
}
