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
        RuleFor(x => x.Name).NotEmpty().WithMessage(L["Enter a name for the queue."])
            .MaximumLength(100).WithMessage(L["Use at most 100 characters."]);
    }
}

public sealed class RoutingRuleInputValidator : AbstractValidator<RoutingRuleInput>
{
    public RoutingRuleInputValidator(IStringLocalizer<Strings> L)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Name).NotEmpty().WithMessage(L["Enter a name for the rule."])
            .MaximumLength(100).WithMessage(L["Use at most 100 characters."]);
        RuleFor(x => x.QueueId).NotNull().WithMessage(L["Choose the queue this rule sends conversations to."]);
        RuleFor(x => x.Language).Must(l => string.IsNullOrEmpty(l) || Languages.IsKnown(l)).WithMessage(L["Choose a language."]);
        RuleFor(x => x.Keywords).MaximumLength(500).WithMessage(L["Use at most {0} characters.", 500]);
    }
}

public sealed class RoutingInputValidator : AbstractValidator<RoutingInput>
{
    public RoutingInputValidator(IStringLocalizer<Strings> L)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleForEach(x => x.Rules).SetValidator(new RoutingRuleInputValidator(L));
        RuleFor(x => x.FallbackQueueId).NotNull().WithMessage(L["Choose a fallback queue for conversations no rule matches."]);
    }
}
