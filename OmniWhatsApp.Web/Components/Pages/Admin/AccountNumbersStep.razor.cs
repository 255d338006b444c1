using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Web.Components.Pages.Admin;

public partial class AccountNumbersStep : IDisposable
{
    private NumberInput newNumber = new();
    private EditContext addContext = default!;
    // "Add at least one WhatsApp number" sits in a store of its own: the validator's checks of the typed number
    // neither show nor clear it.
    private ValidationMessageStore? stepMessages;
    private FluentValidator<NumberInput>? validator;
    private MudTextField<string>? nameField;

    /// <summary>The wizard's list of numbers; Add and Remove change it.</summary>
    [Parameter, EditorRequired] public required List<NumberInput> Numbers { get; set; }

    /// <summary>Why Done refused a number, by row (a number another account took meanwhile).</summary>
    [Parameter] public Dictionary<NumberInput, string> RowProblems { get; set; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Whether a number is already used by another account.</summary>
    [Parameter, EditorRequired] public required Func<string, Task<bool>> IsNumberInUse { get; set; }

    [Parameter] public EventCallback OnBack { get; set; }
    [Parameter] public EventCallback OnNext { get; set; }
    [Parameter] public EventCallback OnCancel { get; set; }

    protected override void OnInitialized() => ResetForm();

    private void ResetForm()
    {
        if (addContext is not null) addContext.OnValidationRequested -= ClearStepMessages;
        newNumber = new NumberInput();
        addContext = new EditContext(newNumber);
        addContext.OnValidationRequested += ClearStepMessages;
        stepMessages = new ValidationMessageStore(addContext);
    }

    private FieldIdentifier NumberField => new(newNumber, nameof(NumberInput.Number));

    private void ClearStepMessages(object? sender, ValidationRequestedEventArgs e) => stepMessages?.Clear();

    private void NumberTyped()
    {
        if (!addContext.GetValidationMessages(NumberField).Any()) return;
        stepMessages?.Clear();
        addContext.NotifyValidationStateChanged();
    }

    private async Task AddAsync()
    {
        var number = newNumber.Number.Trim();
        if (Numbers.Any(n => n.Number == number))
        {
            validator?.Show([new Problem(nameof(NumberInput.Number), L["This number is already in the list."])]);
            return;
        }
        if (await IsNumberInUse(number))
        {
            validator?.Show([new Problem(nameof(NumberInput.Number), L["{0} is already used by another account.", number])]);
            return;
        }
        Numbers.Add(new NumberInput { DisplayName = newNumber.DisplayName.Trim(), Number = number });
        ResetForm();
        if (nameField is not null) await nameField.FocusAsync();
    }

    private void Remove(NumberInput number)
    {
        Numbers.Remove(number);
        RowProblems.Remove(number);
    }

    private async Task NextAsync()
    {
        if (Numbers.Count > 0)
        {
            await OnNext.InvokeAsync();
            return;
        }
        stepMessages?.Clear();
        stepMessages?.Add(NumberField, L["Add at least one WhatsApp number."]);
        addContext.NotifyValidationStateChanged();
    }

    public void Dispose() => addContext.OnValidationRequested -= ClearStepMessages;
}
