using FluentValidation;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;

namespace OmniWhatsApp.Core.QuickReplies;

public sealed class QuickReplyInputValidator : AbstractValidator<QuickReplyInput>
{
    public const int MaxShortcutLength = 40;

    /// <summary>A WhatsApp text message holds at most 1,600 characters.</summary>
    public const int MaxTextLength = 1600;

    public QuickReplyInputValidator(IStringLocalizer<Strings> L)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Shortcut).NotEmpty().WithMessage(L["Enter a shortcut."])
            .MaximumLength(MaxShortcutLength).WithMessage(L["Use at most {0} characters.", MaxShortcutLength])
            .Matches("^[a-z0-9-]+$").WithMessage(L["Use lowercase letters, digits and hyphens only, e.g. refund-policy."]);
        RuleFor(x => x.Text).NotEmpty().WithMessage(L["Enter the text of the reply."])
            .MaximumLength(MaxTextLength).WithMessage(L["Use at most {0} characters.", MaxTextLength]);
    }
}
