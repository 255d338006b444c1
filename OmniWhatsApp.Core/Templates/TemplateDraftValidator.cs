using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Numbers;

namespace OmniWhatsApp.Core.Templates;

/// <summary>
/// WhatsApp's limits for a template built in the studio, field by field, as Twilio's Content API documents them per
/// type (lengths are counted in characters, so Turkish or Russian text has the same room as English). Placeholders are
/// <c>{{1}}</c>…<c>{{n}}</c> without gaps, never side by side nor at the very start or end of the text (WhatsApp
/// rejects those), and each has a sample value. Location is in-session only: WhatsApp does not approve it.
/// </summary>
public sealed partial class TemplateDraftValidator : AbstractValidator<TemplateDraftInput>
{
    public const int MaxNameLength = 100;
    public const int MaxBodyLength = RichMessageLimits.MaxBodyLength;
    /// <summary>twilio/call-to-action's body.</summary>
    public const int MaxCallToActionBodyLength = 640;
    public const int MaxQuickReplyButtons = 10;
    public const int MaxQuickReplyTitleLength = RichMessageLimits.MaxButtonTitleLength;
    public const int MaxCallToActionTitleLength = 25;
    public const int MaxButtonIdLength = RichMessageLimits.MaxIdLength;
    public const int MaxUrlButtons = 2;
    public const int MaxPhoneButtons = 1;
    public const int MaxCardButtons = 3;
    public const int MaxListItems = RichMessageLimits.MaxRows;
    public const int MaxListItemLength = RichMessageLimits.MaxRowTitleLength;
    public const int MaxListDescriptionLength = RichMessageLimits.MaxRowDescriptionLength;
    public const int MaxListIdLength = RichMessageLimits.MaxIdLength;
    public const int MaxListButtonLength = RichMessageLimits.MaxListButtonLength;
    public const int MaxCardSubtitleLength = 60;
    public const int MaxUrlLength = 2000;
    public const int MaxSampleLength = TemplatePlaceholders.MaxSampleLength;

    [GeneratedRegex(@"\{\{\d+\}\}\s*\{\{\d+\}\}")]
    private static partial Regex Adjacent();

    [GeneratedRegex(@"^\{\{\d+\}\}")]
    private static partial Regex AtStart();

    [GeneratedRegex(@"\{\{\d+\}\}$")]
    private static partial Regex AtEnd();

    public TemplateDraftValidator(IStringLocalizer<Strings> L)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(x => x.WorkstreamId).GreaterThan(0).WithMessage(_ => L["Choose a workstream."]);
        RuleFor(x => x.Name.Trim()).NotEmpty().WithMessage(_ => L["Enter the template's name."]).OverridePropertyName(nameof(TemplateDraftInput.Name))
            .MaximumLength(MaxNameLength).WithMessage(_ => L["Use at most {0} characters.", MaxNameLength])
            .Matches(@"^[a-z0-9_]+\z").WithMessage(_ => L["Template names use lowercase letters, digits and underscores, as WhatsApp requires."]);
        RuleFor(x => x.Language).Must(Languages.IsKnown).WithMessage(_ => L["Choose a language."]);
        RuleFor(x => x.Category).IsInEnum().WithMessage(_ => L["Choose a category."]);
        RuleFor(x => x.Type).IsInEnum().WithMessage(_ => L["Choose a type."])
            .NotEqual(RichContentType.Location).WithMessage(_ => L["A location cannot be a template: WhatsApp does not approve it. Agents can send one within 24 hours of the customer's last message."]);

        RuleFor(x => x.Body).NotEmpty().WithMessage(_ => L["Enter the text."])
            .Must((x, body) => body.Trim().Length <= BodyLimit(x.Type)).WithMessage(x => L["Use at most {0} characters.", BodyLimit(x.Type)]);
        RuleFor(x => x.Body).Custom((body, context) => CheckPlaceholders(L, body, context));
        RuleFor(x => x.Samples).Custom((samples, context) =>
        {
            var count = TemplatePlaceholders.Scan(context.InstanceToValidate.Body).VariableCount;
            for (var i = 0; i < count; i++)
            {
                var sample = i < samples.Count ? samples[i]?.Trim() ?? "" : "";
                var field = $"{nameof(TemplateDraftInput.Samples)}[{i}]";
                if (sample.Length == 0) context.AddFailure(field, L["Enter a sample value for {0}: WhatsApp's reviewers need one.", "{{" + (i + 1) + "}}"]);
                else if (sample.Length > MaxSampleLength) context.AddFailure(field, L["Use at most {0} characters.", MaxSampleLength]);
            }
        });

        // Media: one https address Twilio can fetch; a card may have one.
        RuleFor(x => x.MediaUrl).NotEmpty().When(x => x.Type == RichContentType.Media).WithMessage(_ => L["Enter the address of the image, video or document."]);
        RuleFor(x => x.MediaUrl).Must(IsHttps).When(x => x.Type is RichContentType.Media or RichContentType.Card && !string.IsNullOrWhiteSpace(x.MediaUrl))
            .WithMessage(_ => L["Use an https address that anyone can open."]);

        // Card: its text (Twilio's card title), an optional short subtitle, and at least one other part.
        When(x => x.Type == RichContentType.Card, () =>
        {
            RuleFor(x => x.Subtitle).MaximumLength(MaxCardSubtitleLength).WithMessage(_ => L["Use at most {0} characters.", MaxCardSubtitleLength]);
            RuleFor(x => x.Buttons).Must((x, buttons) => buttons.Count > 0 || !string.IsNullOrWhiteSpace(x.MediaUrl) || !string.IsNullOrWhiteSpace(x.Subtitle))
                .WithMessage(_ => L["Add an image, a subtitle or a button to the card."]);
        });

        // Buttons.
        When(x => x.Type == RichContentType.QuickReply, () =>
        {
            RuleFor(x => x.Buttons).NotEmpty().WithMessage(_ => L["Add at least one button."])
                .Must(b => b.Count <= MaxQuickReplyButtons).WithMessage(_ => L["A template can have at most {0} reply buttons.", MaxQuickReplyButtons])
                .Must(b => b.All(x => x.Kind == RichButtonKind.QuickReply)).WithMessage(_ => L["Quick-reply templates have reply buttons only."]);
        });
        When(x => x.Type == RichContentType.CallToAction, () =>
        {
            RuleFor(x => x.Buttons).NotEmpty().WithMessage(_ => L["Add at least one button."])
                .Must(b => b.All(x => x.Kind != RichButtonKind.QuickReply)).WithMessage(_ => L["Call-to-action templates have link and call buttons only."])
                .Must(b => b.Count(x => x.Kind == RichButtonKind.Url) <= MaxUrlButtons).WithMessage(_ => L["At most {0} link buttons.", MaxUrlButtons])
                .Must(b => b.Count(x => x.Kind == RichButtonKind.PhoneNumber) <= MaxPhoneButtons).WithMessage(_ => L["At most one call button."]);
        });
        When(x => x.Type == RichContentType.Card, () =>
        {
            RuleFor(x => x.Buttons).Must(b => b.Count <= MaxCardButtons).WithMessage(_ => L["A card can have at most {0} buttons.", MaxCardButtons])
                .Must(b => b.Count(x => x.Kind == RichButtonKind.Url) <= MaxUrlButtons).WithMessage(_ => L["At most {0} link buttons.", MaxUrlButtons])
                .Must(b => b.Count(x => x.Kind == RichButtonKind.PhoneNumber) <= MaxPhoneButtons).WithMessage(_ => L["At most one call button."])
                .Must(b => b.All(x => x.Kind == RichButtonKind.QuickReply) || b.All(x => x.Kind != RichButtonKind.QuickReply))
                .WithMessage(_ => L["A card has either reply buttons or link and call buttons, not both."]);
        });
        When(x => x.Type is RichContentType.QuickReply or RichContentType.CallToAction or RichContentType.Card, () =>
        // Continue: every button's problems show, not only the first one's.
        RuleForEach(x => x.Buttons).Cascade(CascadeMode.Continue)
            .ChildRules(button =>
            {
                button.RuleLevelCascadeMode = CascadeMode.Stop;
                button.RuleFor(b => b.Kind).IsInEnum().WithMessage(_ => L["Choose what the button does."]);
                button.RuleFor(b => b.Title.Trim()).NotEmpty().WithMessage(_ => L["Enter the button's text."]).OverridePropertyName(nameof(RichButtonInput.Title))
                    .Must((b, title) => title.Length <= TitleLimit(b.Kind)).WithMessage(b => L["Use at most {0} characters.", TitleLimit(b.Kind)]);
                button.RuleFor(b => b.Id).NotEmpty().When(b => b.Kind == RichButtonKind.QuickReply).WithMessage(_ => L["Enter the button's id (what comes back when the customer taps it)."])
                    .MaximumLength(MaxButtonIdLength).WithMessage(_ => L["Use at most {0} characters.", MaxButtonIdLength]);
                button.RuleFor(b => b.Url).NotEmpty().When(b => b.Kind == RichButtonKind.Url).WithMessage(_ => L["Enter the link's address."])
                    .Must(IsHttps).When(b => b.Kind == RichButtonKind.Url).WithMessage(_ => L["Use an https address that anyone can open."])
                    .MaximumLength(MaxUrlLength).WithMessage(_ => L["Use at most {0} characters.", MaxUrlLength]);
                button.RuleFor(b => b.Phone).Must(p => PhoneNumber.IsValidE164(p?.Trim())).When(b => b.Kind == RichButtonKind.PhoneNumber)
                    .WithMessage(_ => L["Enter the number in international form, such as +905551234567."]);
            }));
        RuleFor(x => x.Buttons).Must(b => b.Where(x => x.Kind == RichButtonKind.QuickReply).GroupBy(x => x.Id?.Trim()).All(g => g.Count() == 1))
            .When(x => x.Type is RichContentType.QuickReply or RichContentType.Card)
            .WithMessage(_ => L["Two buttons have the same id."]);

        // List picker.
        When(x => x.Type == RichContentType.ListPicker, () =>
        {
            RuleFor(x => x.ListButton).NotEmpty().WithMessage(_ => L["Enter the text of the button that opens the list."])
                .Must(b => b!.Trim().Length <= MaxListButtonLength).WithMessage(_ => L["Use at most {0} characters.", MaxListButtonLength]);
            RuleFor(x => x.Items).NotEmpty().WithMessage(_ => L["Add at least one item."])
                .Must(i => i.Count <= MaxListItems).WithMessage(_ => L["A list has at most {0} items.", MaxListItems])
                .Must(i => i.GroupBy(x => x.Id.Trim()).All(g => g.Count() == 1)).WithMessage(_ => L["Two items have the same id."]);
            RuleForEach(x => x.Items).Cascade(CascadeMode.Continue).ChildRules(item =>
            {
                item.RuleLevelCascadeMode = CascadeMode.Stop;
                item.RuleFor(i => i.Item.Trim()).NotEmpty().WithMessage(_ => L["Enter the item's text."]).OverridePropertyName(nameof(RichListItemInput.Item))
                    .MaximumLength(MaxListItemLength).WithMessage(_ => L["Use at most {0} characters.", MaxListItemLength]);
                item.RuleFor(i => i.Id.Trim()).NotEmpty().WithMessage(_ => L["Enter the item's id (what comes back when the customer chooses it)."]).OverridePropertyName(nameof(RichListItemInput.Id))
                    .MaximumLength(MaxListIdLength).WithMessage(_ => L["Use at most {0} characters.", MaxListIdLength]);
                item.RuleFor(i => i.Description).MaximumLength(MaxListDescriptionLength).WithMessage(_ => L["Use at most {0} characters.", MaxListDescriptionLength]);
            });
        });
    }

    /// <summary>The longest text a template of <paramref name="type"/> may have.</summary>
    public static int BodyLimit(RichContentType type) => type == RichContentType.CallToAction ? MaxCallToActionBodyLength : MaxBodyLength;

    public static int TitleLimit(RichButtonKind kind) => kind == RichButtonKind.QuickReply ? MaxQuickReplyTitleLength : MaxCallToActionTitleLength;

    private static bool IsHttps(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host);

    private static void CheckPlaceholders(IStringLocalizer<Strings> L, string body, ValidationContext<TemplateDraftInput> context)
    {
        var scan = TemplatePlaceholders.Scan(body);
        switch (scan.Problem)
        {
            case PlaceholderProblem.Malformed:
                context.AddFailure(L["'{0}' is not a placeholder: use {1}, {2} and so on.", scan.Detail!, "{{1}}", "{{2}}"]);
                return;
            case PlaceholderProblem.Gap:
                context.AddFailure(L["Placeholders are numbered from {0} without gaps; {1} is missing.", "{{1}}", scan.Detail!]);
                return;
            case PlaceholderProblem.TooMany:
                context.AddFailure(L["A template can have at most {0} placeholders.", TemplatePlaceholders.MaxVariables]);
                return;
        }
        if (scan.VariableCount == 0) return;
        var text = body.Trim();
        if (Adjacent().IsMatch(text)) context.AddFailure(L["Put words between two placeholders: WhatsApp rejects them side by side."]);
        else if (AtStart().IsMatch(text) || AtEnd().IsMatch(text)) context.AddFailure(L["Do not start or end the text with a placeholder: WhatsApp rejects that."]);
    }
}
