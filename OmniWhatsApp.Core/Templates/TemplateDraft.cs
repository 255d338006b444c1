namespace OmniWhatsApp.Core.Templates;

/// <summary>
/// A template as the template studio edits it (mutable for the form's binding); <see cref="ToContent"/> gives the
/// <see cref="RichContent"/> it becomes at Twilio. Only the parts of its <see cref="Type"/> are used.
/// </summary>
public sealed class TemplateDraftInput
{
    /// <summary>Null for a new template.</summary>
    public int? Id { get; set; }
    public int WorkstreamId { get; set; }
    public string Name { get; set; } = "";
    public string Language { get; set; } = "en";
    public TemplateCategory Category { get; set; } = TemplateCategory.Utility;
    public RichContentType Type { get; set; } = RichContentType.Text;
    public string Body { get; set; } = "";
    public string? MediaUrl { get; set; }
    /// <summary>Card: the small line under the card's text (the card's text, Twilio's card <c>title</c>, is <see cref="Body"/>).</summary>
    public string? Subtitle { get; set; }
    public string? ListButton { get; set; }
    public List<RichButtonInput> Buttons { get; set; } = [];
    public List<RichListItemInput> Items { get; set; } = [];

    /// <summary>One sample value per <c>{{n}}</c>, in order (index 0 is <c>{{1}}</c>): WhatsApp's reviewers require them.</summary>
    public List<string> Samples { get; set; } = [];

    /// <summary>What the template stands at with WhatsApp when it was read (for the page; saving ignores it).</summary>
    public TemplateApproval Approval { get; set; } = TemplateApproval.Draft;

    /// <summary>The Content SID of the last submission, if any (for the page; saving ignores it).</summary>
    public string? ContentSid { get; set; }

    /// <summary>The content as Twilio gets it: trimmed, with only the parts of <see cref="Type"/>.</summary>
    public RichContent ToContent()
    {
        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        var buttons = Type is RichContentType.QuickReply or RichContentType.CallToAction or RichContentType.Card
            ? Buttons.Select(b => new RichButton(b.Kind, b.Title.Trim(),
                b.Kind == RichButtonKind.QuickReply ? Clean(b.Id) : null,
                b.Kind == RichButtonKind.Url ? Clean(b.Url) : null,
                b.Kind == RichButtonKind.PhoneNumber ? Clean(b.Phone) : null)).ToList()
            : [];
        return new RichContent
        {
            Type = Type,
            Body = Body.Trim(),
            MediaUrl = Type is RichContentType.Media or RichContentType.Card ? Clean(MediaUrl) : null,
            Subtitle = Type == RichContentType.Card ? Clean(Subtitle) : null,
            Buttons = buttons,
            ListButton = Type == RichContentType.ListPicker ? Clean(ListButton) : null,
            Items = Type == RichContentType.ListPicker
                ? Items.Select(i => new RichListItem(i.Id.Trim(), i.Item.Trim(), Clean(i.Description))).ToList()
                : [],
        };
    }

    /// <summary>The studio's form for a stored template (a text one when it has no definition).</summary>
    public static TemplateDraftInput From(MessageTemplate t)
    {
        var content = RichContentJson.Deserialize(t.Definition) ?? new RichContent { Type = t.ContentType, Body = t.Body };
        var count = TemplatePlaceholders.Scan(t.Body).VariableCount;
        return new TemplateDraftInput
        {
            Id = t.Id,
            WorkstreamId = t.WorkstreamId,
            Name = t.Name,
            Language = t.Language,
            Category = t.Category ?? TemplateCategory.Utility,
            Type = content.Type,
            Body = t.Body,
            MediaUrl = content.MediaUrl,
            Subtitle = content.Subtitle,
            ListButton = content.ListButton,
            Buttons = content.Buttons.Select(b => new RichButtonInput { Kind = b.Kind, Title = b.Title, Id = b.Id, Url = b.Url, Phone = b.Phone }).ToList(),
            Items = content.Items.Select(i => new RichListItemInput { Id = i.Id, Item = i.Item, Description = i.Description }).ToList(),
            Samples = TemplatePlaceholders.Samples(t.SampleValues, count).Select(s => s ?? "").ToList(),
            Approval = t.Approval,
            ContentSid = t.ContentSid,
        };
    }
}

public sealed class RichButtonInput
{
    public RichButtonKind Kind { get; set; }
    public string Title { get; set; } = "";
    /// <summary>A reply button's payload.</summary>
    public string? Id { get; set; }
    /// <summary>A link button's https address.</summary>
    public string? Url { get; set; }
    /// <summary>A call button's number, +E.164.</summary>
    public string? Phone { get; set; }
}

public sealed class RichListItemInput
{
    public string Id { get; set; } = "";
    public string Item { get; set; } = "";
    public string? Description { get; set; }
}

/// <summary>A template on the studio's list.</summary>
public sealed record TemplateSummary(
    int Id,
    int WorkstreamId,
    string WorkstreamName,
    string Name,
    string Language,
    RichContentType Type,
    TemplateCategory? Category,
    TemplateApproval Approval,
    string? RejectionReason,
    string? ContentSid,
    DateTimeOffset? ApprovalCheckedAt,
    DateTimeOffset? ApprovalChangedAt,
    bool RemovedAtTwilio);
