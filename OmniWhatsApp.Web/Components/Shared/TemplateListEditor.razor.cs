using Microsoft.AspNetCore.Components;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Web.Components.Shared;

public partial class TemplateListEditor
{
    private TemplateInput draft = new();
    private TemplateInput? editing;
    private FluentValidator<TemplateInput>? validator;

    [Parameter, EditorRequired] public List<TemplateInput> Templates { get; set; } = default!;
    [Parameter] public string DefaultLanguage { get; set; } = "en";

    /// <summary>The workstream's templates as stored (matched by id): their approval, and whether the studio owns them.</summary>
    [Parameter] public IReadOnlyList<MessageTemplate> Stored { get; set; } = [];

    private MessageTemplate? StoredOf(TemplateInput template) => template.Id is int id ? Stored.FirstOrDefault(t => t.Id == id) : null;

    /// <summary>Built in the studio or gone to WhatsApp from it: editing only the text here would part it from its definition.</summary>
    private static bool FromStudio(MessageTemplate t) => t.IsManagedInStudio();

    protected override void OnInitialized() => draft = new TemplateInput { Language = DefaultLanguage };

    private string RowClass(TemplateInput template, int index) => ReferenceEquals(template, editing) ? "template-row editing" : "template-row";

    private void Edit(TemplateInput template)
    {
        editing = template;
        draft = template.Clone();
    }

    private void CancelEdit()
    {
        editing = null;
        draft = new TemplateInput { Language = DefaultLanguage };
    }

    private void Remove(TemplateInput template)
    {
        Templates.Remove(template);
        if (ReferenceEquals(template, editing)) CancelEdit();
    }

    private void Save()
    {
        var name = draft.Name.Trim();
        if (Templates.Any(t => !ReferenceEquals(t, editing) && t.Name == name && t.Language == draft.Language))
        {
            validator?.Show([new Problem(nameof(TemplateInput.Name), L["A template with this name and language is already in the list."])]);
            return;
        }
        draft.Name = name;
        draft.Body = draft.Body.Trim();
        draft.ContentSid = string.IsNullOrWhiteSpace(draft.ContentSid) ? null : draft.ContentSid.Trim();
        if (editing is null)
        {
            Templates.Add(draft);
        }
        else
        {
            Templates[Templates.IndexOf(editing)] = draft;
        }
        CancelEdit();
    }
}
