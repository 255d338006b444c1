using FluentValidation;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Templates;

namespace OmniWhatsApp.Core.Bots;

/// <summary>
/// A channel's bot, field by field. Lengths are the columns' (counted in characters, so Turkish and Russian text has
/// the same room as English); only the chosen mode's fields are checked.
/// </summary>
public sealed class BotSettingsValidator : AbstractValidator<BotSettingsInput>
{
    public const int MaxMessageLength = 1600;
    public const int MaxPhrasesLength = 2000;
    public const int MaxHandoffWordsLength = 1000;
    public const int MaxEntries = 100;
    public const int MaxMisses = 10;
    public const int MaxUrlLength = 500;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 200;
    public const int MaxTimeoutSeconds = 30;

    public BotSettingsValidator(IStringLocalizer<Strings> L)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        string tooLong(int max) => L["Use at most {0} characters.", max];

        RuleFor(x => x.Mode).IsInEnum().WithMessage(_ => L["Choose who answers first."]);

        When(x => x.Mode == BotMode.Faq, () =>
        {
            RuleFor(x => x.Greeting).MaximumLength(MaxMessageLength).WithMessage(_ => tooLong(MaxMessageLength));
            RuleFor(x => x.Fallback).MaximumLength(MaxMessageLength).WithMessage(_ => tooLong(MaxMessageLength));
            RuleFor(x => x.HandoffWords)
                .Must(words => BotFaqEntry.SplitList(words).Length > 0).WithMessage(_ => L["Enter at least one hand-off word, so a customer can always ask for a person."])
                .MaximumLength(MaxHandoffWordsLength).WithMessage(_ => tooLong(MaxHandoffWordsLength));
            RuleFor(x => x.HandoffAfterMisses).InclusiveBetween(1, MaxMisses)
                .WithMessage(_ => L["Hand off after 1 to {0} unanswered messages.", MaxMisses]);
            RuleFor(x => x.Entries)
                .NotEmpty().WithMessage(_ => L["Add at least one question and its answer for the FAQ bot."])
                .Must(entries => entries.Count <= MaxEntries).WithMessage(_ => L["The FAQ bot takes at most {0} questions.", MaxEntries]);
            RuleForEach(x => x.Entries).SetValidator(new BotFaqEntryInputValidator(L));
        });

        When(x => x.Mode == BotMode.External, () =>
        {
            RuleFor(x => x.ExternalUrl)
                .NotEmpty().WithMessage(_ => L["Enter the bot's URL."])
                .MaximumLength(MaxUrlLength).WithMessage(_ => tooLong(MaxUrlLength))
                .Must(IsBotUrl).WithMessage(_ => L["Enter a full https:// address (http:// only for localhost)."]);
            RuleFor(x => x.Secret)
                .NotEmpty().When(x => !x.HasSavedSecret).WithMessage(_ => L["Enter a shared secret of at least {0} characters.", MinSecretLength]);
            RuleFor(x => x.Secret!.Trim())
                .MinimumLength(MinSecretLength).WithMessage(_ => L["Enter a shared secret of at least {0} characters.", MinSecretLength])
                .MaximumLength(MaxSecretLength).WithMessage(_ => tooLong(MaxSecretLength))
                .OverridePropertyName(nameof(BotSettingsInput.Secret))
                .When(x => !string.IsNullOrWhiteSpace(x.Secret));
            RuleFor(x => x.TimeoutSeconds).InclusiveBetween(1, MaxTimeoutSeconds)
                .WithMessage(_ => L["The timeout is 1 to {0} seconds.", MaxTimeoutSeconds]);
        });
    }

    /// <summary>
    /// An absolute https URL; plain http only to this machine (localhost, 127.0.0.1, ::1), where the sample bot and
    /// the tests run: the shared secret and the customers' messages never cross a network unencrypted.
    /// </summary>
    public static bool IsBotUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.UserInfo)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}

public sealed class BotFaqEntryInputValidator : AbstractValidator<BotFaqEntryInput>
{
    public BotFaqEntryInputValidator(IStringLocalizer<Strings> L)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Language).Must(Languages.IsKnown).WithMessage(_ => L["Choose a language."]);
        RuleFor(x => x.Phrases)
            .Must(phrases => BotFaqEntry.SplitList(phrases).Length > 0).WithMessage(_ => L["Enter at least one keyword or phrase."])
            .MaximumLength(BotSettingsValidator.MaxPhrasesLength).WithMessage(_ => L["Use at most {0} characters.", BotSettingsValidator.MaxPhrasesLength]);
        RuleFor(x => x.Answer)
            .NotEmpty().WithMessage(_ => L["Enter the answer."])
            .MaximumLength(BotSettingsValidator.MaxMessageLength).WithMessage(_ => L["Use at most {0} characters.", BotSettingsValidator.MaxMessageLength]);
    }
}
