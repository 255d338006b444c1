using Microsoft.AspNetCore.Components;
using MudBlazor;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Web.Components.Pages.Admin;

public partial class WhatsAppSetupWizard
{
    private WorkstreamDetails? details;
    private WhatsAppSetupInput input = new();
    private IReadOnlyList<NumberOption> available = [];
    private IReadOnlyList<QueueSummary> queues = [];
    private List<BreadcrumbItem> breadcrumbs = [];
    private bool missing;

    [Parameter] public int Id { get; set; }

    [Inject] public required WorkstreamService Service { get; init; }
    [Inject] public required RoutingService Routing { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        details = await Service.GetAsync(Id);
        missing = details is null;
        if (details is null) return;
        available = await Service.AvailableNumbersAsync(Id);
        queues = await Routing.ListQueuesAsync();
        // A workstream whose routing was saved before WhatsApp was set up already has its fallback queue.
        input = details.WhatsApp ?? new WhatsAppSetupInput
        {
            NumberId = available.Count == 1 ? available[0].Id : null,
            FallbackQueueId = details.Summary.FallbackQueueId,
        };
        breadcrumbs =
        [
            new(L["Workstreams"], "admin/workstreams"),
            new(details.Summary.Name, $"admin/workstreams/{Id}"),
            new(L["Set up WhatsApp"], null, disabled: true),
        ];
    }

    private async Task<Result<int>> CreateQueueAsync(QueueInput queue)
    {
        var created = await Routing.CreateQueueAsync(queue);
        if (created.Succeeded)
        {
            queues = await Routing.ListQueuesAsync();
            StateHasChanged();
        }
        return created;
    }

    /// <summary>Saves everything in one transaction; on a problem the numbers and queues are read again (one may have been taken or removed meanwhile).</summary>
    private async Task<Result> SaveAsync()
    {
        var result = await Service.SaveWhatsAppSetupAsync(Id, input);
        if (result.Succeeded)
        {
            Snackbar.Add(L["WhatsApp is set up on {0}.", details!.Summary.Name], Severity.Success);
            Navigation.NavigateTo($"admin/workstreams/{Id}");
            return result;
        }
        available = await Service.AvailableNumbersAsync(Id);
        queues = await Routing.ListQueuesAsync();
        StateHasChanged();
        return result;
    }

    private void Cancel() => Navigation.NavigateTo($"admin/workstreams/{Id}");
}
