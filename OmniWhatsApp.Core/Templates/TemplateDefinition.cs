using System.Text.Json;

namespace OmniWhatsApp.Core.Templates;

// Stand-in until the lead's RichContentJson is on main (then this file goes).
internal static class TemplateDefinition
{
    public static string Serialize(RichContent content) => JsonSerializer.Serialize(content);

    public static RichContent? Deserialize(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try { return JsonSerializer.Deserialize<RichContent>(json); }
        catch (JsonException) { return null; }
    }
}
