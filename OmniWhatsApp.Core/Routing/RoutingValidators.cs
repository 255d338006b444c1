using FluentValidation;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Templates;

namespace OmniWhatsApp.Core.Routing;

public sealed class QueueInputValidator : AbstractValidator<QueueInput>
{
    public QueueInputValidator(IStringLocalizer<Strings> L)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Name).NotEmpty().WithMessage(_ => L["Enter a name for the queue."])
            .MaximumLength(100).WithMessage(_ => L["Use at most 100 characters."]);
    }
}

/// <summary>
/// What a workstream's rules may refer to: its own WhatsApp number(s), since a rule on any other number never sees a
/// conversation of this workstream, and the queues that exist.
/// </summary>
public sealed record RoutingChoices(IReadOnlySet<int> NumberIds, IReadOnlySet<int> QueueIds);

/// <summary>
/// A rule's fields; with <see cref="RoutingChoices"/> (the service when saving, the page for its rule form) also
/// that its number belongs to the workstream and its queue exists.
/// </summary>
public sealed class RoutingRuleInputValidator : AbstractValidator<RoutingRuleInput>
{
    public RoutingRuleInputValidator(IStringLocalizer<Strings> L, RoutingChoices? choices = null)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Name).NotEmpty().WithMessage(_ => L["Enter a name for the rule."])
            .MaximumLength(100).WithMessage(_ => L["Use at most 100 characters."]);
        RuleFor(x => x.QueueId).NotNull().WithMessage(_ => L["Choose the queue this rule sends conversations to."])
            .Must(id => choices is null || choices.QueueIds.Contains(id!.Value)).WithMessage(_ => L["The queue no longer exists."]);
        RuleFor(x => x.NumberId).Must(id => id is null || choices is null || choices.NumberIds.Contains(id.Value))
            .WithMessage(_ => L["Conversations of this workstream never come to this number; choose the workstream's number or leave it empty."]);
        RuleFor(x => x.Language).Must(l => string.IsNullOrEmpty(l) || Languages.IsKnown(l)).WithMessage(_ => L["Choose a language."]);
        RuleFor(x => x.Keywords).MaximumLength(500).WithMessage(_ => L["Use at most {0} characters.", 500]);
        RuleFor(x => x.Payloads).MaximumLength(500).WithMessage(_ => L["Use at most {0} characters.", 500])
            .Must(p => Payloads(p).All(one => one.Length <= MaxPayloadLength && !one.Any(char.IsControl)))
            .WithMessage(_ => L["Each payload has at most {0} characters and no line breaks.", MaxPayloadLength])
            .Must(p => Payloads(p).Distinct(StringComparer.OrdinalIgnoreCase).Count() == Payloads(p).Count())
            .WithMessage(_ => L["A payload is listed twice."]);
        RuleFor(x => x.Payloads).Must((rule, p) => Payloads(p).Count == 0 || string.IsNullOrWhiteSpace(rule.Keywords))
            .WithMessage(_ => L["A rule routes either by keywords of the first message or by button/list payloads, not both."]);
    }

    /// <summary>Twilio's limit for a list row's id (a quick-reply button's is lower).</summary>
    public const int MaxPayloadLength = 200;

    private static List<string> Payloads(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}

public sealed class RoutingInputValidator : AbstractValidator<RoutingInput>
{
    public RoutingInputValidator(IStringLocalizer<Strings> L, RoutingChoices? choices = null)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleForEach(x => x.Rules).SetValidator(new RoutingRuleInputValidator(L, choices));
        RuleFor(x => x.FallbackQueueId).NotNull().WithMessage(_ => L["Choose a fallback queue for conversations no rule matches."])
            .Must(id => choices is null || choices.QueueIds.Contains(id!.Value)).WithMessage(_ => L["The queue no longer exists."]);
    }
}
