using System.Text.RegularExpressions;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Localization;

/// <summary>
/// Every key the code asks the localizer for is in Strings.resx. When this fails after adding text, run
/// <c>OMNI_SYNC_STRINGS=1 ./build/test.sh --filter StringTable</c>: it adds the missing keys (English value = key)
/// and the test passes; commit the changed Strings.resx.
/// </summary>
public sealed class StringTableTests
{
    private const string SyncVariable = "OMNI_SYNC_STRINGS";

    /// <summary>Keys the code builds at run time, which no scan can see: role names (MainLayout, Home), language names, MudBlazor's texts.</summary>
    private static readonly IReadOnlyList<string> RuntimeKeys =
        [.. Roles.All, .. Languages.All.Select(l => l.EnglishName), .. OmniWhatsApp.Web.Hosting.OmniMudLocalizer.Keys];

    [Fact]
    public void Every_key_the_code_uses_is_in_the_string_table()
    {
        var uses = StringTable.ScanSource();
        var needed = uses.Where(u => !u.Interpolated).Select(u => u.Key).Concat(RuntimeKeys).Distinct().ToList();

        if (Environment.GetEnvironmentVariable(SyncVariable) == "1") StringTable.AddMissing(needed);

        var table = StringTable.Read();
        var missing = needed.Where(k => !table.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0,
            $"{missing.Count} key(s) are missing from {Path.GetRelativePath(RepositoryPaths.Root, StringTable.ResxPath)}. " +
            $"Run `{SyncVariable}=1 ./build/test.sh --filter StringTable` to add them, or add them by hand:\n" +
            string.Join("\n", missing.Select(k => $"  \"{k}\"   ({WhereUsed(uses, k)})")));
    }

    [Fact]
    public void No_two_keys_differ_only_in_case()
    {
        // The resource compiler treats names case-insensitively and drops the second one, whose text then never shows.
        var clashes = StringTable.Read().Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => string.Join(" / ", g)).ToList();
        Assert.True(clashes.Count == 0, "Keys that differ only in case: " + string.Join(", ", clashes));
    }

    private static string WhereUsed(IReadOnlyList<StringTable.KeyUse> uses, string key)
    {
        var places = uses.Where(u => u.Key == key).Select(u => u.ToString()).ToList();
        return places.Count == 0 ? "built at run time" : "used at " + string.Join(", ", places.Take(3)) + (places.Count > 3 ? ", …" : "");
    }

    [Fact]
    public void Keys_are_literal_text_not_interpolated_strings()
    {
        var interpolated = StringTable.ScanSource().Where(u => u.Interpolated).ToList();

        Assert.True(interpolated.Count == 0,
            "An interpolated key cannot be in the string table; use a {0} placeholder and pass the value: L[\"… {0} …\", value].\n" +
            string.Join("\n", interpolated.Select(u => $"  {u}: {u.Key}")));
    }

    [Fact]
    public void Scan_finds_keys_in_code_and_in_razor_attributes()
    {
        var keys = StringTable.ScanSource().Select(u => u.Key).ToHashSet();

        Assert.Contains("Sign in", keys);                                                     // razor markup
        Assert.Contains("The Twilio account is {0}; only an active account can send messages.", keys); // C# with a format argument
        Assert.Contains("For \"WHEN A MESSAGE COMES IN\" (HTTP POST).", keys);               // escaped quotes in a razor attribute
        Assert.Contains("'{0}' is not a placeholder: use {1}, {2} and so on.", keys);
    }

    [Fact]
    public void Scan_reads_every_string_key_it_meets()
    {
        // A key the pattern cannot read (L["a" + "b"], a raw string literal…) would otherwise go unchecked.
        var occurrences = StringTable.SourceFiles().Sum(f => StringTable.KeyStart().Count(File.ReadAllText(f)));

        Assert.Equal(occurrences, StringTable.ScanSource().Count);
    }

    [Fact]
    public void Table_values_keep_format_placeholders()
    {
        var table = StringTable.Read();

        Assert.Equal("Use at most {0} characters.", table["Use at most {0} characters."]);
        Assert.Equal("Twilio accepted these credentials ({0}).", TestLocalizer.Strings["Twilio accepted these credentials ({0})."].Value);
        Assert.Equal("Twilio accepted these credentials (Demo).", TestLocalizer.Strings["Twilio accepted these credentials ({0}).", "Demo"].Value);
    }

    [Fact]
    public void String_table_is_embedded_where_the_localizer_looks()
    {
        var text = TestLocalizer.Strings["Sign in"];

        Assert.False(text.ResourceNotFound, $"the localizer did not find Strings.resx (searched {text.SearchedLocation})");
        Assert.Equal("Sign in", text.Value);
    }

    [Theory]
    [InlineData(@"plain", "plain")]
    [InlineData(@"say \""hi\""", "say \"hi\"")]
    [InlineData(@"a\\b", @"a\b")]
    [InlineData(@"tab\there", "tab\there")]
    [InlineData(@"\u00e9t\u00e9", "été")]
    public void Unescape_reads_CSharp_string_literals(string literal, string expected)
    {
        Assert.Equal(expected, StringTable.Unescape(literal));
    }
}
