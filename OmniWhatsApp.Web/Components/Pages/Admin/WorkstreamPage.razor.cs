using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Web.Components.Pages.Admin;

public partial class WorkstreamPage : IDisposable
{
    private IDisposable? subscription;
    private WorkstreamDetails? details;
    private NumberOption? number;
    private WorkstreamInput settings = new();
    private WorkstreamSettingsForm? form;
    private List<BreadcrumbItem> breadcrumbs = [];
    private bool missing;
    private bool saving;
    private bool syncing;
    private bool syncFailed;
    private string? syncMessage;
    private IReadOnlyList<string> syncSkipped = [];
    private BotSettingsInput? bot;
    private EditContext? botContext;
    private FluentValidator<BotSettingsInput>? botValidator;
    private bool savingBot;

    [Parameter] public int Id { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject] public required WorkstreamService Service { get; init; }
    [Inject] public required BotSetupService BotSetup { get; init; }
    [Inject] public required TemplateSyncService TemplateSync { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }
    [Inject] public required IConversationEvents Events { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        ResetBot();
        if (RendererInfo.IsInteractive) subscription ??= Events.Subscribe(OnEventAsync);
    }

    /// <summary>A template of this workstream changed at WhatsApp: its chip changes with it.</summary>
    private async Task OnEventAsync(LiveEvent e)
    {
        if (e is not TemplateApprovalChanged changed || changed.WorkstreamId != Id) return;
        await InvokeAsync(async () =>
        {
            await LoadAsync();
            StateHasChanged();
        });
    }

    private async Task LoadAsync()
    {
        details = await Service.GetAsync(Id);
        missing = details is null;
        if (details is null) return;
        settings = details.Settings;
        breadcrumbs = [new(L["Workstreams"], "admin/workstreams"), new(details.Summary.Name, null, disabled: true)];
        number = details.WhatsApp?.NumberId is int numberId ? (await Service.NumberOptionsAsync()).FirstOrDefault(n => n.Id == numberId) : null;
    }

    /// <summary>The bot section edits a copy of the saved bot; a reload for another reason (a template's approval) leaves the admin's edits alone.</summary>
    private void ResetBot()
    {
        bot = details?.WhatsApp?.Bot?.Clone();
        botContext = bot is null ? null : new EditContext(bot);
    }

    private async Task SaveBotAsync()
    {
        if (bot is null || !botContext!.Validate()) return;
        savingBot = true;
        try
        {
            var result = await BotSetup.SaveAsync(Id, bot, Actor.From((await AuthenticationState).User));
            if (!result.Succeeded) { botValidator?.Show(result.Problems); return; }
            Snackbar.Add(L["Bot saved"], Severity.Success);
            await LoadAsync();
            ResetBot();
        }
        finally
        {
            savingBot = false;
        }
    }

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            var result = await Service.UpdateAsync(Id, settings);
            if (!result.Succeeded) { form?.Show(result.Problems); return; }
            Snackbar.Add(L["Saved"], Severity.Success);
            await LoadAsync();
        }
        finally
        {
            saving = false;
        }
    }

    /// <summary>Imports the approved templates of the number's Twilio account (Content API) and shows what changed.</summary>
    private async Task SyncTemplatesAsync()
    {
        syncing = true;
        try
        {
            var result = await TemplateSync.SyncAsync(Id);
            syncFailed = !result.Succeeded;
            if (result.Value is { } report)
            {
                syncMessage = L["Templates synced from Twilio: {0} added, {1} updated, {2} unchanged.", report.Added, report.Updated, report.Unchanged];
                syncSkipped = report.Skipped;
                await LoadAsync();
            }
            else
            {
                syncMessage = result.FirstMessage;
                syncSkipped = [];
            }
        }
        finally
        {
            syncing = false;
        }
    }

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Delete workstream"], L["Delete {0}?", details!.Summary.Name],
            yesText: L["Delete"], cancelText: L["Cancel"]);
        if (confirmed != true) return;
        var result = await Service.DeleteAsync(Id);
        if (!result.Succeeded)
        {
            Snackbar.Add(L["Not deleted: {0}", result.FirstMessage], Severity.Warning);
            return;
        }
        Snackbar.Add(L["Deleted {0}.", details.Summary.Name], Severity.Success);
        Navigation.NavigateTo("admin/workstreams");
    }

    public void Dispose() => subscription?.Dispose();
}
