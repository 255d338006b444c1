using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OmniWhatsApp.Bench;

/// <summary>
/// One client of /hubs/conversations speaking SignalR's JSON protocol over a plain WebSocket, recording when
/// each "conversationOpened" event arrives, keyed by the customer's number, and counting what arrives: WebSocket
/// messages (frames), the SignalR messages in them and their bytes.
/// </summary>
public sealed partial class HubListener : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");

    private readonly ClientWebSocket socket = new();
    private readonly CancellationTokenSource stop = new();
    private Task? pump;

    public ConcurrentTimes Arrivals { get; } = new();

    /// <summary>WebSocket messages received since <see cref="ResetCounts"/> (each is one read and one wake-up of the client).</summary>
    public long Frames => Volatile.Read(ref frames);

    /// <summary>SignalR messages (events, pings) in those frames.</summary>
    public long Messages => Volatile.Read(ref messages);

    public long Bytes => Volatile.Read(ref bytes);

    private long frames, messages, bytes;

    /// <summary>The event names counted one by one (<see cref="EventCounts"/>); others count as "other".</summary>
    public static readonly string[] CountedEvents =
        ["conversationOpened", "messageReceived", "messageAdded", "messageStatusChanged", "conversationAssigned", "conversationClosed", "windowClosed", "other"];

    private static readonly byte[][] CountedNames = CountedEvents.Select(e => Encoding.UTF8.GetBytes(e)).ToArray();
    private static readonly byte[] TargetField = Encoding.UTF8.GetBytes("\"target\":\"");
    private readonly long[] eventCounts = new long[CountedEvents.Length];

    /// <summary>Invocations received since <see cref="ResetCounts"/>, by <see cref="CountedEvents"/>.</summary>
    public IReadOnlyList<long> EventCounts => eventCounts.ToArray();

    public void ResetCounts()
    {
        Volatile.Write(ref frames, 0);
        Volatile.Write(ref messages, 0);
        Volatile.Write(ref bytes, 0);
        for (var i = 0; i < eventCounts.Length; i++) Volatile.Write(ref eventCounts[i], 0);
    }

    public static async Task<CookieContainer> SignInAsync(Uri baseUrl, string email, string password)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
        var page = await http.GetStringAsync("account/login");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        using var response = await http.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found) throw new InvalidOperationException($"Sign-in answered {response.StatusCode}");
        return cookies;
    }

    public async Task ConnectAsync(Uri baseUrl, CookieContainer cookies)
    {
        socket.Options.Cookies = cookies;
        await socket.ConnectAsync(new UriBuilder(new Uri(baseUrl, "hubs/conversations")) { Scheme = "ws" }.Uri, CancellationToken.None);
        await socket.SendAsync(Handshake, WebSocketMessageType.Text, true, CancellationToken.None);
        pump = Task.Run(PumpAsync);
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[256 * 1024];
        var pending = new MemoryStream();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) return;
                var now = Stopwatch.GetTimestamp();
                Volatile.Write(ref bytes, bytes + result.Count);
                if (result.EndOfMessage) Volatile.Write(ref frames, frames + 1);
                if (!result.EndOfMessage || pending.Length > 0)
                {
                    pending.Write(buffer, 0, result.Count);
                    if (!result.EndOfMessage) continue;
                    Split(pending.GetBuffer().AsSpan(0, (int)pending.Length), now);
                    pending.SetLength(0);
                }
                else
                {
                    Split(buffer.AsSpan(0, result.Count), now);
                }
            }
        }
        catch (Exception) when (stop.IsCancellationRequested || socket.State != WebSocketState.Open)
        {
        }
    }

    /// <summary>A WebSocket message holds one or more SignalR messages, each ended by the record separator.</summary>
    private void Split(ReadOnlySpan<byte> data, long at)
    {
        int end;
        while ((end = data.IndexOf(RecordSeparator)) >= 0)
        {
            Volatile.Write(ref messages, messages + 1);
            Record(data[..end], at);
            data = data[(end + 1)..];
        }
    }

    private static readonly byte[] Wanted = Encoding.UTF8.GetBytes("\"conversationOpened\"");

    private void Record(ReadOnlySpan<byte> frame, long at)
    {
        var field = frame.IndexOf(TargetField);
        if (field >= 0)
        {
            var name = frame[(field + TargetField.Length)..];
            name = name[..Math.Max(0, name.IndexOf((byte)'"'))];
            var slot = eventCounts.Length - 1;
            for (var k = 0; k < CountedNames.Length - 1; k++)
            {
                if (!name.SequenceEqual(CountedNames[k])) continue;
                slot = k;
                break;
            }
            Volatile.Write(ref eventCounts[slot], eventCounts[slot] + 1);
        }
        // Only "conversationOpened" frames are timed; skip the rest without parsing them.
        if (frame.IndexOf(Wanted) < 0) return;
        // An invocation: {"type":1,"target":"conversationOpened","arguments":[{..."customerPhone":"+44...",...}]}
        var reader = new Utf8JsonReader(frame);
        string? target = null, phone = null;
        var depth = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    depth++;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    depth--;
                    break;
                case JsonTokenType.PropertyName when depth == 1 && reader.ValueTextEquals("target"):
                    reader.Read();
                    target = reader.GetString();
                    break;
                case JsonTokenType.PropertyName when depth == 3 && reader.ValueTextEquals("customerPhone"):
                    reader.Read();
                    phone = reader.GetString();
                    break;
            }
        }
        if (target == "conversationOpened" && phone is not null) Arrivals.Add(phone, at);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            if (socket.State == WebSocketState.Open) await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
        if (pump is not null) await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        socket.Dispose();
    }
}

/// <summary>Arrival timestamps by key, written by one pump and read after the run.</summary>
public sealed class ConcurrentTimes
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> times = new(concurrencyLevel: 1, capacity: 4096);

    public void Add(string key, long timestamp) => times.TryAdd(key, timestamp);

    public bool TryGet(string key, out long timestamp) => times.TryGetValue(key, out timestamp);
}
