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

    /// <summary>
    /// A time span in its two largest units, for waits and countdowns: "45 s", "12 min 5 s", "1 h 4 min", "2 d 3 h".
    /// Negative spans read as zero.
    /// </summary>
    public static string Short(IStringLocalizer<Strings> L, TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalMinutes < 1) return L["{0} s", span.Seconds];
        if (span.TotalHours < 1) return $"{L["{0} min", span.Minutes]} {L["{0} s", span.Seconds]}";
        if (span.TotalDays < 1) return $"{L["{0} h", span.Hours]} {L["{0} min", span.Minutes]}";
        return $"{L["{0} d", (int)span.TotalDays]} {L["{0} h", span.Hours]}";
    }
}
