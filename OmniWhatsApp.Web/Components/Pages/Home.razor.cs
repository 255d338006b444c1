using Microsoft.AspNetCore.Components;
using OmniWhatsApp.Core.Localization;
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
        // A WhatsApp workstream without a fallback queue sends conversations no rule matches to no queue: the step is done
        // only when every one has one, and otherwise says how many lack it.
        var withoutFallback = workstreams.Count(w => w.Number is not null && w.FallbackQueueId is null);
        steps =
        [
            new(L["Connect a Twilio account and its WhatsApp numbers"], L["Twilio accounts: {0}. WhatsApp numbers: {1}.", accounts.Count, accounts.Sum(a => a.Numbers.Count)], "admin/accounts", accounts.Count > 0),
            new(L["Create queues"], L["Queues: {0}.", queues.Count], "admin/queues", queues.Count > 0),
            new(L["Add agents and supervisors"], L["Agents: {0}.", agents], "admin/users", agents > 0),
            new(L["Create a workstream and set up WhatsApp on it"], L["Workstreams with WhatsApp: {0} of {1}.", withWhatsApp, workstreams.Count], "admin/workstreams", withWhatsApp > 0),
            new(L["Set routing rules and a fallback queue"], FallbackDetail(withWhatsApp, withoutFallback), "admin/workstreams", withWhatsApp > 0 && withoutFallback == 0),
        ];
    }

    private string FallbackDetail(int withWhatsApp, int withoutFallback) =>
        withWhatsApp == 0 ? L["No workstream has WhatsApp set up yet."]
        : withoutFallback == 0 ? L["Every WhatsApp workstream has a fallback queue."]
        : L.Plural("{0} WhatsApp workstreams have no fallback queue: their conversations reach no agent.", withoutFallback);
}
