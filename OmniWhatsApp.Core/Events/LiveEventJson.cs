using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OmniWhatsApp.Core.Events;

/// <summary>
/// Live events as JSON between instances: each names its record type (<c>"$type": "MessageAdded"</c>), so the
/// receiver rebuilds the same record. Every concrete <see cref="LiveEvent"/> in this assembly is known without a list
/// to keep up to date. The hub's own JSON (what clients see) is not affected: the domain records carry no attributes.
/// </summary>
public static class LiveEventJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>The concrete event types, by the name written in <c>$type</c>.</summary>
    public static IReadOnlyDictionary<string, Type> Types { get; } = typeof(LiveEvent).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(LiveEvent).IsAssignableFrom(t))
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static byte[] Serialize(LiveEvent live) => JsonSerializer.SerializeToUtf8Bytes(live, Options);

    /// <summary>The event, or an exception when the payload names no known event (an instance of another version).</summary>
    public static LiveEvent Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<LiveEvent>(json, Options) ?? throw new JsonException("A live event payload was null.");

    private static JsonSerializerOptions CreateOptions()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(info =>
        {
            if (info.Type != typeof(LiveEvent)) return;
            info.PolymorphismOptions = new JsonPolymorphismOptions
            {
                TypeDiscriminatorPropertyName = "$type",
                UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
            };
            foreach (var (name, type) in Types) info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, name));
        });
        return new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = resolver };
    }
}
