using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;

namespace OmniWhatsApp.Web.Components.Shared;

public static class Duration
{
    /// <summary>"= 1 day 2 h 30 min" for a number of minutes, so an admin sees what 1470 means.</summary>
    public static string Describe(IStringLocalizer<Strings> L, int minutes)
    {
        if (minutes <= 0) return "";
        var span = TimeSpan.FromMinutes(minutes);
        var parts = new List<string>();
        if (span.Days > 0) parts.Add(L["{0} d", span.Days]);
        if (span.Hours > 0) parts.Add(L["{0} h", span.Hours]);
        if (span.Minutes > 0) parts.Add(L["{0} min", span.Minutes]);
        return "= " + string.Join(" ", parts);
    }
}
