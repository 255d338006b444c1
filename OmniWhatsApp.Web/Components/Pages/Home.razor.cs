using Microsoft.AspNetCore.Components;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Web.Components.Pages;

public partial class Home
{
    private sealed record Step(string Title, string Detail, string Path, bool Done);

    private string displayName = "";
    private List<Step> steps = [];

    protected override async Task OnInitializedAsync()
    {
        var user = (await Auth.GetAuthenticationStateAsync()).User;
        // Agents work in the inbox and supervisors on the queue dashboard: those are their start pages.
        if (user.IsInRole(Roles.Agent) && !user.IsInRole(Roles.Admin))
        {
            Navigation.NavigateTo("inbox", replace: true);
            return;
        }
        if (user.IsInRole(Roles.Supervisor) && !user.IsInRole(Roles.Admin))
        {
            Navigation.NavigateTo("supervisor", replace: true);
            return;
        }
        displayName = user.FindFirst("display_name")?.Value ?? user.Identity?.Name ?? "";
        if (!user.IsInRole(Roles.Admin)) return;

        var people = await Users.ListAsync();
        var accounts = await Accounts.ListAsync();
        var workstreams = await Workstreams.ListAsync();
        var queues = await Routing.ListQueuesAsync();
        var agents = people.Count(p => p.Role == Roles.Agent);
        var withWhatsApp = workstreams.Count(w => w.Number is not null);
        var withFallback = workstreams.Count(w => w.FallbackQueueName is not null);
        steps =
        [
            new(L["Connect a Twilio account and its WhatsApp numbers"], L["Twilio accounts: {0}. WhatsApp numbers: {1}.", accounts.Count, accounts.Sum(a => a.Numbers.Count)], "admin/accounts", accounts.Count > 0),
            new(L["Create queues"], L["Queues: {0}.", queues.Count], "admin/queues", queues.Count > 0),
            new(L["Add agents and supervisors"], L["Agents: {0}.", agents], "admin/users", agents > 0),
            new(L["Create a workstream and set up WhatsApp on it"], L["Workstreams with WhatsApp: {0} of {1}.", withWhatsApp, workstreams.Count], "admin/workstreams", withWhatsApp > 0),
            new(L["Set routing rules and a fallback queue"], L["Workstreams with a fallback queue: {0}.", withFallback], "admin/workstreams", withFallback > 0),
        ];
    }
}
