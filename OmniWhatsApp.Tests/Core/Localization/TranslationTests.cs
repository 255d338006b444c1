using System.Globalization;
using System.Text.RegularExpressions;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Localization;

/// <summary>The Turkish and Russian tables beside the English one, and plural forms in each language.</summary>
public sealed partial class TranslationTests
{
    public static TheoryData<string> Languages => new(StringTable.Translations);

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    private static IReadOnlyDictionary<string, string> English => StringTable.Read();

    private static IReadOnlyDictionary<string, string> Table(string language) => StringTable.Read(StringTable.TranslationPath(language));

    private static string Placeholders(string text) => string.Join(" ", Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal));

    private static HashSet<string> PluralKeys => StringTable.ScanSource().Where(u => u.Plural).Select(u => u.Key).ToHashSet(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_English_entry_has_a_translation_and_nothing_else_is_there(string language)
    {
        var table = Table(language);

        var missing = English.Keys.Where(k => string.IsNullOrWhiteSpace(table.GetValueOrDefault(k))).Order(StringComparer.Ordinal).ToList();
        var stale = table.Keys.Where(k => !English.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"{missing.Count} entries have no {language} text in {Path.GetFileName(StringTable.TranslationPath(language))}:\n  " + string.Join("\n  ", missing));
        Assert.True(stale.Count == 0, $"{stale.Count} {language} entries are no longer in the English table:\n  " + string.Join("\n  ", stale));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_translation_keeps_the_English_placeholders_in_each_form(string language)
    {
        var table = Table(language);

        var wrong = (from entry in table
                     where English.ContainsKey(entry.Key)
                     let english = Placeholders(English[entry.Key].Split(Plurals.Separator)[^1])
                     from form in entry.Value.Split(Plurals.Separator)
                     where Placeholders(form) != english
                     select $"{entry.Key}  →  {form}  (wants {english})").ToList();

        Assert.True(wrong.Count == 0, $"{language} texts whose placeholders differ from English:\n  " + string.Join("\n  ", wrong));
    }

    [Fact]
    public void Plural_entries_have_each_languages_forms_and_no_other_entry_has_forms()
    {
        var plural = PluralKeys;
        Assert.NotEmpty(plural);
        foreach (var (language, table, forms) in new[] { ("en", English, new[] { 2 }), ("tr", Table("tr"), [1, 2]), ("ru", Table("ru"), [3]) })
        {
            foreach (var (key, value) in table)
            {
                var count = value.Split(Plurals.Separator).Length;
                if (plural.Contains(key)) Assert.True(forms.Contains(count), $"{language} plural entry \"{key}\" has {count} form(s): {value}");
                else Assert.True(count == 1, $"{language} entry \"{key}\" is not used as a plural but has forms: {value}");
            }
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    [InlineData(11, 2)]
    [InlineData(12, 2)]
    [InlineData(14, 2)]
    [InlineData(21, 0)]
    [InlineData(22, 1)]
    [InlineData(25, 2)]
    [InlineData(111, 2)]
    [InlineData(0, 2)]
    public void Russian_numbers_take_the_one_few_or_many_form(long count, int form)
    {
        Assert.Equal(form, Plurals.FormIndex(CultureInfo.GetCultureInfo("ru-RU"), count));
    }

    [Theory]
    [InlineData("ru-RU", 1, "1 беседа")]
    [InlineData("ru-RU", 2, "2 беседы")]
    [InlineData("ru-RU", 5, "5 бесед")]
    [InlineData("ru-RU", 11, "11 бесед")]
    [InlineData("ru-RU", 21, "21 беседа")]
    [InlineData("ru-RU", 22, "22 беседы")]
    [InlineData("ru-RU", 25, "25 бесед")]
    [InlineData("tr-TR", 1, "1 konuşma")]
    [InlineData("tr-TR", 5, "5 konuşma")]
    [InlineData("en-US", 1, "1 conversation of this workstream is still open.")]
    [InlineData("en-US", 3, "3 conversations of this workstream are still open.")]
    public void A_plural_sentence_reads_right_for_each_count(string culture, long count, string expected) =>
        InCulture.Run(culture, () => Assert.Contains(expected, TestLocalizer.Strings.Plural("{0} conversations of this workstream are still open.", count)));

    [Fact]
    public void A_timeline_line_is_stored_once_and_read_in_each_readers_language()
    {
        var L = TestLocalizer.Strings;
        var transferred = L.Line("Transferred to {0} by {1}", "Billing", "Alex");
        var idle = L.Line("Closed after {0} without activity", L.Line("{0} min", 5));

        InCulture.Run("en-US", () =>
        {
            Assert.Equal("Transferred to Billing by Alex", TimelineLines.Render(L, transferred));
            Assert.Equal("Closed after 5 min without activity", TimelineLines.Render(L, idle));
        });
        InCulture.Run("ru-RU", () =>
        {
            Assert.Equal(string.Format(CultureInfo.InvariantCulture, Table("ru")["Transferred to {0} by {1}"], "Billing", "Alex"), TimelineLines.Render(L, transferred));
            Assert.Contains("5 мин", TimelineLines.Render(L, idle));
            Assert.DoesNotContain("without activity", TimelineLines.Render(L, idle));
        });
        InCulture.Run("tr-TR", () => Assert.Contains("5 dk", TimelineLines.Render(L, idle)));
        // Lines written before lines were stored this way, and anything else, show as they are.
        Assert.Equal("Transferred to Sales by Bea", TimelineLines.Render(L, "Transferred to Sales by Bea"));
        Assert.Equal("{\"line\": broken", TimelineLines.Render(L, "{\"line\": broken"));
    }

    [Fact]
    public void MudBlazors_own_texts_come_from_the_string_table_in_the_readers_language()
    {
        var mud = new OmniWhatsApp.Web.Hosting.OmniMudLocalizer(TestLocalizer.Strings);

        InCulture.Run("ru-RU", () =>
        {
            Assert.Equal(Table("ru")["Sort"], mud["MudDataGrid_Sort"].Value);
            Assert.Equal(Table("ru")["Column options"], mud["MudDataGrid_ShowColumnOptions"].Value);
            Assert.Equal(Table("ru")["Close"], mud["MudDialog_Close"].Value);
        });
        InCulture.Run("tr-TR", () => Assert.Equal(Table("tr")["Close"], mud["MudDialog_Close"].Value));
        // What the console never shows is left to MudBlazor.
        Assert.True(mud["MudColorPicker_Hue"].ResourceNotFound);
    }

}
