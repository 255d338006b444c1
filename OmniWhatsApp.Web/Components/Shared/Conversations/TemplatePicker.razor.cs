using Microsoft.AspNetCore.Components;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Templates;

namespace OmniWhatsApp.Web.Components.Shared.Conversations;

public sealed partial class TemplatePicker
{
    private int? selectedId;
    private string[] values = [];
    private bool sending;

    [Parameter, EditorRequired] public IReadOnlyList<TemplateOption> Templates { get; set; } = [];
    [Parameter] public string? Language { get; set; }
    [Parameter] public bool Disabled { get; set; }

    /// <summary>Whether the customer's 24-hour window is open: outside it only approved templates are offered.</summary>
    [Parameter] public bool WindowOpen { get; set; }

    /// <summary>The server's refusal of the last send, shown under the preview.</summary>
    [Parameter] public string? Problem { get; set; }

    /// <summary>Sends the chosen template; true when it was accepted (the picker then starts over).</summary>
    [Parameter] public Func<TemplateOption, IReadOnlyList<string>, Task<bool>>? OnSend { get; set; }

    /// <summary>The templates that can be sent now.</summary>
    private IReadOnlyList<TemplateOption> Offered => Templates.Where(t => t.IsAvailable(WindowOpen)).ToList();

    /// <summary>The others, with why.</summary>
    private IReadOnlyList<(TemplateOption Template, string Reason)> Missing =>
        Templates.Where(t => !t.IsAvailable(WindowOpen)).Select(t => (t, (t.Unavailable ?? t.UnavailableOutsideWindow)!)).ToList();

    private TemplateOption? Selected => Offered.FirstOrDefault(t => t.Id == selectedId);

    private string NameOf(int? id) => Templates.FirstOrDefault(t => t.Id == id)?.Name ?? "";

    private string? CategoryLabel(TemplateCategory? category) => category switch
    {
        TemplateCategory.Utility => L["Utility"].Value,
        TemplateCategory.Marketing => L["Marketing"].Value,
        TemplateCategory.Authentication => L["Authentication"].Value,
        _ => null,
    };

    private bool Complete => Selected is not null && values.All(v => !string.IsNullOrWhiteSpace(v));

    private void Choose(int? id)
    {
        selectedId = id;
        values = new string[Selected?.VariableCount ?? 0];
        Array.Fill(values, "");
    }

    private void SetValue(int index, string? value)
    {
        if (index < values.Length) values[index] = value ?? "";
    }

    private async Task SendAsync()
    {
        if (Selected is not { } template || OnSend is null || !Complete) return;
        sending = true;
        try
        {
            if (await OnSend(template, values.ToArray())) Choose(null);
        }
        finally
        {
            sending = false;
        }
    }
}
