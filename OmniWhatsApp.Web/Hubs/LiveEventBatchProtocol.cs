using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using OmniWhatsApp.Core.Events;

namespace OmniWhatsApp.Web.Hubs;

/// <summary>
/// A hub protocol (SignalR's JSON one, or any other) taught one more message: a batch of live events, sent to
/// <see cref="Target"/>, is written as one ordinary invocation per event (<c>conversationOpened</c>,
/// <c>messageStatusChanged</c>, …), one after the other into one buffer. Sending a batch to a connection is then one
/// write and one flush, which leaves as one WebSocket message, and a group send serialises it once for everyone.
/// Clients see exactly the invocations they always saw, several to a frame, which every SignalR client reads.
/// </summary>
public sealed class LiveEventBatchProtocol(IHubProtocol inner) : IHubProtocol
{
    /// <summary>The method name the forwarder sends a batch to; it never reaches a client.</summary>
    public const string Target = "\u0001liveEvents";

    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    /// <summary>The arguments of a send to <see cref="Target"/>.</summary>
    public static object?[] Arguments(IReadOnlyList<LiveEvent> events) => [events];

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output)
    {
        if (message is InvocationMessage { Target: Target, Arguments: [IReadOnlyList<LiveEvent> events] })
        {
            foreach (var e in events) inner.WriteMessage(new InvocationMessage(e.Name, [e]), output);
            return;
        }
        inner.WriteMessage(message, output);
    }

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message)
    {
        if (message is not InvocationMessage { Target: Target }) return inner.GetMessageBytes(message);
        var buffer = new ArrayBufferWriter<byte>(1024);
        WriteMessage(message, buffer);
        return buffer.WrittenMemory;
    }

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);
}

/// <summary>
/// SignalR's protocol resolver (what its default one does: protocols by name, the last registered of a name wins,
/// only those the hub supports) with every registered protocol wrapped in <see cref="LiveEventBatchProtocol"/>.
/// </summary>
public sealed class LiveEventBatchProtocolResolver : IHubProtocolResolver
{
    private readonly Dictionary<string, IHubProtocol> byName = new(StringComparer.OrdinalIgnoreCase);

    public LiveEventBatchProtocolResolver(IEnumerable<IHubProtocol> protocols)
    {
        foreach (var protocol in protocols) byName[protocol.Name] = protocol as LiveEventBatchProtocol ?? new LiveEventBatchProtocol(protocol);
        AllProtocols = byName.Values.ToList();
    }

    public IReadOnlyList<IHubProtocol> AllProtocols { get; }

    public IHubProtocol? GetProtocol(string protocolName, IReadOnlyList<string>? supportedProtocols) =>
        byName.TryGetValue(protocolName, out var protocol) && (supportedProtocols is null || supportedProtocols.Contains(protocolName, StringComparer.OrdinalIgnoreCase))
            ? protocol
            : null;
}
