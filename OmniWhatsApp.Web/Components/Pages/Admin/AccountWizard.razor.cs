using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Web.Components.Pages.Admin;

public partial class AccountWizard
{
    private const int ChannelStep = 0, CredentialsStep = 1, NumbersStep = 2;

    private readonly NewAccountInput input = new();
    private readonly CredentialsCheck credentials = new();
    private readonly Dictionary<NumberInput, string> numberProblems = new(ReferenceEqualityComparer.Instance);
    private IReadOnlyList<Problem> channelProblems = [];
    private IReadOnlyList<Problem> credentialProblems = [];
    private IReadOnlyList<Problem> saveProblems = [];
    private MudStepper? stepper;
    private int step;
    private bool saving;

    [Inject] public required AccountService Service { get; init; }
    [Inject] public required IPublicUrls PublicUrls { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }

    private CallbackUrls Callbacks => CallbackUrls.For(PublicUrls.BaseUrl, input.Id);

    private Task<bool> IsNumberInUseAsync(string number) => Service.IsNumberInUseAsync(number);

    private Task NextAsync()
    {
        // Problems Done found were shown when the step opened; the step's own checks have passed since.
        channelProblems = credentialProblems = [];
        return stepper!.NextStepAsync();
    }

    private Task BackAsync() => stepper!.PreviousStepAsync();

    private void Cancel() => Navigation.NavigateTo("admin/accounts");

    private async Task DoneAsync()
    {
        saving = true;
        try
        {
            var result = await Service.CreateAsync(input);
            if (result.Succeeded)
            {
                Snackbar.AddTitled(L["Account saved"], L.Plural("{1} is connected with {0} numbers.", input.Numbers.Count, input.Channel.Name), Severity.Success);
                Navigation.NavigateTo("admin/accounts");
                return;
            }
            ShowProblems(result.Problems);
        }
        finally
        {
            saving = false;
        }
    }

    /// <summary>
    /// Takes the admin back to the first step that owns a field Done found wrong (a number taken meanwhile,
    /// credentials Twilio now refuses) and shows the messages there, next to their fields or number rows; problems
    /// no step owns stay on this step.
    /// </summary>
    private void ShowProblems(IReadOnlyList<Problem> problems)
    {
        var owned = problems.Where(p => StepOf(p.Field) is not null).ToList();
        if (owned.Count == 0)
        {
            saveProblems = problems;
            return;
        }
        saveProblems = [];
        var target = owned.Min(p => StepOf(p.Field)!.Value);
        var mine = owned.Where(p => StepOf(p.Field) == target).ToList();
        numberProblems.Clear();
        if (target == NumbersStep)
        {
            foreach (var problem in mine)
            {
                var end = problem.Field.IndexOf(']', StringComparison.Ordinal);
                if (end > 8 && int.TryParse(problem.Field[8..end], CultureInfo.InvariantCulture, out var i) && i < input.Numbers.Count)
                {
                    numberProblems[input.Numbers[i]] = problem.Message;
                }
            }
        }
        // "Channel.Name" → "Name": the step's form edits the part of the input after the dot.
        var local = mine.Select(p => p with { Field = p.Field[(p.Field.IndexOf('.', StringComparison.Ordinal) + 1)..] }).ToList();
        if (target == ChannelStep) channelProblems = local;
        if (target == CredentialsStep) credentialProblems = local;
        step = target;
    }

    private static int? StepOf(string field) =>
        field.StartsWith("Channel.", StringComparison.Ordinal) ? ChannelStep
        : field.StartsWith("Credentials.", StringComparison.Ordinal) ? CredentialsStep
        : field.StartsWith("Numbers[", StringComparison.Ordinal) ? NumbersStep
        : null;
}
