using System.Text;
using System.Text.RegularExpressions;

namespace OmniWhatsApp.Core.Templates;

/// <summary>The result of reading a template body: how many values it takes, or why it is malformed.</summary>
public sealed record PlaceholderScan(int VariableCount, PlaceholderProblem Problem = PlaceholderProblem.None, string? Detail = null)
{
    public bool IsValid => Problem == PlaceholderProblem.None;
}

public enum PlaceholderProblem
{
    None,
    /// <summary>Something in double braces that is not a positive number (Detail: the text).</summary>
    Malformed,
    /// <summary>More than <see cref="TemplatePlaceholders.MaxVariables"/>.</summary>
    TooMany,
    /// <summary>Numbers skip one (Detail: the missing placeholder).</summary>
    Gap,
}

/// <summary>
/// WhatsApp template placeholders: <c>{{1}}</c>, <c>{{2}}</c>… numbered from 1 without gaps. A value is
/// substituted wherever its number appears, so <c>{{1}}</c> may occur more than once.
/// </summary>
public static partial class TemplatePlaceholders
{
    // Anything between double braces, so "{{ name }}" or "{{0}}" is reported instead of being sent as text.
    [GeneratedRegex(@"\{\{(.*?)\}\}")]
    private static partial Regex Braced();

    public const int MaxVariables = 100;

    /// <summary>
    /// Example values as stored on a template (<see cref="MessageTemplate.SampleValues"/>) from Twilio's variables,
    /// keyed "1", "2"…: only those of placeholders, at most <see cref="MaxVariables"/>, each trimmed and cut to a
    /// reasonable length. Null when there are none.
    /// </summary>
    public static string? SamplesToJson(IReadOnlyDictionary<string, string>? variables)
    {
        if (variables is null) return null;
        var kept = new SortedDictionary<int, string>();
        foreach (var (key, value) in variables)
        {
            if (!int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1 || n > MaxVariables) continue;
            var text = (value ?? "").Trim();
            if (text.Length == 0) continue;
            kept[n] = text.Length > MaxSampleLength ? text[..MaxSampleLength] : text;
        }
        return kept.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(kept.ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value));
    }

    /// <summary>The example value of each of <paramref name="count"/> placeholders (index 0 is <c>{{1}}</c>); null where there is none.</summary>
    public static IReadOnlyList<string?> Samples(string? json, int count)
    {
        var samples = new string?[count];
        if (string.IsNullOrEmpty(json)) return samples;
        Dictionary<string, string>? stored;
        try
        {
            stored = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return samples;
        }
        for (var i = 0; i < count; i++)
        {
            samples[i] = stored?.GetValueOrDefault((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return samples;
    }

    /// <summary>The longest example value kept: a hint, not content.</summary>
    public const int MaxSampleLength = 40;

    public static PlaceholderScan Scan(string? body)
    {
        if (string.IsNullOrEmpty(body)) return new PlaceholderScan(0);

        var numbers = new SortedSet<int>();
        foreach (Match match in Braced().Matches(body))
        {
            var inner = match.Groups[1].Value;
            if (!int.TryParse(inner, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1 || inner.StartsWith('0'))
            {
                return new PlaceholderScan(0, PlaceholderProblem.Malformed, match.Value);
            }
            if (n > MaxVariables) return new PlaceholderScan(0, PlaceholderProblem.TooMany);
            numbers.Add(n);
        }

        for (var expected = 1; expected <= numbers.Count; expected++)
        {
            if (!numbers.Contains(expected))
            {
                return new PlaceholderScan(0, PlaceholderProblem.Gap, "{{" + expected + "}}");
            }
        }
        return new PlaceholderScan(numbers.Count);
    }

    /// <summary>The body with each <c>{{n}}</c> replaced by <paramref name="values"/>[n-1].</summary>
    public static string Fill(string body, IReadOnlyList<string> values) =>
        Braced().Replace(body, match =>
            int.TryParse(match.Groups[1].Value, out var n) && n >= 1 && n <= values.Count ? values[n - 1] : match.Value);
}
