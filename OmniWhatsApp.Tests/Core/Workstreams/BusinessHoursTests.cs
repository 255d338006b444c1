using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Tests.Core.Workstreams;

public sealed class BusinessHoursTests
{
    // Monday 23 November 2026.
    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    private static Behaviours Hours(int start, int end, BusinessDays days = BusinessDays.Weekdays, string zone = "UTC") => new()
    {
        BusinessHoursStart = new TimeOnly(start, 0),
        BusinessHoursEnd = new TimeOnly(end, 0),
        BusinessDays = days,
        TimeZoneId = zone,
    };

    [Fact]
    public void Without_hours_the_channel_is_always_open() =>
        Assert.True(BusinessHours.IsOpen(new Behaviours(), Utc(29, 3)));

    [Theory]
    [InlineData(23, 8, 59, false)]
    [InlineData(23, 9, 0, true)]
    [InlineData(23, 16, 59, true)]
    [InlineData(23, 17, 0, false)]
    [InlineData(28, 12, 0, false)] // Saturday
    public void Hours_start_inclusive_end_exclusive_on_business_days(int day, int hour, int minute, bool open) =>
        Assert.Equal(open, BusinessHours.IsOpen(Hours(9, 17), Utc(day, hour, minute)));

    [Fact]
    public void Hours_are_read_in_the_channel_s_time_zone()
    {
        var berlin = Hours(9, 17, zone: "Europe/Berlin");

        Assert.False(BusinessHours.IsOpen(berlin, Utc(23, 7, 30)));  // 08:30 in Berlin
        Assert.True(BusinessHours.IsOpen(berlin, Utc(23, 8, 30)));   // 09:30 in Berlin
        Assert.False(BusinessHours.IsOpen(berlin, Utc(23, 16, 30))); // 17:30 in Berlin
    }

    [Fact]
    public void Overnight_hours_belong_to_the_day_they_start()
    {
        var nights = Hours(22, 6, BusinessDays.Friday);

        Assert.True(BusinessHours.IsOpen(nights, Utc(27, 23)));  // Friday 23:00
        Assert.True(BusinessHours.IsOpen(nights, Utc(28, 5)));   // Saturday 05:00, Friday's night
        Assert.False(BusinessHours.IsOpen(nights, Utc(28, 23))); // Saturday 23:00
        Assert.False(BusinessHours.IsOpen(nights, Utc(27, 5)));  // Friday 05:00, Thursday's night
    }
}
