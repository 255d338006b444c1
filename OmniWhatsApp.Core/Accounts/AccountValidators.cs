using FluentValidation;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Core.Accounts;

public sealed class ChannelDetailsValidator : AbstractValidator<ChannelDetailsInput>
{
    public ChannelDetailsValidator(IStringLocalizer<Strings> L)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Name).NotEmpty().WithMessage(_ => L["Enter a name for the account."])
            .MaximumLength(100).WithMessage(_ => L["Use at most 100 characters."]);
        RuleFor(x => x.Channel).Must(c => Channels.All.Contains(c)).WithMessage(_ => L["Choose a channel."]);
    }
}

public sealed class CredentialsValidator : AbstractValidator<CredentialsInput>
{
    public CredentialsValidator(IStringLocalizer<Strings> L)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.AccountSid).NotEmpty().WithMessage(_ => L["Enter the Account SID from the Twilio Console."])
            .Must(v => TwilioSids.IsAccountSid(v.Trim())).WithMessage(_ => L["An Account SID is AC followed by 32 hexadecimal characters."]);
        RuleFor(x => x.AuthToken).NotEmpty().WithMessage(_ => L["Enter the Auth Token from the Twilio Console."])
            .Must(v => TwilioSids.IsAuthToken(v.Trim())).WithMessage(_ => L["An Auth Token is 32 hexadecimal characters."]);
    }
}

public sealed class NumberInputValidator : AbstractValidator<NumberInput>
{
    public NumberInputValidator(IStringLocalizer<Strings> L)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.DisplayName).NotEmpty().WithMessage(_ => L["Enter a name for the number."])
            .MaximumLength(100).WithMessage(_ => L["Use at most 100 characters."]);
        RuleFor(x => x.Number).NotEmpty().WithMessage(_ => L["Enter the WhatsApp number."])
            .Must(PhoneNumber.IsValidE164).WithMessage(_ => L["Enter the number in E.164 form with a leading +, for example +14155238886."]);
    }
}

public sealed class NewAccountValidator : AbstractValidator<NewAccountInput>
{
    public NewAccountValidator(IStringLocalizer<Strings> L)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Channel).SetValidator(new ChannelDetailsValidator(L));
        RuleFor(x => x.Credentials).SetValidator(new CredentialsValidator(L));
        RuleFor(x => x.Numbers).NotEmpty().WithMessage(_ => L["Add at least one WhatsApp number."]);
        RuleForEach(x => x.Numbers).SetValidator(new NumberInputValidator(L));
        RuleFor(x => x.Numbers)
            .Must(numbers => numbers.Select(n => n.Number).Distinct().Count() == numbers.Count)
            .WithMessage(_ => L["Each WhatsApp number can be added only once."]);
    }
}
