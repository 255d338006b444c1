using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Web.Components.Pages.Admin;

/// <summary>
/// The template studio's editor: a template of any WhatsApp type with a sample per placeholder, checked field by field
/// with <see cref="TemplateDraftValidator"/> (the service checks again), beside its live preview. Saved as a draft, or
/// saved and submitted for WhatsApp's approval in one go.
/// </summary>
public partial class TemplateEditor : IDisposable
{
    private static readonly TemplateCategory[] Categories = [TemplateCategory.Utility, TemplateCategory.Marketing, TemplateCategory.Authentication];
    private static readonly RichContentType[] Types =
        [RichContentType.Text, RichContentType.Media, RichContentType.QuickReply, RichContentType.CallToAction, RichContentType.ListPicker, RichContentType.Card];

    private TemplateDraftInput form = new();
    private EditContext editContext = new(new TemplateDraftInput());
    private FluentValidator<TemplateDraftInput>? validator;
    private IReadOnlyList<WorkstreamSummary> workstreams = [];
    private List<BreadcrumbItem> breadcrumbs = [];
    private TemplateApproval approval = TemplateApproval.Draft;
    private string? rejectionReason;
    private IDisposable? subscription;
    private bool loaded;
    private bool missing;
    private bool busy;

    [Parameter] public int? Id { get; set; }

    /// <summary>The workstream a new template starts in (the list's filter, the workstream page).</summary>
    [SupplyParameterFromQuery(Name = "workstream")] public int? WorkstreamParameter { get; set; }

    [Inject] public required TemplateStudioService Studio { get; init; }
    [Inject] public required WorkstreamService Workstreams { get; init; }
    [Inject] public required IConversationEvents Events { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }

    private bool HasButtons => form.Type is RichContentType.QuickReply or RichContentType.CallToAction or RichContentType.Card;

    private int MaxButtons => form.Type switch
    {
        RichContentType.QuickReply => TemplateDraftValidator.MaxQuickReplyButtons,
        RichContentType.CallToAction => TemplateDraftValidator.MaxUrlButtons + TemplateDraftValidator.MaxPhoneButtons,
        _ => TemplateDraftValidator.MaxCardButtons,
    };

    private RichButtonKind[] ButtonKinds => form.Type == RichContentType.CallToAction
        ? [RichButtonKind.Url, RichButtonKind.PhoneNumber]
        : [RichButtonKind.QuickReply, RichButtonKind.Url, RichButtonKind.PhoneNumber];

    /// <summary>Only a template WhatsApp is not already reviewing (or has approved) goes to review.</summary>
    private bool CanSubmit => form.ContentSid is null || approval is not (TemplateApproval.Received or TemplateApproval.Pending or TemplateApproval.Approved or TemplateApproval.Paused);

    private string CategoryHelp => form.Category switch
    {
        TemplateCategory.Marketing => L["Offers and news. Billed per message by WhatsApp since July 2025."],
        TemplateCategory.Authentication => L["One-time codes. Billed per message by WhatsApp."],
        _ => L["Updates about an order, account or request the customer has with you."],
    };

    private string ButtonsHelp => form.Type switch
    {
        RichContentType.QuickReply => L["Up to {0} reply buttons under the message; a tap sends the button's id back.", TemplateDraftValidator.MaxQuickReplyButtons],
        RichContentType.CallToAction => L["Up to {0} link buttons and one call button.", TemplateDraftValidator.MaxUrlButtons],
        _ => L["Up to {0} buttons: reply buttons, or link and call buttons.", TemplateDraftValidator.MaxCardButtons],
    };

    protected override async Task OnParametersSetAsync()
    {
        workstreams = await Workstreams.ListAsync();
        if (Id is { } id)
        {
            var stored = await Studio.GetAsync(id);
            missing = stored is null;
            if (stored is null) return;
            form = stored;
            approval = stored.Approval;
            rejectionReason = (await Studio.ListAsync(stored.WorkstreamId)).FirstOrDefault(t => t.Id == id)?.RejectionReason;
        }
        else
        {
            var workstream = workstreams.FirstOrDefault(w => w.Id == WorkstreamParameter) ?? (workstreams.Count == 1 ? workstreams[0] : null);
            form = new TemplateDraftInput { WorkstreamId = workstream?.Id ?? 0, Language = workstream?.Language ?? "en" };
        }
        SyncSamples();
        editContext = new EditContext(form);
        breadcrumbs = [new(L["Message templates"], "admin/templates"), new(Id is null ? L["New template"] : form.Name, null, disabled: true)];
        loaded = true;
        if (RendererInfo.IsInteractive && subscription is null) subscription = Events.Subscribe(OnEventAsync);
    }

    private async Task OnEventAsync(LiveEvent e)
    {
        if (e is not TemplateApprovalChanged changed || changed.TemplateId != Id) return;
        await InvokeAsync(() =>
        {
            approval = changed.Approval;
            rejectionReason = changed.RejectionReason;
            StateHasChanged();
        });
    }

    private string WorkstreamText(int id) => workstreams.FirstOrDefault(w => w.Id == id)?.Name ?? "";

    private string ButtonKindText(RichButtonKind kind) => kind switch
    {
        RichButtonKind.QuickReply => L["Reply"],
        RichButtonKind.Url => L["Open a link"],
        RichButtonKind.PhoneNumber => L["Call a number"],
        _ => kind.ToString(),
    };

    private static string Variable(int index) => "{{" + (index + 1) + "}}";

    private void SetBody(string? body)
    {
        form.Body = body ?? "";
        SyncSamples();
    }

    /// <summary>One sample field per placeholder the text has; values already typed stay with their placeholder.</summary>
    private void SyncSamples()
    {
        var scan = TemplatePlaceholders.Scan(form.Body);
        var count = scan.IsValid ? scan.VariableCount : form.Samples.Count;
        while (form.Samples.Count < count) form.Samples.Add("");
        if (form.Samples.Count > count) form.Samples.RemoveRange(count, form.Samples.Count - count);
    }

    private void SetSample(int index, string? value)
    {
        form.Samples[index] = value ?? "";
        editContext.NotifyFieldChanged(FieldIdentifier.Create(() => form.Samples));
    }

    private bool SampleMissing(int index) =>
        editContext.GetValidationMessages(FieldIdentifier.Create(() => form.Samples)).Any() && string.IsNullOrWhiteSpace(form.Samples[index]);

    /// <summary>A new type keeps the buttons it can have; a type that needs buttons starts with an empty one.</summary>
    private void SetType(RichContentType type)
    {
        form.Type = type;
        form.Buttons = type switch
        {
            RichContentType.QuickReply => form.Buttons.Where(b => b.Kind == RichButtonKind.QuickReply).ToList(),
            RichContentType.CallToAction => form.Buttons.Where(b => b.Kind != RichButtonKind.QuickReply).ToList(),
            RichContentType.Card => form.Buttons.Take(TemplateDraftValidator.MaxCardButtons).ToList(),
            _ => [],
        };
        if (type is RichContentType.QuickReply or RichContentType.CallToAction && form.Buttons.Count == 0) AddButton();
        if (type == RichContentType.ListPicker && form.Items.Count == 0) AddItem();
        editContext.NotifyFieldChanged(FieldIdentifier.Create(() => form.Type));
    }

    private void AddButton()
    {
        if (form.Buttons.Count >= MaxButtons) return;
        var kind = form.Type switch
        {
            RichContentType.QuickReply => RichButtonKind.QuickReply,
            RichContentType.CallToAction => form.Buttons.Count(b => b.Kind == RichButtonKind.Url) < TemplateDraftValidator.MaxUrlButtons ? RichButtonKind.Url : RichButtonKind.PhoneNumber,
            _ => form.Buttons.FirstOrDefault()?.Kind ?? RichButtonKind.QuickReply,
        };
        form.Buttons.Add(new RichButtonInput { Kind = kind });
        editContext.NotifyFieldChanged(FieldIdentifier.Create(() => form.Buttons));
    }

    private void RemoveButton(RichButtonInput button)
    {
        form.Buttons.Remove(button);
        editContext.NotifyFieldChanged(FieldIdentifier.Create(() => form.Buttons));
    }

    private void SetKind(RichButtonInput button, RichButtonKind kind)
    {
        button.Kind = kind;
        editContext.NotifyFieldChanged(FieldIdentifier.Create(() => form.Buttons));
    }

    private void AddItem()
    {
        if (form.Items.Count >= TemplateDraftValidator.MaxListItems) return;
        form.Items.Add(new RichListItemInput());
        editContext.NotifyFieldChanged(FieldIdentifier.Create(() => form.Items));
    }

    private void RemoveItem(RichListItemInput item)
    {
        form.Items.Remove(item);
        editContext.NotifyFieldChanged(FieldIdentifier.Create(() => form.Items));
    }

    private async Task SaveDraftAsync()
    {
        if (await SaveAsync() is not { } id) return;
        Snackbar.Add(L["Saved"], Severity.Success);
        if (Id != id) Navigation.NavigateTo($"admin/templates/{id}", replace: true);
    }

    private async Task SaveAndSubmitAsync()
    {
        if (!editContext.Validate()) return;
        if (await SaveAsync() is not { } id) return;
        busy = true;
        try
        {
            var submitted = await Studio.SubmitAsync(id);
            if (!submitted.Succeeded)
            {
                // Saved as a draft all the same: stay on it, with Twilio's or WhatsApp's answer.
                Snackbar.AddTitled(L["Saved, not submitted"], submitted.FirstMessage, Severity.Warning);
                if (Id != id) Navigation.NavigateTo($"admin/templates/{id}", replace: true);
                else await OnParametersSetAsync();
                return;
            }
            Snackbar.Add(L["{0} ({1}) was submitted for WhatsApp's approval.", form.Name.Trim(), form.Language], Severity.Info);
            Navigation.NavigateTo($"admin/templates?workstream={form.WorkstreamId}");
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>Saves the form through the service (which validates it again); the problems it finds show at their fields.</summary>
    private async Task<int?> SaveAsync()
    {
        busy = true;
        try
        {
            var result = await Studio.SaveAsync(form);
            if (!result.Succeeded)
            {
                validator?.Show(result.Problems);
                return null;
            }
            return result.Value;
        }
        finally
        {
            busy = false;
        }
    }

    private async Task RefreshAsync()
    {
        if (Id is not { } id) return;
        busy = true;
        try
        {
            var result = await Studio.RefreshAsync(id);
            if (!result.Succeeded) Snackbar.AddTitled(L["Status not refreshed"], result.FirstMessage, Severity.Warning);
            else approval = result.Value;
        }
        finally
        {
            busy = false;
        }
    }

    private async Task DeleteAsync()
    {
        if (Id is not { } id) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Delete template"],
            L["Delete the template {0} ({1})? It is also deleted at Twilio, and agents can no longer send it.", form.Name, form.Language],
            yesText: L["Delete"], cancelText: L["Cancel"]);
        if (confirmed != true) return;
        var result = await Studio.DeleteAsync(id);
        if (!result.Succeeded)
        {
            Snackbar.AddTitled(L["Not deleted"], result.FirstMessage, Severity.Warning);
            return;
        }
        Snackbar.Add(L["Deleted {0}.", form.Name], Severity.Success);
        Navigation.NavigateTo("admin/templates");
    }

    public void Dispose() => subscription?.Dispose();
}
