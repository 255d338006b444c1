using Microsoft.AspNetCore.Components;
using MudBlazor;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Web.Components.Pages.Admin;

/// <summary>
/// Every template of every workstream with where it stands at WhatsApp. Approval changes arrive live (the list reloads;
/// the layout's <see cref="TemplateApprovalNotifier"/> tells the admin in a snackbar, here as on any other page).
/// </summary>
public partial class Templates : IDisposable
{
    private IReadOnlyList<TemplateSummary>? templates;
    private IReadOnlyList<WorkstreamSummary> workstreams = [];
    private readonly HashSet<int> busy = [];
    private IDisposable? subscription;
    private int? workstreamId;
    private bool syncing;
    private bool syncFailed;
    private string? syncMessage;

    /// <summary>Shows one workstream's templates (the workstream page links here with it).</summary>
    [SupplyParameterFromQuery(Name = "workstream")] public int? WorkstreamParameter { get; set; }

    [Inject] public required TemplateStudioService Studio { get; init; }
    [Inject] public required TemplateSyncService TemplateSync { get; init; }
    [Inject] public required WorkstreamService Workstreams { get; init; }
    [Inject] public required IConversationEvents Events { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required TimeProvider Clock { get; init; }

    private string NewHref => workstreamId is { } id ? $"admin/templates/new?workstream={id}" : "admin/templates/new";

    protected override async Task OnInitializedAsync()
    {
        workstreams = await Workstreams.ListAsync();
        workstreamId = WorkstreamParameter is { } id && workstreams.Any(w => w.Id == id) ? id : null;
        await LoadAsync();
        if (RendererInfo.IsInteractive) subscription = Events.Subscribe(OnEventAsync);
    }

    private async Task LoadAsync() => templates = await Studio.ListAsync(workstreamId);

    private async Task OnEventAsync(LiveEvent e)
    {
        if (e is not TemplateApprovalChanged) return;
        await InvokeAsync(async () =>
        {
            await LoadAsync();
            StateHasChanged();
        });
    }

    private async Task FilterAsync(int? id)
    {
        workstreamId = id;
        syncMessage = null;
        Navigation.NavigateTo(id is null ? "admin/templates" : $"admin/templates?workstream={id}", replace: true);
        await LoadAsync();
    }

    private string WorkstreamText(int? id) => id is null ? L["All workstreams"] : workstreams.FirstOrDefault(w => w.Id == id)?.Name ?? "";

    private bool HasWhatsApp(int id) => workstreams.FirstOrDefault(w => w.Id == id)?.Number is not null;

    /// <summary>A draft, or one WhatsApp refused that the admin may have fixed since, goes (again) to review.</summary>
    private static bool CanSubmit(TemplateSummary t) => t.Approval is TemplateApproval.Draft or TemplateApproval.Rejected && !t.RemovedAtTwilio;

    private async Task SubmitAsync(TemplateSummary template)
    {
        busy.Add(template.Id);
        try
        {
            var result = await Studio.SubmitAsync(template.Id);
            if (result.Succeeded) Snackbar.Add(L["{0} ({1}) was submitted for WhatsApp's approval.", template.Name, template.Language], Severity.Info);
            else Snackbar.AddTitled(L["Not submitted"], result.FirstMessage, Severity.Warning);
            await LoadAsync();
        }
        finally
        {
            busy.Remove(template.Id);
        }
    }

    private async Task RefreshAsync(TemplateSummary template)
    {
        busy.Add(template.Id);
        try
        {
            var result = await Studio.RefreshAsync(template.Id);
            if (!result.Succeeded) Snackbar.AddTitled(L["Status not refreshed"], result.FirstMessage, Severity.Warning);
            await LoadAsync();
        }
        finally
        {
            busy.Remove(template.Id);
        }
    }

    private async Task DeleteAsync(TemplateSummary template)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Delete template"],
            L["Delete the template {0} ({1})? It is also deleted at Twilio, and agents can no longer send it.", template.Name, template.Language],
            yesText: L["Delete"], cancelText: L["Cancel"]);
        if (confirmed != true) return;
        var result = await Studio.DeleteAsync(template.Id);
        if (result.Succeeded) Snackbar.Add(L["Deleted {0}.", template.Name], Severity.Success);
        else Snackbar.AddTitled(L["Not deleted"], result.FirstMessage, Severity.Warning);
        await LoadAsync();
    }

    /// <summary>Imports the approved templates of the filtered workstream's Twilio account, as the workstream page does.</summary>
    private async Task SyncAsync()
    {
        if (workstreamId is not { } id) return;
        syncing = true;
        try
        {
            var result = await TemplateSync.SyncAsync(id);
            syncFailed = !result.Succeeded;
            syncMessage = result.Value is { } report
                ? L["Templates synced from Twilio: {0} added, {1} updated, {2} unchanged.", report.Added, report.Updated, report.Unchanged]
                : result.FirstMessage;
            await LoadAsync();
        }
        finally
        {
            syncing = false;
        }
    }

    public void Dispose() => subscription?.Dispose();
}
