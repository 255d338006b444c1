using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;

namespace OmniWhatsApp.Core.Messages;

/// <summary>
/// System lines of a timeline ("Transferred to Billing by Alex") are stored as their string-table key and values,
/// not as text, so each reader sees them in their own language whenever they read them: the Russian supervisor and the
/// Turkish agent read the same line in theirs. A value may itself be such a line ("5 min" in "Closed after 5 min
/// without activity"). Lines written before this are plain text and shown as they are.
/// </summary>
public static class TimelineLines
{
    private const string Marker = "{\"line\":";

    private sealed record Stored([property: JsonPropertyName("line")] string Key, [property: JsonPropertyName("args")] string[] Args);

    /// <summary>The line <paramref name="key"/> with <paramref name="values"/>, as stored; shown by <see cref="Render"/>.</summary>
    public static string Line(this IStringLocalizer<Strings> L, string key, params object?[] values) =>
        JsonSerializer.Serialize(new Stored(key, [.. values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "")]));

    /// <summary>A stored line in the UI culture's words; any other text as it is.</summary>
    public static string Render(IStringLocalizer<Strings> L, string? body)
    {
        if (body is null || !body.StartsWith(Marker, StringComparison.Ordinal)) return body ?? "";
        Stored? stored;
        try
        {
            stored = JsonSerializer.Deserialize<Stored>(body);
        }
        catch (JsonException)
        {
            return body;
        }
        if (stored is null) return body;
        return L[stored.Key, [.. stored.Args.Select(a => (object)Render(L, a))]];
    }
}
