using System.Text;

namespace OmniWhatsApp.Core.Messages;

/// <summary>The name and first number of a contact card a customer shared (WhatsApp sends it as a vCard file).</summary>
public sealed record VCardContact(string? Name, string? Phone)
{
    public const int MaxNameLength = 200;
    public const int MaxPhoneLength = 40;
}

/// <summary>
/// Reads the little the timeline shows from a vCard (RFC 6350, and the 3.0 and 2.1 forms phones still write): the
/// formatted name (<c>FN</c>, else <c>N</c>) and the first telephone number (<c>TEL</c>). Folded lines are unfolded and
/// escapes undone; anything else in the card is ignored. Never throws: a card it cannot read gives no name or number.
/// </summary>
public static class VCard
{
    /// <summary>Whether an attachment's type is a contact card.</summary>
    public static bool IsContactCard(string? contentType) =>
        string.Equals(contentType, "text/vcard", StringComparison.OrdinalIgnoreCase) || string.Equals(contentType, "text/x-vcard", StringComparison.OrdinalIgnoreCase);

    public static VCardContact Read(string text)
    {
        string? formatted = null, structured = null, phone = null;
        foreach (var line in Unfold(text))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var head = line[..colon];
            // A group prefix ("item1.TEL") and parameters ("TEL;type=CELL") are not part of the property's name.
            var name = head.Split(';')[0];
            if (name.LastIndexOf('.') is var dot and >= 0) name = name[(dot + 1)..];
            var value = line[(colon + 1)..];
            switch (name.ToUpperInvariant())
            {
                case "FN" when formatted is null:
                    formatted = Unescape(value);
                    break;
                case "N" when structured is null:
                    // Family;Given;Additional;Prefix;Suffix, shown as "Prefix Given Additional Family Suffix".
                    var parts = SplitUnescaped(value);
                    string Part(int i) => i < parts.Count ? parts[i] : "";
                    structured = string.Join(' ', new[] { Part(3), Part(1), Part(2), Part(0), Part(4) }.Where(p => p.Length > 0));
                    break;
                case "TEL" when phone is null:
                    phone = Unescape(value.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? value[4..] : value);
                    break;
            }
        }
        var fullName = Clean(formatted) ?? Clean(structured);
        var number = Clean(phone);
        return new VCardContact(fullName is null ? null : Cut(fullName, VCardContact.MaxNameLength), number is null ? null : Cut(number, VCardContact.MaxPhoneLength));
    }

    private static IEnumerable<string> Unfold(string text)
    {
        var current = new StringBuilder();
        foreach (var raw in text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'))
        {
            if (raw.Length > 0 && (raw[0] == ' ' || raw[0] == '\t'))
            {
                current.Append(raw, 1, raw.Length - 1);
                continue;
            }
            if (current.Length > 0) yield return current.ToString();
            current.Clear().Append(raw);
        }
        if (current.Length > 0) yield return current.ToString();
    }

    private static string Unescape(string value) => string.Concat(SplitUnescaped(value, split: false));

    /// <summary>The value's components split at unescaped semicolons (or one component when <paramref name="split"/> is false), escapes undone.</summary>
    private static List<string> SplitUnescaped(string value, bool split = true)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length)
            {
                var next = value[++i];
                current.Append(next is 'n' or 'N' ? ' ' : next);
            }
            else if (c == ';' && split)
            {
                parts.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        parts.Add(current.ToString().Trim());
        return parts;
    }

    private static string? Clean(string? value)
    {
        if (value is null) return null;
        var text = new string(value.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return text.Length == 0 ? null : text;
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
