using Microsoft.Extensions.Localization;
using MudBlazor;
using OmniWhatsApp.Core.Localization;

namespace OmniWhatsApp.Web.Hosting;

/// <summary>
/// MudBlazor's own texts (a grid's "Sort" and column menu, a dialog's "Close") from the product's string table, so they
/// are in the reader's language too. Keys MudBlazor uses that the console never shows keep MudBlazor's English.
/// </summary>
public sealed class OmniMudLocalizer(IStringLocalizer<Strings> L) : MudLocalizer
{
    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        ["MudDataGrid_Sort"] = "Sort",
        ["MudDataGrid_Unsort"] = "Remove sort",
        ["MudDataGrid_ShowColumnOptions"] = "Column options",
        ["MudDataGrid_Hide"] = "Hide",
        ["MudDataGrid_HideAll"] = "Hide all",
        ["MudDataGrid_ShowAll"] = "Show all",
        ["MudDataGrid_Columns"] = "Columns",
        ["MudDataGrid_Column"] = "Column",
        ["MudDataGrid_Filter"] = "Filter",
        ["MudDataGrid_Group"] = "Group",
        ["MudDataGrid_Ungroup"] = "Ungroup",
        ["MudDataGrid_Loading"] = "Loading…",
        ["MudDataGrid_Apply"] = "Apply",
        ["MudDataGrid_Cancel"] = "Cancel",
        ["MudDataGrid_Clear"] = "Clear",
        ["MudDialog_Close"] = "Close",
        ["MudAlert_Close"] = "Close",
        ["MudChip_Close"] = "Remove",
    };

    /// <summary>The English keys of the string table this localizer uses, for the tests that check the table.</summary>
    public static IEnumerable<string> Keys => Texts.Values.Distinct();

    public override LocalizedString this[string key] =>
        Texts.TryGetValue(key, out var text) ? new LocalizedString(key, L[text]) : base[key];
}
