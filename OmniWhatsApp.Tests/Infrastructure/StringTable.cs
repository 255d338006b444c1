using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>
/// The product's string table (OmniWhatsApp.Core/Localization/Strings.resx) and the keys the code asks it for:
/// every <c>L["…"]</c> in the .cs and .razor files of OmniWhatsApp.Core and OmniWhatsApp.Web. Keys are the
/// English text, so a missing key still shows English; the table is what translators work from.
/// </summary>
public static partial class StringTable
{
    public static readonly string[] SourceProjects = ["OmniWhatsApp.Core", "OmniWhatsApp.Web"];

    public static string ResxPath => RepositoryPaths.Combine("OmniWhatsApp.Core", "Localization", "Strings.resx");

    /// <summary>The translations beside the English table.</summary>
    public static readonly string[] Translations = ["tr", "ru"];

    /// <summary>The table of one translation: Strings.tr.resx, Strings.ru.resx.</summary>
    public static string TranslationPath(string language) => RepositoryPaths.Combine("OmniWhatsApp.Core", "Localization", $"Strings.{language}.resx");

    /// <summary>One use of a key in the source, for messages that point at it; <see cref="Plural"/> for L.Plural("…", n).</summary>
    public sealed record KeyUse(string Key, string File, int Line, bool Interpolated, bool Plural = false)
    {
        public override string ToString() => $"{File}:{Line}";
    }

    // L["…"], L[@"…"], L[$"…"], L.Plural("…", n) and L.Line("…", …) (a timeline line); the key is the first argument, format arguments may follow.
    [GeneratedRegex("""\bL(?<call>\[|\.Plural\(|\.Line\()\s*(?<prefix>[@$]{0,2})"(?<text>(?:[^"\\]|\\.|"")*?)"(?=\s*[,\]\)])""")]
    private static partial Regex KeyPattern();

    /// <summary>Where a key starts, whether or not <see cref="KeyPattern"/> can read it.</summary>
    [GeneratedRegex(@"\bL(\[|\.Plural\(|\.Line\()\s*[@$]{0,2}""")]
    public static partial Regex KeyStart();

    /// <summary>The .cs and .razor files of <see cref="SourceProjects"/>, without build output.</summary>
    public static IEnumerable<string> SourceFiles() =>
        SourceProjects.SelectMany(project =>
        {
            var root = RepositoryPaths.Combine(project);
            return Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                .Where(f => !IsBuildOutput(Path.GetRelativePath(root, f)));
        });

    public static IReadOnlyList<KeyUse> ScanSource()
    {
        var uses = new List<KeyUse>();
        foreach (var file in SourceFiles())
        {
            var text = File.ReadAllText(file);
            foreach (Match match in KeyPattern().Matches(text))
            {
                var prefix = match.Groups["prefix"].Value;
                var raw = match.Groups["text"].Value;
                var key = prefix.Contains('@') ? raw.Replace("\"\"", "\"") : Unescape(raw);
                var line = text.AsSpan(0, match.Index).Count('\n') + 1;
                uses.Add(new KeyUse(key, Path.GetRelativePath(RepositoryPaths.Root, file), line, prefix.Contains('$'), match.Groups["call"].Value == ".Plural("));
            }
        }
        return uses;
    }

    /// <summary>The table's entries, name → value (the English table, or the one at <paramref name="path"/>).</summary>
    public static IReadOnlyDictionary<string, string> Read(string? path = null)
    {
        path ??= ResxPath;
        if (!File.Exists(path)) return new Dictionary<string, string>();
        return XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);
    }

    /// <summary>
    /// Adds <paramref name="keys"/> to the table with the key as the English value (creating the file if needed)
    /// and keeps all entries sorted by name, so two branches that add keys rarely touch the same lines.
    /// Existing values are never changed.
    /// </summary>
    public static void AddMissing(IEnumerable<string> keys)
    {
        var document = File.Exists(ResxPath) ? XDocument.Load(ResxPath) : NewDocument();
        var root = document.Root!;
        var entries = root.Elements("data").ToList();
        var known = entries.Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        foreach (var key in keys.Where(k => !known.Contains(k)).Distinct())
        {
            entries.Add(new XElement("data",
                new XAttribute("name", key),
                new XAttribute(XNamespace.Xml + "space", "preserve"),
                new XElement("value", key)));
        }
        foreach (var entry in root.Elements("data").ToList()) entry.Remove();
        root.Add(entries.OrderBy(d => (string)d.Attribute("name")!, StringComparer.Ordinal));

        var settings = new System.Xml.XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using (var writer = System.Xml.XmlWriter.Create(ResxPath, settings)) document.Save(writer);
        File.AppendAllText(ResxPath, "\n");
    }

    private static XDocument NewDocument()
    {
        static XElement Header(string name, string value) => new("resheader", new XAttribute("name", name), new XElement("value", value));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("root",
            Header("resmimetype", "text/microsoft-resx"),
            Header("version", "2.0"),
            Header("reader", "System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089"),
            Header("writer", "System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089")));
    }

    private static bool IsBuildOutput(string relativePath)
    {
        var first = relativePath.Split(Path.DirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }

    /// <summary>The value of a regular C# string literal's body.</summary>
    internal static string Unescape(string literal)
    {
        var result = new StringBuilder(literal.Length);
        for (var i = 0; i < literal.Length; i++)
        {
            var c = literal[i];
            if (c != '\\' || i == literal.Length - 1)
            {
                result.Append(c);
                continue;
            }
            var next = literal[++i];
            switch (next)
            {
                case 'n': result.Append('\n'); break;
                case 'r': result.Append('\r'); break;
                case 't': result.Append('\t'); break;
                case '0': result.Append('\0'); break;
                case 'u' when i + 4 < literal.Length:
                    result.Append((char)Convert.ToInt32(literal.Substring(i + 1, 4), 16));
                    i += 4;
                    break;
                default: result.Append(next); break; // \" \\ \'
            }
        }
        return result.ToString();
    }
}
