namespace OmniWhatsApp.Core.Workstreams;

/// <summary>
/// Whether a moment falls within a channel's business hours, in the channel's time zone. Hours that end before
/// they start run overnight (22:00–06:00): the night belongs to the business day it starts on.
/// </summary>
public static class BusinessHours
{
    public static bool IsOpen(Behaviours behaviours, DateTimeOffset now)
    {
        if (behaviours.BusinessHoursStart is not { } start || behaviours.BusinessHoursEnd is not { } end) return true;
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(behaviours.TimeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var today = local.DayOfWeek;
        if (start < end) return IsBusinessDay(behaviours.BusinessDays, today) && time >= start && time < end;
        var yesterday = (DayOfWeek)(((int)today + 6) % 7);
        return (time >= start && IsBusinessDay(behaviours.BusinessDays, today))
            || (time < end && IsBusinessDay(behaviours.BusinessDays, yesterday));
    }

    private static bool IsBusinessDay(BusinessDays days, DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => days.HasFlag(BusinessDays.Monday),
        DayOfWeek.Tuesday => days.HasFlag(BusinessDays.Tuesday),
        DayOfWeek.Wednesday => days.HasFlag(BusinessDays.Wednesday),
        DayOfWeek.Thursday => days.HasFlag(BusinessDays.Thursday),
        DayOfWeek.Friday => days.HasFlag(BusinessDays.Friday),
        DayOfWeek.Saturday => days.HasFlag(BusinessDays.Saturday),
        _ => days.HasFlag(BusinessDays.Sunday),
    };
}
