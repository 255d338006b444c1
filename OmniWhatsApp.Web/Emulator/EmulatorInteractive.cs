using System.Globalization;
using System.Text.Json;

namespace OmniWhatsApp.Web.Emulator;

/// <summary>A reply button or list row as the customer's phone shows it: what it says and what it sends back.</summary>
public sealed record EmulatorChoice(string Id, string Title, string? Description = null);

/// <summary>A place as the customer's phone shows it.</summary>
public sealed record EmulatorPlace(double Latitude, double Longitude, string? Label, string? Address)
{
    public string MapUrl => string.Create(CultureInfo.InvariantCulture, $"https://www.openstreetmap.org/?mlat={Latitude}&mlon={Longitude}#map=17/{Latitude}/{Longitude}");
}

/// <summary>
/// What WhatsApp shows of a content message on the customer's phone, read from the content's Twilio types
/// (<c>twilio/quick-reply</c> actions, <c>twilio/list-picker</c> items, <c>twilio/location</c>). The emulator's own
/// reading of Twilio's format, not the app's.
/// </summary>
public sealed record EmulatorInteractive(IReadOnlyList<EmulatorChoice> Buttons, string? ListButton, IReadOnlyList<EmulatorChoice> Rows, EmulatorPlace? Place)
{
    public bool IsList => ListButton is not null;

    /// <summary>Null when the types hold nothing interactive (plain text or media), or cannot be read.</summary>
    public static EmulatorInteractive? Parse(string? typesJson)
    {
        if (string.IsNullOrWhiteSpace(typesJson)) return null;
        try
        {
            using var document = JsonDocument.Parse(typesJson);
            var types = document.RootElement;
            if (types.ValueKind != JsonValueKind.Object) return null;
            if (types.TryGetProperty("twilio/quick-reply", out var quick) && quick.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array)
            {
                var buttons = actions.EnumerateArray()
                    .Select(a => Text(a, "title") is { } title ? new EmulatorChoice(Text(a, "id") ?? title, title) : null)
                    .OfType<EmulatorChoice>().ToList();
                return buttons.Count == 0 ? null : new EmulatorInteractive(buttons, null, [], null);
            }
            if (types.TryGetProperty("twilio/list-picker", out var list) && list.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                var rows = items.EnumerateArray()
                    .Select(i => Text(i, "item") is { } title ? new EmulatorChoice(Text(i, "id") ?? title, title, Text(i, "description")) : null)
                    .OfType<EmulatorChoice>().ToList();
                return rows.Count == 0 ? null : new EmulatorInteractive([], Text(list, "button") ?? "", rows, null);
            }
            if (types.TryGetProperty("twilio/location", out var location)
                && Number(location, "latitude") is { } latitude && Number(location, "longitude") is { } longitude)
            {
                return new EmulatorInteractive([], null, [], new EmulatorPlace(latitude, longitude, Text(location, "label"), Text(location, "address")));
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 } text ? text : null;

    private static double? Number(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number) return value.GetDouble();
        return value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }
}
