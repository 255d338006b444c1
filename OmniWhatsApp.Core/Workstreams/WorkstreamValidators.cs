using FluentValidation;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Core.Workstreams;

public sealed class WorkstreamInputValidator : AbstractValidator<WorkstreamInput>
{
    public const int MaxAutoCloseMinutes = 30 * 24 * 60;

    public WorkstreamInputValidator(IStringLocalizer<Strings> L)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Name).NotEmpty().WithMessage(_ => L["Enter a name for the workstream."])
            .MaximumLength(100).WithMessage(_ => L["Use at most 100 characters."]);
        RuleFor(x => x.DistributionMode).IsInEnum().WithMessage(_ => L["Choose push or pick."]);
        RuleFor(x => x.CapacityPerConversation).InclusiveBetween(1, 100)
            .WithMessage(_ => L["Capacity per conversation is a whole number from 1 to 100."]);
        RuleFor(x => x.AutoCloseAfterMinutes).InclusiveBetween(5, MaxAutoCloseMinutes)
            .WithMessage(_ => L["Auto-close takes from 5 minutes to 30 days."]);
    }
}

public sealed class BehavioursValidator : AbstractValidator<Behaviours>
{
    public const int MaxMessageLength = 1600;

    public BehavioursValidator(IStringLocalizer<Strings> L)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        string tooLong(Behaviours _) => L["Use at most {0} characters.", MaxMessageLength];
        RuleFor(x => x.GreetingMessage).MaximumLength(MaxMessageLength).WithMessage(tooLong);
        RuleFor(x => x.AgentAssignedMessage).MaximumLength(MaxMessageLength).WithMessage(tooLong);
        RuleFor(x => x.ConversationClosedMessage).MaximumLength(MaxMessageLength).WithMessage(tooLong);
        RuleFor(x => x.OutsideBusinessHoursMessage).MaximumLength(MaxMessageLength).WithMessage(tooLong);
        RuleFor(x => x.SurveyText).MaximumLength(MaxMessageLength).WithMessage(tooLong);
        RuleFor(x => x.ConversationClosedTemplate).MaximumLength(100).WithMessage(_ => L["Use at most 100 characters."]);
        RuleFor(x => x.SurveyTemplate).MaximumLength(100).WithMessage(_ => L["Use at most 100 characters."]);
        RuleFor(x => x.ConversationClosedTemplate).Empty().When(x => string.IsNullOrWhiteSpace(x.ConversationClosedMessage))
            .WithMessage(_ => L["Write the closing message too: the template is sent in its place when the window is closed."]);
        RuleFor(x => x.AttachmentsRefusedMessage).MaximumLength(MaxMessageLength).WithMessage(tooLong);

        RuleFor(x => x.SurveyText).NotEmpty().When(x => x.SurveyEnabled)
            .WithMessage(_ => L["Enter the survey text or link, or turn the survey off."]);

        RuleFor(x => x.BusinessHoursStart).NotNull().When(x => x.BusinessHoursEnd is not null || !string.IsNullOrWhiteSpace(x.OutsideBusinessHoursMessage))
            .WithMessage(_ => L["Enter when business hours start."]);
        RuleFor(x => x.BusinessHoursEnd).NotNull().When(x => x.BusinessHoursStart is not null || !string.IsNullOrWhiteSpace(x.OutsideBusinessHoursMessage))
            .WithMessage(_ => L["Enter when business hours end."]);
        RuleFor(x => x.BusinessHoursEnd).NotEqual(x => x.BusinessHoursStart).When(x => x.BusinessHoursStart is not null)
            .WithMessage(_ => L["Business hours cannot start and end at the same time."]);
        RuleFor(x => x.BusinessDays).NotEqual(BusinessDays.None).When(x => x.BusinessHoursStart is not null)
            .WithMessage(_ => L["Choose at least one business day."]);
        RuleFor(x => x.TimeZoneId).Must(IsTimeZone).WithMessage(_ => L["Choose a known time zone."]);

        RuleFor(x => x.AttachmentsEnabled).Equal(true)
            .When(x => x.CustomersCanSendAttachments || x.AgentsCanSendAttachments)
            .WithMessage(_ => L["Turn file attachments on to let customers or agents send them."]);
        RuleFor(x => x.CustomersCanSendAttachments).Equal(true)
            .When(x => x.AttachmentsEnabled && !x.AgentsCanSendAttachments)
            .WithMessage(_ => L["With attachments on, let customers, agents or both send them."]);
    }

    private static bool IsTimeZone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}

public sealed class TemplateInputValidator : AbstractValidator<TemplateInput>
{
    public const int MaxBodyLength = 1024;

    public TemplateInputValidator(IStringLocalizer<Strings> L)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Name.Trim()).NotEmpty().WithMessage(_ => L["Enter the template's name."]).OverridePropertyName(nameof(TemplateInput.Name))
            .MaximumLength(100).WithMessage(_ => L["Use at most 100 characters."])
            .Matches(@"^[a-z0-9_]+\z").WithMessage(_ => L["Template names use lowercase letters, digits and underscores, as WhatsApp requires."]);
        RuleFor(x => x.Language).Must(Languages.IsKnown).WithMessage(_ => L["Choose a language."]);
        RuleFor(x => x.Body).NotEmpty().WithMessage(_ => L["Enter the approved text."])
            .MaximumLength(MaxBodyLength).WithMessage(_ => L["Use at most {0} characters.", MaxBodyLength]);
        RuleFor(x => x.Body).Custom((body, context) =>
        {
            var scan = TemplatePlaceholders.Scan(body);
            switch (scan.Problem)
            {
                case PlaceholderProblem.Malformed:
                    context.AddFailure(L["'{0}' is not a placeholder: use {1}, {2} and so on.", scan.Detail!, "{{1}}", "{{2}}"]);
                    break;
                case PlaceholderProblem.Gap:
                    context.AddFailure(L["Placeholders are numbered from {0} without gaps; {1} is missing.", "{{1}}", scan.Detail!]);
                    break;
                case PlaceholderProblem.TooMany:
                    context.AddFailure(L["A template can have at most {0} placeholders.", TemplatePlaceholders.MaxVariables]);
                    break;
            }
        });
        RuleFor(x => x.ContentSid).Must(sid => string.IsNullOrWhiteSpace(sid) || TwilioSids.IsContentSid(sid.Trim()))
            .WithMessage(_ => L["A Content SID is HX followed by 32 hexadecimal characters."]);
    }
}

public sealed class WhatsAppSetupValidator : AbstractValidator<WhatsAppSetupInput>
{
    public WhatsAppSetupValidator(IStringLocalizer<Strings> L)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.NumberId).NotNull().WithMessage(_ => L["Choose a WhatsApp number."]);
        RuleFor(x => x.FallbackQueueId).NotNull().WithMessage(_ => L["Choose a fallback queue for conversations no rule matches."]);
        RuleFor(x => x.Language).Must(Languages.IsKnown).WithMessage(_ => L["Choose a language."]);
        RuleFor(x => x.Behaviours).SetValidator(new BehavioursValidator(L));
        RuleFor(x => x.Bot!).SetValidator(new BotSettingsValidator(L)).When(x => x.Bot is not null);
        RuleForEach(x => x.Templates).SetValidator(new TemplateInputValidator(L));
        RuleFor(x => x.Templates)
            .Must(ts => ts.GroupBy(t => (t.Name.Trim(), t.Language)).All(g => g.Count() == 1))
            .WithMessage(_ => L["Two templates have the same name and language."]);

        // The templates sent instead of the closing message and the survey outside the window: one of the templates
        // saved with this setup, in its language, that the system can send as it is (nobody fills in placeholders).
        RuleFor(x => x.Behaviours.ConversationClosedTemplate)
            .Custom((name, context) => CheckAutomatedTemplate(L, context.InstanceToValidate, name, context));
        RuleFor(x => x.Behaviours.SurveyTemplate)
            .Custom((name, context) => CheckAutomatedTemplate(L, context.InstanceToValidate, name, context))
            .When(x => x.Behaviours.SurveyEnabled);
    }

    /// <summary>
    /// The templates of <paramref name="setup"/> the system may send in place of an automated message: those in the
    /// channel's language whose text has no placeholders.
    /// </summary>
    public static IReadOnlyList<TemplateInput> AutomatedTemplateChoices(WhatsAppSetupInput setup) =>
        setup.Templates
            .Where(t => t.Language == setup.Language && !string.IsNullOrWhiteSpace(t.Name) && TemplatePlaceholders.Scan(t.Body) is { IsValid: true, VariableCount: 0 })
            .GroupBy(t => t.Name.Trim()).Select(g => g.First())
            .OrderBy(t => t.Name.Trim(), StringComparer.Ordinal)
            .ToList();

    private static void CheckAutomatedTemplate(IStringLocalizer<Strings> L, WhatsAppSetupInput setup, string? name, ValidationContext<WhatsAppSetupInput> context)
    {
        if (string.IsNullOrWhiteSpace(name)) return;
        var template = setup.Templates.FirstOrDefault(t => t.Name.Trim() == name.Trim() && t.Language == setup.Language);
        if (template is null)
        {
            context.AddFailure(L["Template {0} is not one of this channel's templates in {1}: choose another or Nothing.", name.Trim(), Languages.LabelOf(setup.Language)]);
        }
        else if (TemplatePlaceholders.Scan(template.Body).VariableCount > 0)
        {
            context.AddFailure(L["Template {0} has placeholders ({1}…) that nobody would fill in: the system can send only a template without placeholders.", template.Name.Trim(), "{{1}}"]);
        }
    }
}
