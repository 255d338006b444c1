using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Core.Templates;

/// <summary>Twilio's approval words and the console's <see cref="TemplateApproval"/>, and how a reading is applied to a template.</summary>
public static class TemplateApprovals
{
    /// <summary>Twilio's status ("received", "pending", "approved", "rejected", "paused", "disabled"); null for none ("unsubmitted", unknown words).</summary>
    public static TemplateApproval? Parse(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "received" => TemplateApproval.Received,
        "pending" => TemplateApproval.Pending,
        "approved" => TemplateApproval.Approved,
        "rejected" => TemplateApproval.Rejected,
        "paused" => TemplateApproval.Paused,
        "disabled" => TemplateApproval.Disabled,
        _ => null,
    };

    /// <summary>The approval in the reader's language, in lower case for use inside a sentence ("pending approval").</summary>
    public static string Label(IStringLocalizer<Strings> L, TemplateApproval approval) => approval switch
    {
        TemplateApproval.Draft => L["draft"],
        TemplateApproval.Received => L["received"],
        TemplateApproval.Pending => L["pending approval"],
        TemplateApproval.Approved => L["approved"],
        TemplateApproval.Rejected => L["rejected"],
        TemplateApproval.Paused => L["paused"],
        TemplateApproval.Disabled => L["disabled"],
        _ => L["not known"],
    };

    /// <summary>Twilio's category word (UTILITY, MARKETING, AUTHENTICATION) in any case; null for none or another.</summary>
    public static TemplateCategory? ParseCategory(string? category) => category?.Trim().ToUpperInvariant() switch
    {
        "UTILITY" => TemplateCategory.Utility,
        "MARKETING" => TemplateCategory.Marketing,
        "AUTHENTICATION" => TemplateCategory.Authentication,
        _ => null,
    };

    /// <summary>Waiting for WhatsApp: the background refresh reads these often.</summary>
    public static bool IsUnderReview(TemplateApproval approval) => approval is TemplateApproval.Received or TemplateApproval.Pending;

    /// <summary>
    /// Records a reading of WhatsApp's approval on <paramref name="template"/>: the status (when Twilio gave one), the
    /// rejection reason (kept only while rejected), the category WhatsApp settled on, when it was read and — when
    /// the status or the reason changed — when it changed. Returns whether the approval changed (publish
    /// <see cref="Changed"/> once saved).
    /// </summary>
    public static bool Apply(MessageTemplate template, TwilioApproval reading, DateTimeOffset now)
    {
        template.ApprovalCheckedAt = now;
        if (ParseCategory(reading.Category) is { } category) template.Category = category;
        if (Parse(reading.Status) is not { } approval) return false;
        var reason = approval == TemplateApproval.Rejected && !string.IsNullOrWhiteSpace(reading.RejectionReason) ? reading.RejectionReason.Trim() : null;
        return Set(template, approval, reason, now);
    }

    /// <summary>Sets the approval; whether it changed (publish <see cref="Changed"/> once saved).</summary>
    public static bool Set(MessageTemplate template, TemplateApproval approval, string? reason, DateTimeOffset now)
    {
        if (template.Approval == approval && template.RejectionReason == reason) return false;
        template.Approval = approval;
        template.RejectionReason = reason;
        template.ApprovalChangedAt = now;
        return true;
    }

    /// <summary>The live event for a saved template whose approval changed.</summary>
    public static TemplateApprovalChanged Changed(MessageTemplate template) =>
        new(template.Id, template.WorkstreamId, template.Name, template.Language, template.Approval, template.RejectionReason,
            template.ApprovalChangedAt ?? DateTimeOffset.UtcNow);
}
