using FluentValidation;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;

namespace OmniWhatsApp.Core.Users;

public sealed class UserInputValidator : AbstractValidator<UserInput>
{
    public const int MinPasswordLength = 8;

    public UserInputValidator(IStringLocalizer<Strings> L)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Email).NotEmpty().WithMessage(_ => L["Enter the user's email address."])
            .EmailAddress().WithMessage(_ => L["Enter a valid email address."])
            .MaximumLength(256).WithMessage(_ => L["Use at most {0} characters.", 256]);
        RuleFor(x => x.DisplayName).NotEmpty().WithMessage(_ => L["Enter the user's name."])
            .MaximumLength(100).WithMessage(_ => L["Use at most 100 characters."]);
        RuleFor(x => x.Role).Must(r => Roles.All.Contains(r)).WithMessage(_ => L["Choose a role."]);
        RuleFor(x => x.Capacity).InclusiveBetween(1, 50).WithMessage(_ => L["Capacity is a whole number from 1 to 50."]);
        RuleFor(x => x.Password).NotEmpty().When(x => x.IsNew).WithMessage(_ => L["Enter a password."]);
        RuleFor(x => x.Password).MinimumLength(MinPasswordLength).When(x => !string.IsNullOrEmpty(x.Password))
            .WithMessage(_ => L["Use at least {0} characters.", MinPasswordLength]);
    }
}
