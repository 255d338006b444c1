using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Web.Components.Shared;

/// <summary>Display names of enumerations and role names, each through the string table.</summary>
public static class Labels
{
    public static string Role(IStringLocalizer<Strings> L, string role) => role switch
    {
        Roles.Admin => L["Admin"],
        Roles.Supervisor => L["Supervisor"],
        Roles.Agent => L["Agent"],
        _ => role,
    };

    public static string Presence(IStringLocalizer<Strings> L, Presence presence) => presence switch
    {
        Core.Users.Presence.Available => L["Available"],
        Core.Users.Presence.Busy => L["Busy"],
        Core.Users.Presence.DoNotDisturb => L["Do not disturb"],
        Core.Users.Presence.Away => L["Away"],
        Core.Users.Presence.Offline => L["Offline"],
        _ => presence.ToString(),
    };

    /// <summary>Presence values in the order a supervisor reads them: who can take work first.</summary>
    public static readonly Presence[] Presences =
        [Core.Users.Presence.Available, Core.Users.Presence.Busy, Core.Users.Presence.DoNotDisturb, Core.Users.Presence.Away, Core.Users.Presence.Offline];

    public static string Mode(IStringLocalizer<Strings> L, DistributionMode mode) => mode switch
    {
        DistributionMode.Push => L["Push"],
        DistributionMode.Pick => L["Pick"],
        _ => mode.ToString(),
    };

    public static string Day(IStringLocalizer<Strings> L, BusinessDays day) => day switch
    {
        BusinessDays.Monday => L["Mon"],
        BusinessDays.Tuesday => L["Tue"],
        BusinessDays.Wednesday => L["Wed"],
        BusinessDays.Thursday => L["Thu"],
        BusinessDays.Friday => L["Fri"],
        BusinessDays.Saturday => L["Sat"],
        BusinessDays.Sunday => L["Sun"],
        _ => day.ToString(),
    };

    public static readonly BusinessDays[] Week =
    [
        BusinessDays.Monday, BusinessDays.Tuesday, BusinessDays.Wednesday, BusinessDays.Thursday,
        BusinessDays.Friday, BusinessDays.Saturday, BusinessDays.Sunday,
    ];

    public static string Days(IStringLocalizer<Strings> L, BusinessDays days) =>
        string.Join(", ", Week.Where(d => days.HasFlag(d)).Select(d => Day(L, d)));
    /// <summary>
    /// A template's standing with WhatsApp as a label ("Pending approval"): the template studio's own words, capitalised
    /// in the reader's culture. An unchecked one without a Content SID was typed here and never submitted.
    /// </summary>
    public static string Approval(IStringLocalizer<Strings> L, TemplateApproval approval, bool hasContentSid = true, bool removedAtTwilio = false)
    {
        string text = removedAtTwilio ? L["removed at Twilio"]
            : approval == TemplateApproval.Unknown ? (hasContentSid ? L["Not checked"] : L["Not submitted"])
            : TemplateApprovals.Label(L, approval);
        return text.Length == 0 ? text : char.ToUpper(text[0], System.Globalization.CultureInfo.CurrentUICulture) + text[1..];
    }

    public static string Category(IStringLocalizer<Strings> L, TemplateCategory category) => category switch
    {
        TemplateCategory.Utility => L["Utility"],
        TemplateCategory.Marketing => L["Marketing"],
        TemplateCategory.Authentication => L["Authentication"],
        _ => category.ToString(),
    };

    public static string ContentType(IStringLocalizer<Strings> L, RichContentType type) => type switch
    {
        RichContentType.Text => L["Text"],
        RichContentType.Media => L["Media"],
        RichContentType.QuickReply => L["Quick reply buttons"],
        RichContentType.CallToAction => L["Call to action"],
        RichContentType.ListPicker => L["List picker"],
        RichContentType.Card => L["Card"],
        RichContentType.Location => L["Location"],
        _ => type.ToString(),
    };
}
