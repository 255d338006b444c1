using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Web.Components.Pages.Admin;

public partial class WhatsAppSetupStepper : IDisposable
{
    private const int NumberStep = 0;
    private const int LanguageStep = 1;
    private const int BehavioursStep = 2;
    private const int BotStep = 4;
    private const int SummaryStep = 5;

    private MudStepper? stepper;
    private int step;
    private int shownStep;
    private int? errorStep;
    private bool saving;
    private IReadOnlyList<Problem> saveProblems = [];
    private WhatsAppSetupInput? shown;
    private EditContext numberContext = default!;
    private EditContext languageContext = default!;
    private EditContext behavioursContext = default!;
    private EditContext botContext = default!;
    private readonly Dictionary<EditContext, ValidationMessageStore> serverProblems = [];

    [Parameter, EditorRequired] public WhatsAppSetupInput Input { get; set; } = default!;

    /// <summary>The numbers this workstream may use: those no other workstream has.</summary>
    [Parameter] public IReadOnlyList<NumberOption> Numbers { get; set; } = [];

    /// <summary>The queues to choose the fallback queue from.</summary>
    [Parameter] public IReadOnlyList<QueueSummary> Queues { get; set; } = [];

    /// <summary>The workstream's templates as stored: their approval and the template studio's link.</summary>
    [Parameter] public IReadOnlyList<OmniWhatsApp.Core.Templates.MessageTemplate> StoredTemplates { get; set; } = [];

    /// <summary>Creates a queue from the number step and has <see cref="Queues"/> include it; it becomes the fallback queue.</summary>
    [Parameter, EditorRequired] public Func<QueueInput, Task<Result<int>>> OnCreateQueue { get; set; } = default!;

    /// <summary>Saves the whole setup; its problems are shown at the step that owns their field.</summary>
    [Parameter, EditorRequired] public Func<Task<Result>> OnFinish { get; set; } = default!;

    [Parameter] public EventCallback OnCancel { get; set; }

    [Inject] public required IScrollManager Scroll { get; init; }

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(shown, Input)) return;
        ForgetForms();
        shown = Input;
        numberContext = Track(new EditContext(Input));
        languageContext = Track(new EditContext(Input));
        behavioursContext = Track(new EditContext(Input.Behaviours));
        // Off until the admin chooses a bot; a setup read back from the workstream has its saved bot.
        Input.Bot ??= new BotSettingsInput();
        botContext = Track(new EditContext(Input.Bot));
    }

    /// <summary>
    /// Problems Finish found are kept in a store of their own on the step's form: they show at their field whenever the step is shown,
    /// block its Next like any other message, and go when the admin changes that field.
    /// </summary>
    private EditContext Track(EditContext context)
    {
        var store = new ValidationMessageStore(context);
        serverProblems[context] = store;
        context.OnFieldChanged += ClearServerProblem;
        return context;
    }

    private void ClearServerProblem(object? sender, FieldChangedEventArgs e)
    {
        if (sender is EditContext context && serverProblems.TryGetValue(context, out var store)) store.Clear(e.FieldIdentifier);
    }

    /// <summary>A new step starts at the top of the page, where its header and first field are, not where the last one's Next was.</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (step == shownStep) return;
        shownStep = step;
        await Scroll.ScrollToAsync("html", 0, 0, ScrollBehavior.Auto);
    }

    private string NumberText(int? id) =>
        Numbers.FirstOrDefault(n => n.Id == id) is { } n ? $"{n.Number} · {n.DisplayName} ({n.AccountName})" : "";

    /// <summary>Chosen or just created: the field's message goes, as when any other field changes.</summary>
    private void SetFallbackQueue(int? queueId)
    {
        Input.FallbackQueueId = queueId;
        numberContext.NotifyFieldChanged(FieldIdentifier.Create(() => Input.FallbackQueueId));
    }

    private EditContext? FormOf(int index) => index switch
    {
        NumberStep => numberContext,
        LanguageStep => languageContext,
        BehavioursStep => behavioursContext,
        BotStep => botContext,
        _ => null,
    };

    /// <summary>MudStepper asks before it completes a step: a step with a form goes on only when its fields are valid.</summary>
    private Task PreviewAsync(StepperInteractionEventArgs args)
    {
        if (args.Action == StepAction.Complete && FormOf(args.StepIndex) is { } form && !form.Validate())
        {
            args.Cancel = true;
            errorStep = args.StepIndex;
            return Task.CompletedTask;
        }
        if (args.Action == StepAction.Complete && errorStep == args.StepIndex) errorStep = null;
        saveProblems = [];
        return Task.CompletedTask;
    }

    private Task NextAsync() => stepper?.NextStepAsync() ?? Task.CompletedTask;

    private Task BackAsync()
    {
        saveProblems = [];
        return stepper?.PreviousStepAsync() ?? Task.CompletedTask;
    }

    private async Task FinishAsync()
    {
        saving = true;
        try
        {
            var result = await OnFinish();
            if (!result.Succeeded) ShowProblems(result.Problems);
        }
        finally
        {
            saving = false;
        }
    }

    /// <summary>
    /// Takes the admin back to the first step that owns a field Finish found wrong (a number taken meanwhile, a template chosen
    /// for a behaviour that became unusable) and shows the messages there, next to their fields; problems no step owns stay on
    /// the summary.
    /// </summary>
    private void ShowProblems(IReadOnlyList<Problem> problems)
    {
        var owned = problems.Where(p => StepOf(p.Field) is not null).ToList();
        if (owned.Count == 0)
        {
            saveProblems = problems;
            return;
        }
        var first = owned.Min(p => StepOf(p.Field)!.Value);
        var form = FormOf(first)!;
        var store = serverProblems[form];
        store.Clear();
        foreach (var problem in owned.Where(p => StepOf(p.Field) == first))
        {
            var path = first switch
            {
                BehavioursStep => problem.Field[(nameof(WhatsAppSetupInput.Behaviours).Length + 1)..],
                BotStep => problem.Field[(nameof(WhatsAppSetupInput.Bot).Length + 1)..],
                _ => problem.Field,
            };
            store.Add(FluentValidator<WhatsAppSetupInput>.FieldFor(form.Model, path), problem.Message);
        }
        form.NotifyValidationStateChanged();
        errorStep = first;
        saveProblems = [];
        step = first;
    }

    private static int? StepOf(string field) => field switch
    {
        nameof(WhatsAppSetupInput.NumberId) or nameof(WhatsAppSetupInput.FallbackQueueId) => NumberStep,
        nameof(WhatsAppSetupInput.Language) => LanguageStep,
        _ when field.StartsWith(nameof(WhatsAppSetupInput.Behaviours) + ".", StringComparison.Ordinal) => BehavioursStep,
        _ when field.StartsWith(nameof(WhatsAppSetupInput.Bot) + ".", StringComparison.Ordinal) => BotStep,
        _ => null,
    };

    public void Dispose() => ForgetForms();

    private void ForgetForms()
    {
        foreach (var (context, store) in serverProblems)
        {
            context.OnFieldChanged -= ClearServerProblem;
            store.Clear();
        }
        serverProblems.Clear();
    }
}
