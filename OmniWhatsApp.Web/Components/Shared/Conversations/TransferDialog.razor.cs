using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Inbox;

namespace OmniWhatsApp.Web.Components.Shared.Conversations;

public sealed partial class TransferDialog
{
    private const string QueuePrefix = "queue:";
    private const string AgentPrefix = "agent:";
    private string? choice;
    private string? problem;
    private bool busy;

    [CascadingParameter] private IMudDialogInstance? Dialog { get; set; }

    /// <summary>Where it can go (<see cref="InboxQueries.TransferTargetsAsync"/>).</summary>
    [Parameter, EditorRequired] public TransferTargets Targets { get; set; } = default!;

    /// <summary>Does the transfer; a failed result is shown in the dialog.</summary>
    [Parameter, EditorRequired] public Func<TransferChoice, Task<Result>> OnTransfer { get; set; } = default!;

    private string CurrentQueue => Targets.Queues.FirstOrDefault(q => q.IsCurrent)?.Name ?? "";

    /// <summary>The chosen colleague, when taking the conversation goes above their capacity (supervisors may do that).</summary>
    private AgentOption? OverCapacity => choice is not null && choice.StartsWith(AgentPrefix, StringComparison.Ordinal)
        && Targets.Agents.FirstOrDefault(a => AgentKey(a.AgentId) == choice) is { } agent && agent.Used + Targets.Needed > agent.Capacity
            ? agent
            : null;

    private static string QueueKey(int id) => QueuePrefix + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string AgentKey(string id) => AgentPrefix + id;

    private void Choose(string? value)
    {
        choice = value;
        problem = null;
    }

    private void Cancel() => Dialog?.Close(DialogResult.Cancel());

    private async Task TransferAsync()
    {
        if (choice is null) return;
        busy = true;
        problem = null;
        try
        {
            var target = choice.StartsWith(QueuePrefix, StringComparison.Ordinal)
                ? new TransferChoice(int.Parse(choice[QueuePrefix.Length..], System.Globalization.CultureInfo.InvariantCulture), null)
                : new TransferChoice(null, choice[AgentPrefix.Length..]);
            var result = await OnTransfer(target);
            if (result.Succeeded) Dialog?.Close(DialogResult.Ok(true));
            else problem = result.FirstMessage;
        }
        finally
        {
            busy = false;
        }
    }
}
