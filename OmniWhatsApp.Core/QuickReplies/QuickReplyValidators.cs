using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Outbound;

namespace OmniWhatsApp.Core.QuickReplies;

public sealed partial class QuickReplyInputValidator : AbstractValidator<QuickReplyInput>
{
    public const int MaxShortcutLength = 40;

    [GeneratedRegex("^[a-z0-9-]+$")]
    public static partial Regex ShortcutPattern();

    public QuickReplyInputValidator(IStringLocalizer<Strings> L)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Shortcut).NotEmpty().WithMessage(_ => L["Enter a shortcut."])
            .MaximumLength(MaxShortcutLength).WithMessage(_ => L["Use at most {0} characters.", MaxShortcutLength])
            .Matches(ShortcutPattern()).WithMessage(_ => L["Use lowercase letters, digits and hyphens only, without the slash (for example refund-policy)."]);
        RuleFor(x => x.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => L["Enter the text of the reply."])
            .Must(t => t.Trim().Length <= OutboundService.MaxBodyLength).WithMessage(_ => L["A WhatsApp message has at most {0} characters.", OutboundService.MaxBodyLength]);
    }
}
