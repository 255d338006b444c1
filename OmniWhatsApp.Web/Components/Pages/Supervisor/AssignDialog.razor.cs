using Microsoft.AspNetCore.Components;
using MudBlazor;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Web.Components.Pages.Supervisor;

public partial class AssignDialog
{
    private List<AgentOption> ordered = [];
    private string? chosenId;
    private string? problem;
    private bool busy;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired] public AssignRequest Request { get; set; } = default!;

    /// <summary>The members of the conversation's queue, except the one who holds it.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<AgentOption> Agents { get; set; } = [];

    /// <summary>Gives the conversation to the agent with this id; a refusal is shown in the dialog, which stays open.</summary>
    [Parameter, EditorRequired] public Func<string, Task<Result>> Assign { get; set; } = default!;

    private AgentOption? Chosen => ordered.FirstOrDefault(a => a.AgentId == chosenId);

    protected override void OnParametersSet() =>
        ordered = Agents
            .OrderBy(a => Array.IndexOf(Labels.Presences, a.Presence))
            .ThenBy(a => a.Capacity <= 0 ? 1.0 : (double)a.Used / a.Capacity)
            .ThenBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();

    private void Choose(string agentId)
    {
        chosenId = agentId;
        problem = null;
    }

    private void Cancel() => Dialog.Cancel();

    private async Task ConfirmAsync()
    {
        if (Chosen is not { } agent) return;
        busy = true;
        problem = null;
        try
        {
            var result = await Assign(agent.AgentId);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(agent.Name));
                return;
            }
            problem = result.FirstMessage;
        }
        finally
        {
            busy = false;
        }
    }
}
