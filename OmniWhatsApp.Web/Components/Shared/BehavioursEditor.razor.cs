using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Web.Components.Shared;

public partial class BehavioursEditor : IDisposable
{
    private static readonly IReadOnlyList<string> timeZones = TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Order(StringComparer.Ordinal).ToList();

    /// <summary>The select's value for "send nothing"; the model keeps null.</summary>
    private const string NoTemplate = "";

    private EditContext? subscribed;
    private FieldIdentifier startField;
    private FieldIdentifier endField;

    [CascadingParameter] private EditContext? EditContext { get; set; }
    [Parameter, EditorRequired] public Behaviours Behaviours { get; set; } = default!;

    /// <summary>The templates the system may send instead of the closing message or the survey (no placeholders, the channel's language).</summary>
    [Parameter] public IReadOnlyList<TemplateInput> Templates { get; set; } = [];

    protected override void OnParametersSet()
    {
        startField = FieldIdentifier.Create(() => Behaviours.BusinessHoursStart);
        endField = FieldIdentifier.Create(() => Behaviours.BusinessHoursEnd);
        if (ReferenceEquals(EditContext, subscribed)) return;
        if (subscribed is not null) subscribed.OnValidationStateChanged -= ValidationStateChanged;
        subscribed = EditContext;
        if (subscribed is not null) subscribed.OnValidationStateChanged += ValidationStateChanged;
    }

    // The time pickers show their messages themselves (they have no For of the model's type), so they follow the form's validation state.
    private void ValidationStateChanged(object? sender, ValidationStateChangedEventArgs e) => InvokeAsync(StateHasChanged);

    private string? MessageFor(FieldIdentifier field) => EditContext?.GetValidationMessages(field).FirstOrDefault();

    private bool HasMessage(FieldIdentifier field) => MessageFor(field) is not null;

    /// <summary>"Nothing (skip it)", the templates, and a chosen one that is no longer among them (Finish then says why).</summary>
    private List<string> TemplateOptions(string? chosen)
    {
        var options = new List<string> { NoTemplate };
        options.AddRange(Templates.Select(t => t.Name.Trim()));
        if (!string.IsNullOrWhiteSpace(chosen) && !options.Contains(chosen)) options.Add(chosen);
        return options;
    }

    private string TemplateText(string? option)
    {
        if (string.IsNullOrEmpty(option)) return L["Nothing (skip it)"];
        return Templates.Any(t => t.Name.Trim() == option) ? option : L["{0} (not available)", option];
    }

    private void SetClosedTemplate(string? value) => Behaviours.ConversationClosedTemplate = string.IsNullOrEmpty(value) ? null : value;

    private void SetSurveyTemplate(string? value) => Behaviours.SurveyTemplate = string.IsNullOrEmpty(value) ? null : value;

    private void SetStart(TimeSpan? time)
    {
        Behaviours.BusinessHoursStart = time is { } t ? TimeOnly.FromTimeSpan(t) : null;
        EditContext?.NotifyFieldChanged(startField);
    }

    private void SetEnd(TimeSpan? time)
    {
        Behaviours.BusinessHoursEnd = time is { } t ? TimeOnly.FromTimeSpan(t) : null;
        EditContext?.NotifyFieldChanged(endField);
    }

    private Task<IEnumerable<string>> SearchTimeZones(string? text, CancellationToken cancellation) =>
        Task.FromResult(string.IsNullOrWhiteSpace(text)
            ? timeZones
            : timeZones.Where(z => z.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)));

    private void ToggleDay(BusinessDays day, bool on)
    {
        Behaviours.BusinessDays = on ? Behaviours.BusinessDays | day : Behaviours.BusinessDays & ~day;
        EditContext?.NotifyFieldChanged(FieldIdentifier.Create(() => Behaviours.BusinessDays));
    }

    private void SetAttachments(bool on)
    {
        Behaviours.AttachmentsEnabled = on;
        if (on && !Behaviours.CustomersCanSendAttachments && !Behaviours.AgentsCanSendAttachments)
        {
            // Switching attachments on means "both may send" until the admin narrows it.
            Behaviours.CustomersCanSendAttachments = true;
            Behaviours.AgentsCanSendAttachments = true;
        }
        if (!on)
        {
            Behaviours.CustomersCanSendAttachments = false;
            Behaviours.AgentsCanSendAttachments = false;
        }
        EditContext?.NotifyFieldChanged(FieldIdentifier.Create(() => Behaviours.AttachmentsEnabled));
    }

    public void Dispose()
    {
        if (subscribed is not null) subscribed.OnValidationStateChanged -= ValidationStateChanged;
    }
}
