using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Core.Templates;

/// <summary>A WhatsApp-approved message template of a workstream.</summary>
public class MessageTemplate
{
    public int Id { get; set; }
    public int WorkstreamId { get; set; }
    public Workstream? Workstream { get; set; }
    public required string Name { get; set; }
    public required string Language { get; set; }

    /// <summary>The approved text, with <c>{{1}}</c>, <c>{{2}}</c>… placeholders.</summary>
    public required string Body { get; set; }

    /// <summary>Twilio Content SID (<c>HX…</c>) when the template lives in Twilio's Content API.</summary>
    public string? ContentSid { get; set; }

    /// <summary>
    /// Example values per placeholder as Twilio's Content API holds them (JSON, <c>{"1":"Sarah","2":"#1042"}</c>); imported
    /// by the template sync and offered as hints when an agent fills the template in. Null for a template typed here.
    /// </summary>
    public string? SampleValues { get; set; }

    /// <summary>The Content API type; <see cref="RichContentType.Text"/> for a template typed or synced as text.</summary>
    public RichContentType ContentType { get; set; }

    /// <summary>The template as built in the studio (<see cref="RichContent"/> as JSON, its text also in <see cref="Body"/>); null for text.</summary>
    public string? Definition { get; set; }

    public TemplateCategory? Category { get; set; }

    /// <summary>WhatsApp's approval as last read from Twilio (or Draft, for one not submitted).</summary>
    public TemplateApproval Approval { get; set; }

    /// <summary>Why WhatsApp rejected it, in Twilio's words.</summary>
    public string? RejectionReason { get; set; }

    /// <summary>When the approval was last read from Twilio.</summary>
    public DateTimeOffset? ApprovalCheckedAt { get; set; }

    /// <summary>When <see cref="Approval"/> last changed.</summary>
    public DateTimeOffset? ApprovalChangedAt { get; set; }

    /// <summary>When a sync found its Content SID gone from Twilio (the row stays: messages may refer to it).</summary>
    public DateTimeOffset? RemovedAtTwilioAt { get; set; }

    /// <summary>
    /// Built in the template studio or gone to WhatsApp from it (or read with its approval by a sync): edited in the
    /// studio, where its definition, samples and approval live; the wizard's text-only editor leaves it alone.
    /// </summary>
    public bool IsManagedInStudio() => ContentType != RichContentType.Text || Definition is not null || Approval != TemplateApproval.Unknown;
}
