namespace OmniWhatsApp.Core.Templates;

/// <summary>Why a template cannot be sent now (the picker says so; the server refuses it).</summary>
public enum TemplateBlock
{
    None,
    /// <summary>Built in the studio and not submitted (or its approval request failed).</summary>
    NotSubmitted,
    /// <summary>A sync found its Content SID gone from Twilio.</summary>
    RemovedAtTwilio,
    /// <summary>Received or pending at WhatsApp.</summary>
    PendingApproval,
    Rejected,
    Paused,
    Disabled,
    /// <summary>Live Twilio takes a template outside the window only by its Content SID, and it has none.</summary>
    NeedsContentSid,
}

/// <summary>
/// Which templates may be sent when: the one home of the rule the composer's picker and <c>OutboundService</c> both
/// apply. Inside the 24-hour window every template but a draft or one removed at Twilio (Twilio sends unapproved
/// content in a session). Outside it, a template with a Content SID only once WhatsApp approved it — in live mode
/// and in emulator/demo mode alike — or while its approval was never read (a SID typed in by hand: Twilio decides);
/// a template without one goes out as text in emulator/demo mode (hand-typed demo templates) and not at all in live mode.
/// </summary>
public static class TemplateAvailability
{
    public static TemplateBlock For(MessageTemplate template, bool live, bool windowOpen) =>
        windowOpen ? Always(template) : OutsideWindow(template, live);

    /// <summary>What stops the template at any time.</summary>
    public static TemplateBlock Always(MessageTemplate template) =>
        template.RemovedAtTwilioAt is not null && !string.IsNullOrWhiteSpace(template.ContentSid) ? TemplateBlock.RemovedAtTwilio
        : template.Approval == TemplateApproval.Draft ? TemplateBlock.NotSubmitted
        : TemplateBlock.None;

    /// <summary>What stops the template outside the window.</summary>
    public static TemplateBlock OutsideWindow(MessageTemplate template, bool live)
    {
        if (Always(template) is not TemplateBlock.None and var always) return always;
        if (string.IsNullOrWhiteSpace(template.ContentSid)) return live ? TemplateBlock.NeedsContentSid : TemplateBlock.None;
        return template.Approval switch
        {
            TemplateApproval.Received or TemplateApproval.Pending => TemplateBlock.PendingApproval,
            TemplateApproval.Rejected => TemplateBlock.Rejected,
            TemplateApproval.Paused => TemplateBlock.Paused,
            TemplateApproval.Disabled => TemplateBlock.Disabled,
            _ => TemplateBlock.None,
        };
    }

    /// <summary>WhatsApp bills every message of these categories (since July 2025), not only outside the window.</summary>
    public static bool BilledPerMessage(TemplateCategory? category) => category is TemplateCategory.Marketing or TemplateCategory.Authentication;
}
