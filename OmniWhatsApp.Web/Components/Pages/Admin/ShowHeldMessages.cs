using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace OmniWhatsApp.Web.Components.Pages.Admin;

/// <summary>
/// Goes inside a wizard step's form: when the step is shown again, its fields show the messages the form already holds
/// (MudBlazor's fields only listen for changes, so a field created after a message was added would not show it).
/// </summary>
public sealed class ShowHeldMessages : ComponentBase
{
    [CascadingParameter] private EditContext? EditContext { get; set; }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && EditContext is not null && EditContext.GetValidationMessages().Any()) EditContext.NotifyValidationStateChanged();
    }
}
