using OmniWhatsApp.Core.Templates;

namespace OmniWhatsApp.Tests.Core.Templates;

public sealed class TemplatePlaceholdersTests
{
    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData("No placeholders here.", 0)]
    [InlineData("Single braces {1} are text.", 0)]
    [InlineData("Hello {{1}}", 1)]
    [InlineData("Hi {{1}}, your order {{2}} arrives on {{3}}.", 3)]
    [InlineData("{{2}} before {{1}} is fine", 2)]
    public void Counts_the_values_a_template_takes(string? body, int expected)
    {
        var scan = TemplatePlaceholders.Scan(body);

        Assert.True(scan.IsValid);
        Assert.Equal(expected, scan.VariableCount);
    }

    [Fact]
    public void Repeated_placeholder_counts_once()
    {
        var scan = TemplatePlaceholders.Scan("{{1}}, dear {{1}}: order {{2}}");

        Assert.True(scan.IsValid);
        Assert.Equal(2, scan.VariableCount);
    }

    [Theory]
    [InlineData("{{1}} and {{3}}", "{{2}}")]
    [InlineData("Only {{2}}", "{{1}}")]
    public void Gap_in_the_numbering_names_the_missing_placeholder(string body, string missing)
    {
        var scan = TemplatePlaceholders.Scan(body);

        Assert.Equal(PlaceholderProblem.Gap, scan.Problem);
        Assert.Equal(missing, scan.Detail);
    }

    [Theory]
    [InlineData("Hello {{0}}", "{{0}}")]
    [InlineData("Hello {{ name }}", "{{ name }}")]
    [InlineData("Hello {{name}}", "{{name}}")]
    [InlineData("Hello {{ 1 }}", "{{ 1 }}")]
    [InlineData("Hello {{01}}", "{{01}}")]
    [InlineData("Hello {{-1}}", "{{-1}}")]
    [InlineData("Hello {{}}", "{{}}")]
    public void Anything_else_in_double_braces_is_malformed(string body, string detail)
    {
        var scan = TemplatePlaceholders.Scan(body);

        Assert.Equal(PlaceholderProblem.Malformed, scan.Problem);
        Assert.Equal(detail, scan.Detail);
    }

    [Fact]
    public void One_hundred_placeholders_are_allowed()
    {
        var body = string.Join(' ', Enumerable.Range(1, 100).Select(n => $"{{{{{n}}}}}"));

        Assert.Equal(100, TemplatePlaceholders.Scan(body).VariableCount);
    }

    [Fact]
    public void Placeholder_numbers_above_100_are_too_many()
    {
        Assert.Equal(PlaceholderProblem.TooMany, TemplatePlaceholders.Scan("Hello {{101}}").Problem);
        Assert.Equal(PlaceholderProblem.TooMany, TemplatePlaceholders.Scan("{{1}} {{2}} {{101}}").Problem);
    }

    [Fact]
    public void Placeholder_number_beyond_int_range_is_rejected_not_thrown()
    {
        Assert.False(TemplatePlaceholders.Scan("Hello {{99999999999}}").IsValid);
    }

    [Fact]
    public void Fill_puts_each_value_where_its_number_is()
    {
        var text = TemplatePlaceholders.Fill("Hi {{1}}, your order {{2}} is on its way, {{1}}.", ["Ada", "A-42"]);

        Assert.Equal("Hi Ada, your order A-42 is on its way, Ada.", text);
    }

    [Fact]
    public void Fill_leaves_placeholders_without_a_value()
    {
        Assert.Equal("Hi Ada, order {{2}}", TemplatePlaceholders.Fill("Hi {{1}}, order {{2}}", ["Ada"]));
    }

    [Fact]
    public void Fill_takes_values_literally()
    {
        // A value that looks like a placeholder or a regex substitution is text, not an instruction.
        Assert.Equal("{{2}} / $1 / x", TemplatePlaceholders.Fill("{{1}} / {{2}} / {{3}}", ["{{2}}", "$1", "x"]));
    }

    [Fact]
    public void Twilios_example_values_keep_only_numbered_non_empty_ones_in_order_and_cut_long_ones()
    {
        var json = TemplatePlaceholders.SamplesToJson(new Dictionary<string, string>
        {
            ["2"] = "  #1042 ",
            ["1"] = "Sarah",
            ["name"] = "not a placeholder",
            ["0"] = "zero",
            ["3"] = "   ",
            ["4"] = new string('x', 100),
        });

        var cut = new string('x', TemplatePlaceholders.MaxSampleLength);
        Assert.Equal("{\"1\":\"Sarah\",\"2\":\"#1042\",\"4\":\"" + cut + "\"}", json);
        Assert.Equal(["Sarah", "#1042", null, cut], TemplatePlaceholders.Samples(json, 4));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    public void Without_usable_examples_every_placeholder_has_none(string? stored)
    {
        Assert.Equal([null, null], TemplatePlaceholders.Samples(stored, 2));
        Assert.Null(TemplatePlaceholders.SamplesToJson(new Dictionary<string, string>()));
        Assert.Null(TemplatePlaceholders.SamplesToJson(null));
    }
}
