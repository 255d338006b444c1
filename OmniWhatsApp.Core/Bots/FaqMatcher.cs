using System.Globalization;
using System.Text;

namespace OmniWhatsApp.Core.Bots;

/// <summary>
/// Finds what a customer's message asks, for the FAQ bot: a phrase matches when its words appear in the message as
/// whole words, one after another, whatever the case and accents. Both sides are folded the same way, culture-free
/// (the server's culture never matters): decomposed (FormD) without the non-spacing marks, lower-cased by the
/// invariant rules, and the dotless ı mapped to i, so Turkish İ, I, ı and i are one letter, Russian ё is е and
/// "café" is "cafe". Words are runs of letters and digits; everything else separates them.
/// </summary>
public static class FaqMatcher
{
    /// <summary>The words of <paramref name="text"/>, folded.</summary>
    public static string[] Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark) continue;
            if (!char.IsLetterOrDigit(c))
            {
                folded.Append(' ');
                continue;
            }
            // ı has no decomposition and no invariant upper/lower pair with i; İ decomposed is I + a dot (dropped above).
            folded.Append(c == 'ı' ? 'i' : char.ToLowerInvariant(c));
        }
        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The folded form of <paramref name="text"/>: its words joined by single spaces.</summary>
    public static string Fold(string? text) => string.Join(' ', Words(text));

    /// <summary>Whether the words of <paramref name="phrase"/> appear in <paramref name="words"/> one after another.</summary>
    public static bool Contains(IReadOnlyList<string> words, IReadOnlyList<string> phrase)
    {
        if (phrase.Count == 0 || phrase.Count > words.Count) return false;
        for (var start = 0; start + phrase.Count <= words.Count; start++)
        {
            var all = true;
            for (var i = 0; i < phrase.Count && all; i++) all = string.Equals(words[start + i], phrase[i], StringComparison.Ordinal);
            if (all) return true;
        }
        return false;
    }

    /// <summary>Whether <paramref name="text"/> contains any of <paramref name="phrases"/> (hand-off words).</summary>
    public static bool ContainsAny(string? text, IEnumerable<string> phrases)
    {
        var words = Words(text);
        return phrases.Any(p => Contains(words, Words(p)));
    }

    /// <summary>
    /// The entry that answers <paramref name="text"/>, or null: the one with the longest matching phrase (the most
    /// specific: "refund status" beats "refund"); among equally long ones, an entry in the conversation's
    /// <paramref name="language"/> first, then the earlier one on the page.
    /// </summary>
    public static BotFaqEntry? Best(IEnumerable<BotFaqEntry> entries, string? text, string? language)
    {
        var words = Words(text);
        if (words.Length == 0) return null;
        BotFaqEntry? best = null;
        var bestKey = (Length: 0, SameLanguage: false, Position: int.MaxValue, Id: int.MaxValue);
        foreach (var entry in entries)
        {
            var length = 0;
            foreach (var phrase in entry.PhraseList())
            {
                var phraseWords = Words(phrase);
                if (Contains(words, phraseWords)) length = Math.Max(length, string.Join(' ', phraseWords).Length);
            }
            if (length == 0) continue;
            var key = (Length: length, SameLanguage: SameLanguage(entry.Language, language), entry.Position, entry.Id);
            if (best is null || Better(key, bestKey)) (best, bestKey) = (entry, key);
        }
        return best;
    }

    private static bool Better((int Length, bool SameLanguage, int Position, int Id) a, (int Length, bool SameLanguage, int Position, int Id) b) =>
        a.Length != b.Length ? a.Length > b.Length
        : a.SameLanguage != b.SameLanguage ? a.SameLanguage
        : a.Position != b.Position ? a.Position < b.Position
        : a.Id < b.Id;

    private static bool SameLanguage(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a.Split('-')[0], b.Split('-')[0], StringComparison.OrdinalIgnoreCase);
}
