namespace OmniWhatsApp.Core.Numbers;

/// <summary>A number as the workstream wizard sees it: who, if anyone, already uses it.</summary>
public sealed record NumberOption(int Id, string DisplayName, string Number, string AccountName, int? BoundToWorkstreamId);

public static class NumberAvailability
{
    /// <summary>
    /// The numbers a workstream may pick: those bound to no workstream, plus the one it already has
    /// (so editing the setup keeps its own number selectable).
    /// </summary>
    public static IReadOnlyList<NumberOption> AvailableFor(int workstreamId, IEnumerable<NumberOption> numbers) =>
        numbers.Where(n => n.BoundToWorkstreamId is null || n.BoundToWorkstreamId == workstreamId)
            .OrderBy(n => n.AccountName).ThenBy(n => n.DisplayName)
            .ToList();
}
