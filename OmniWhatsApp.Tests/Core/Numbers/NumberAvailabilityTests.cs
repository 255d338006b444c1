using OmniWhatsApp.Core.Numbers;

namespace OmniWhatsApp.Tests.Core.Numbers;

public sealed class NumberAvailabilityTests
{
    private const int ThisWorkstream = 1;
    private const int OtherWorkstream = 2;

    [Fact]
    public void Number_bound_to_another_workstream_is_not_offered()
    {
        var numbers = new[] { Option(10, "Sales line", boundTo: OtherWorkstream) };

        Assert.Empty(NumberAvailability.AvailableFor(ThisWorkstream, numbers));
    }

    [Fact]
    public void Workstreams_own_number_stays_selectable()
    {
        var numbers = new[] { Option(10, "Support line", boundTo: ThisWorkstream) };

        Assert.Equal([10], NumberAvailability.AvailableFor(ThisWorkstream, numbers).Select(n => n.Id));
    }

    [Fact]
    public void Unbound_numbers_are_offered()
    {
        var numbers = new[] { Option(10, "Spare", boundTo: null) };

        Assert.Equal([10], NumberAvailability.AvailableFor(ThisWorkstream, numbers).Select(n => n.Id));
    }

    [Fact]
    public void Offers_own_and_free_numbers_sorted_by_account_then_name()
    {
        var numbers = new[]
        {
            Option(1, "Zulu", boundTo: null, account: "Beta"),
            Option(2, "Taken", boundTo: OtherWorkstream, account: "Alpha"),
            Option(3, "Mine", boundTo: ThisWorkstream, account: "Beta"),
            Option(4, "Spare", boundTo: null, account: "Alpha"),
        };

        var available = NumberAvailability.AvailableFor(ThisWorkstream, numbers);

        Assert.Equal([4, 3, 1], available.Select(n => n.Id));
    }

    private static NumberOption Option(int id, string name, int? boundTo, string account = "Account") =>
        new(id, name, $"+1415523{id:0000}", account, boundTo);
}
