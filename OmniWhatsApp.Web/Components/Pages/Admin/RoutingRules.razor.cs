using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Web.Components.Pages.Admin;

public partial class RoutingRules
{
    private WorkstreamSummary? workstream;
    private RoutingInput routing = new();
    private EditContext routingContext = new(new RoutingInput());
    private IReadOnlyList<QueueSummary> queues = [];
    private IReadOnlyList<NumberOption> allNumbers = [];
    private IReadOnlyList<NumberOption> ownNumbers = [];
    private List<BreadcrumbItem> breadcrumbs = [];
    private RoutingRuleInputValidator? ruleValidator;
    private FluentValidator<RoutingRuleInput>? ruleForm;
    private IReadOnlyList<Problem>? pendingRuleProblems;
    private RoutingRuleInput draft = new();
    private RoutingRuleInput? editing;
    private FluentValidator<RoutingInput>? routingValidator;
    private bool missing;
    private bool saving;
    private bool dirty;
    private int? tryNumber;
    private string? tryLanguage;
    private string? tryMessage;

    [Parameter] public int Id { get; set; }

    [Inject] public required WorkstreamService Workstreams { get; init; }
    [Inject] public required RoutingService Service { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        workstream = (await Workstreams.ListAsync()).FirstOrDefault(w => w.Id == Id);
        missing = workstream is null;
        if (workstream is null) return;
        breadcrumbs =
        [
            new(L["Workstreams"], "admin/workstreams"),
            new(workstream.Name, $"admin/workstreams/{Id}"),
            new(L["Routing rules"], null, disabled: true),
        ];
        UseRouting(await Service.GetRoutingAsync(Id));
        queues = await Service.ListQueuesAsync();
        var choices = await Service.ChoicesAsync(Id);
        ruleValidator = new RoutingRuleInputValidator(L, choices);
        allNumbers = await Workstreams.NumberOptionsAsync();
        ownNumbers = allNumbers.Where(n => choices.NumberIds.Contains(n.Id)).ToList();
    }

    /// <summary>The rule form offers the workstream's own number(s), and the one the rule has, so a wrong one can be seen and cleared.</summary>
    private IEnumerable<NumberOption> DraftNumbers =>
        ownNumbers.Concat(allNumbers.Where(n => n.Id == draft.NumberId && !ownNumbers.Contains(n)));

    private string NumberText(int? id) => allNumbers.FirstOrDefault(n => n.Id == id)?.Number ?? "";

    private string NumberLabel(int? id) =>
        id is null ? L["any"] : allNumbers.FirstOrDefault(n => n.Id == id)?.Number ?? L["a removed number"];

    private string QueueName(int? id) => queues.FirstOrDefault(q => q.Id == id)?.Name ?? "—";

    private string QueueText(int? id) => queues.FirstOrDefault(q => q.Id == id)?.Name ?? "";

    private string RowClass(RoutingRuleInput rule, int index) => ReferenceEquals(rule, editing) ? "rule-row editing" : "rule-row";

    /// <summary>Problems of the routing as a whole (e.g. a queue removed meanwhile), shown above Save.</summary>
    private IReadOnlyList<string> FormMessages => routingContext.GetValidationMessages(new FieldIdentifier(routing, "")).ToList();

    private void UseRouting(RoutingInput saved)
    {
        routing = saved;
        routingContext = new EditContext(saved);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // A rule's problems go to the rule form once it has rendered the rule (and with it its new EditContext).
        if (pendingRuleProblems is null) return;
        ruleForm?.Show(pendingRuleProblems);
        pendingRuleProblems = null;
    }

    private void SetFallback(int? queueId)
    {
        routing.FallbackQueueId = queueId;
        routingContext.NotifyFieldChanged(FieldIdentifier.Create(() => routing.FallbackQueueId));
        dirty = true;
    }

    /// <summary>A queue made from the fallback field; the rule form offers it too.</summary>
    private async Task<Result<int>> CreateQueueAsync(QueueInput queue)
    {
        var created = await Service.CreateQueueAsync(queue);
        if (!created.Succeeded) return created;
        queues = await Service.ListQueuesAsync();
        ruleValidator = new RoutingRuleInputValidator(L, await Service.ChoicesAsync(Id));
        StateHasChanged();
        return created;
    }

    private void Move(int index, int delta)
    {
        var rule = routing.Rules[index];
        routing.Rules.RemoveAt(index);
        routing.Rules.Insert(index + delta, rule);
        dirty = true;
    }

    private void Edit(RoutingRuleInput rule)
    {
        editing = rule;
        draft = rule.Clone();
    }

    private void CancelEdit()
    {
        editing = null;
        draft = new RoutingRuleInput();
    }

    private void Remove(RoutingRuleInput rule)
    {
        routing.Rules.Remove(rule);
        if (ReferenceEquals(rule, editing)) CancelEdit();
        dirty = true;
    }

    private void SaveDraft()
    {
        if (editing is null) routing.Rules.Add(draft);
        else routing.Rules[routing.Rules.IndexOf(editing)] = draft;
        dirty = true;
        CancelEdit();
    }

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            var result = await Service.SaveRoutingAsync(Id, routing);
            if (!result.Succeeded) { ShowProblems(result.Problems); return; }
            dirty = false;
            UseRouting(await Service.GetRoutingAsync(Id));
            Snackbar.Add(L["Routing saved"], Severity.Success);
        }
        finally
        {
            saving = false;
        }
    }

    /// <summary>A rule's problems are shown at its fields in the rule form, which opens that rule; the rest at the Save button.</summary>
    private void ShowProblems(IReadOnlyList<Problem> problems)
    {
        var index = problems.Select(p => RuleIndex(p.Field)).FirstOrDefault(i => i is not null);
        if (index is { } i && i < routing.Rules.Count)
        {
            var prefix = $"Rules[{i}].";
            Edit(routing.Rules[i]);
            pendingRuleProblems = problems.Where(p => p.Field.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p with { Field = p.Field[prefix.Length..] }).ToList();
        }
        routingValidator?.Show(problems.Where(p => RuleIndex(p.Field) is null));
    }

    private static int? RuleIndex(string field)
    {
        if (!field.StartsWith("Rules[", StringComparison.Ordinal)) return null;
        var end = field.IndexOf(']', StringComparison.Ordinal);
        return end > 6 && int.TryParse(field[6..end], CultureInfo.InvariantCulture, out var i) ? i : null;
    }

    private string TryResult()
    {
        if (tryNumber is null) return L["choose a number"];
        var rules = routing.Rules.Select((r, i) => new RoutingRule { Order = i, Name = r.Name, NumberId = r.NumberId, Language = r.Language, Keywords = r.Keywords, Payloads = r.Payloads, QueueId = r.QueueId ?? 0 });
        var queueId = WorkClassification.PickQueue(rules, routing.FallbackQueueId, new RoutingFacts(tryNumber.Value, tryLanguage, tryMessage));
        return queueId is null ? L["no queue (set a fallback queue)"] : QueueName(queueId);
    }
}
