using System.Text.Json;
using System.Text.Json.Serialization;

namespace OmniWhatsApp.Core.Templates;

/// <summary>
/// The stored form of a <see cref="RichContent"/> (<see cref="MessageTemplate.Definition"/>, <c>Message.RichContent</c>):
/// camel-case JSON, enums by name, empty parts left out. Reading is lenient about what it does not know and never
/// throws: a row that cannot be read comes back as null, and the caller shows the message's text instead.
/// </summary>
public static class RichContentJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static string Serialize(RichContent content) => JsonSerializer.Serialize(content, Options);

    public static RichContent? Deserialize(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            var content = JsonSerializer.Deserialize<RichContent>(json, Options);
            // Lists missing from the JSON (or written as null) read as empty, as the record promises.
            return content is null ? null : content with { Buttons = content.Buttons ?? [], Items = content.Items ?? [] };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
