using System.Globalization;
using System.Text;
using FluentValidation;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Templates;

namespace OmniWhatsApp.Core.Outbound;

/// <summary>
/// An agent's in-session rich message: quick-reply buttons, a list picker or a location. Its author is the acting
/// user; <paramref name="ReplyToMessageId"/> quotes a message of the same conversation (shown in the console only:
/// Twilio's Messages API has no reply context for WhatsApp).
/// </summary>
public sealed record RichMessageInput(int ConversationId, RichContent Content, long? ReplyToMessageId = null);

/// <summary>The kinds of rich message an agent sends from the composer.</summary>
public enum RichMessageKind
{
    Buttons = 0,
    List = 1,
    Location = 2,
}

/// <summary>
/// The composer's form for a rich message, one field per input (validated field by field by
/// <see cref="RichMessageDraftValidator"/>); <see cref="ToContent"/> makes the <see cref="RichContent"/> that is sent.
/// The server checks the content it receives with the same validator (<see cref="From"/>).
/// </summary>
public sealed class RichMessageDraft
{
    public RichMessageKind Kind { get; set; }
    public string Body { get; set => field = value ?? ""; } = "";
    public List<RichButtonDraft> Buttons { get; set; } = [];
    public string ListButton { get; set => field = value ?? ""; } = "";
    public List<RichRowDraft> Rows { get; set; } = [];
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string Label { get; set => field = value ?? ""; } = "";
    public string Address { get; set => field = value ?? ""; } = "";

    public static RichMessageDraft New(RichMessageKind kind) => kind switch
    {
        RichMessageKind.Buttons => new RichMessageDraft { Kind = kind, Buttons = [new(), new()] },
        RichMessageKind.List => new RichMessageDraft { Kind = kind, Rows = [new(), new()] },
        _ => new RichMessageDraft { Kind = kind },
    };

    /// <summary>The content as sent: texts trimmed, a button's or row's missing id made from its title.</summary>
    public RichContent ToContent() => Kind switch
    {
        RichMessageKind.Buttons => new RichContent
        {
            Type = RichContentType.QuickReply,
            Body = Body.Trim(),
            Buttons = Buttons.Select(b => new RichButton(RichButtonKind.QuickReply, b.Title.Trim(), IdOf(b.Id, b.Title))).ToList(),
        },
        RichMessageKind.List => new RichContent
        {
            Type = RichContentType.ListPicker,
            Body = Body.Trim(),
            ListButton = ListButton.Trim(),
            Items = Rows.Select(r => new RichListItem(IdOf(r.Id, r.Title), r.Title.Trim(), Blank(r.Description))).ToList(),
        },
        _ => new RichContent
        {
            Type = RichContentType.Location,
            Latitude = Latitude,
            Longitude = Longitude,
            Label = Blank(Label),
            Address = Blank(Address),
        },
    };

    /// <summary>A received content as a form, so the server checks it with the rules the composer shows.</summary>
    public static RichMessageDraft? From(RichContent content) => content.Type switch
    {
        RichContentType.QuickReply => new RichMessageDraft
        {
            Kind = RichMessageKind.Buttons,
            Body = content.Body ?? "",
            Buttons = (content.Buttons ?? []).Select(b => new RichButtonDraft
            {
                Title = b.Kind == RichButtonKind.QuickReply ? b.Title ?? "" : "",
                Id = b.Id ?? "",
            }).ToList(),
        },
        RichContentType.ListPicker => new RichMessageDraft
        {
            Kind = RichMessageKind.List,
            Body = content.Body ?? "",
            ListButton = content.ListButton ?? "",
            Rows = (content.Items ?? []).Select(i => new RichRowDraft { Id = i.Id ?? "", Title = i.Item ?? "", Description = i.Description ?? "" }).ToList(),
        },
        RichContentType.Location => new RichMessageDraft
        {
            Kind = RichMessageKind.Location,
            Latitude = content.Latitude,
            Longitude = content.Longitude,
            Label = content.Label ?? "",
            Address = content.Address ?? "",
        },
        _ => null,
    };

    /// <summary>
    /// The id a button or row gets when the agent leaves it empty: its title in lowercase, spaces as hyphens
    /// ("Billing question" → "billing-question"), so a routing rule can name it.
    /// </summary>
    public static string IdFromTitle(string? title)
    {
        var text = (title ?? "").Trim().ToLowerInvariant();
        var id = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c)) id.Append(c);
            else if ((char.IsWhiteSpace(c) || c is '-' or '_') && id.Length > 0 && id[^1] != '-') id.Append('-');
        }
        var result = id.ToString().Trim('-');
        return result.Length > RichMessageLimits.MaxIdLength ? result[..RichMessageLimits.MaxIdLength] : result;
    }

    private static string IdOf(string? id, string? title) => string.IsNullOrWhiteSpace(id) ? IdFromTitle(title) : id.Trim();

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The text a list or preview shows for a rich message (its body; a location's name, address or coordinates).</summary>
    public static string PreviewOf(RichContent content) => content.Type == RichContentType.Location
        ? content.Label ?? content.Address ?? string.Create(CultureInfo.InvariantCulture, $"{content.Latitude:0.######}, {content.Longitude:0.######}")
        : content.Body;
}

public sealed class RichButtonDraft
{
    public string Title { get; set => field = value ?? ""; } = "";
    /// <summary>What comes back when the customer taps it; empty: made from the title.</summary>
    public string Id { get; set => field = value ?? ""; } = "";
}

public sealed class RichRowDraft
{
    public string Title { get; set => field = value ?? ""; } = "";
    public string Id { get; set => field = value ?? ""; } = "";
    public string Description { get; set => field = value ?? ""; } = "";
}

/// <summary>WhatsApp's limits for in-session interactive messages (Twilio's twilio/quick-reply, twilio/list-picker, twilio/location).</summary>
public static class RichMessageLimits
{
    /// <summary>The text above buttons or a list.</summary>
    public const int MaxBodyLength = 1024;
    /// <summary>Reply buttons in a session message (a template may have 10).</summary>
    public const int MaxButtons = 3;
    public const int MaxButtonTitleLength = 20;
    /// <summary>A button's or row's payload.</summary>
    public const int MaxIdLength = 200;
    public const int MaxListButtonLength = 20;
    public const int MaxRows = 10;
    public const int MaxRowTitleLength = 24;
    public const int MaxRowDescriptionLength = 72;
    /// <summary>The console's own bounds for a place's name and address (WhatsApp shows them in one or two lines).</summary>
    public const int MaxLabelLength = 100;
    public const int MaxAddressLength = 300;
}

public sealed class RichMessageDraftValidator : AbstractValidator<RichMessageDraft>
{
    public RichMessageDraftValidator(IStringLocalizer<Strings> L)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        When(x => x.Kind != RichMessageKind.Location, () =>
        {
            RuleFor(x => x.Body).Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage(_ => L["Write the text of the message."])
                .Must(b => b.Trim().Length <= RichMessageLimits.MaxBodyLength).WithMessage(_ => L["Use at most {0} characters.", RichMessageLimits.MaxBodyLength]);
        });

        When(x => x.Kind == RichMessageKind.Buttons, () =>
        {
            RuleFor(x => x.Buttons).Must(b => b.Count >= 1).WithMessage(_ => L["Add at least one button."])
                .Must(b => b.Count <= RichMessageLimits.MaxButtons).WithMessage(_ => L["WhatsApp allows at most {0} buttons in a reply.", RichMessageLimits.MaxButtons])
                .Must(b => Distinct(b.Select(x => x.Title))).WithMessage(_ => L["Each button needs its own title."])
                .Must(b => Distinct(b.Select(x => IdOrTitle(x.Id, x.Title)))).WithMessage(_ => L["Each button needs its own id."]);
            // Every button is checked, not only up to the first that fails.
            RuleForEach(x => x.Buttons).Cascade(CascadeMode.Continue).ChildRules(button =>
            {
                button.RuleLevelCascadeMode = CascadeMode.Stop;
                button.RuleFor(b => b.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => L["Enter the button's title."])
                    .Must(t => t.Trim().Length <= RichMessageLimits.MaxButtonTitleLength).WithMessage(_ => L["Use at most {0} characters.", RichMessageLimits.MaxButtonTitleLength]);
                button.RuleFor(b => b.Id).Must(id => id.Trim().Length <= RichMessageLimits.MaxIdLength).WithMessage(_ => L["Use at most {0} characters.", RichMessageLimits.MaxIdLength])
                    .Must((b, id) => !string.IsNullOrWhiteSpace(id) || RichMessageDraft.IdFromTitle(b.Title).Length > 0).WithMessage(_ => L["Enter an id: the title has no letters or digits to make one from."]);
            });
        });

        When(x => x.Kind == RichMessageKind.List, () =>
        {
            RuleFor(x => x.ListButton).Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage(_ => L["Enter the text of the button that opens the list."])
                .Must(b => b.Trim().Length <= RichMessageLimits.MaxListButtonLength).WithMessage(_ => L["Use at most {0} characters.", RichMessageLimits.MaxListButtonLength]);
            RuleFor(x => x.Rows).Must(r => r.Count >= 1).WithMessage(_ => L["Add at least one row."])
                .Must(r => r.Count <= RichMessageLimits.MaxRows).WithMessage(_ => L["WhatsApp allows at most {0} rows in a list.", RichMessageLimits.MaxRows])
                .Must(r => Distinct(r.Select(x => IdOrTitle(x.Id, x.Title)))).WithMessage(_ => L["Each row needs its own id."]);
            RuleForEach(x => x.Rows).Cascade(CascadeMode.Continue).ChildRules(row =>
            {
                row.RuleLevelCascadeMode = CascadeMode.Stop;
                row.RuleFor(r => r.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => L["Enter the row's title."])
                    .Must(t => t.Trim().Length <= RichMessageLimits.MaxRowTitleLength).WithMessage(_ => L["Use at most {0} characters.", RichMessageLimits.MaxRowTitleLength]);
                row.RuleFor(r => r.Id).Must(id => id.Trim().Length <= RichMessageLimits.MaxIdLength).WithMessage(_ => L["Use at most {0} characters.", RichMessageLimits.MaxIdLength])
                    .Must((r, id) => !string.IsNullOrWhiteSpace(id) || RichMessageDraft.IdFromTitle(r.Title).Length > 0).WithMessage(_ => L["Enter an id: the title has no letters or digits to make one from."]);
                row.RuleFor(r => r.Description).Must(d => d.Trim().Length <= RichMessageLimits.MaxRowDescriptionLength)
                    .WithMessage(_ => L["Use at most {0} characters.", RichMessageLimits.MaxRowDescriptionLength]);
            });
        });

        When(x => x.Kind == RichMessageKind.Location, () =>
        {
            RuleFor(x => x.Latitude).NotNull().WithMessage(_ => L["Enter the latitude."])
                .InclusiveBetween(-90, 90).WithMessage(_ => L["A latitude is between -90 and 90."]);
            RuleFor(x => x.Longitude).NotNull().WithMessage(_ => L["Enter the longitude."])
                .InclusiveBetween(-180, 180).WithMessage(_ => L["A longitude is between -180 and 180."]);
            RuleFor(x => x.Label).Must(t => t.Trim().Length <= RichMessageLimits.MaxLabelLength).WithMessage(_ => L["Use at most {0} characters.", RichMessageLimits.MaxLabelLength]);
            RuleFor(x => x.Address).Must(t => t.Trim().Length <= RichMessageLimits.MaxAddressLength).WithMessage(_ => L["Use at most {0} characters.", RichMessageLimits.MaxAddressLength]);
        });
    }

    private static string IdOrTitle(string id, string title) => string.IsNullOrWhiteSpace(id) ? RichMessageDraft.IdFromTitle(title) : id.Trim();

    private static bool Distinct(IEnumerable<string> values)
    {
        var list = values.Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        return list.Distinct(StringComparer.OrdinalIgnoreCase).Count() == list.Count;
    }
}
