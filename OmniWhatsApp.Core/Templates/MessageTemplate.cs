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
}
