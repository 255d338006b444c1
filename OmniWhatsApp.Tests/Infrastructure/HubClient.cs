using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>
/// A client of /hubs/conversations speaking SignalR's JSON protocol over a plain WebSocket (the .NET SignalR
/// client is not available here), signed in with the same cookie a browser gets.
/// </summary>
public sealed partial class HubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket socket;
    private readonly List<(string Target, JsonElement Argument)> received = [];
    private readonly List<int> frameOf = [];
    private int frames;
    private readonly CancellationTokenSource stop = new();
    private readonly Task pump;
    private readonly SemaphoreSlim arrived = new(0);

    private HubClient(ClientWebSocket socket)
    {
        this.socket = socket;
        pump = Task.Run(PumpAsync);
    }

    /// <summary>Signs in through the real sign-in form, then opens the hub's WebSocket with that cookie.</summary>
    public static Task<HubClient> ConnectAsync(AppHost app, DemoData.DemoUser user) => ConnectAsync(app, user.Email, user.Password);

    /// <inheritdoc cref="ConnectAsync(AppHost, DemoData.DemoUser)"/>
    public static async Task<HubClient> ConnectAsync(AppHost app, string email, string password)
    {
        var cookies = await SignInAsync(app, email, password);
        return await ConnectAsync(app, cookies);
    }

    /// <summary>Opens the hub's WebSocket with the cookies of an earlier <see cref="SignInAsync"/>.</summary>
    public static async Task<HubClient> ConnectAsync(AppHost app, CookieContainer cookies)
    {
        var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        var uri = new UriBuilder(app.Url("hubs/conversations")) { Scheme = "ws" }.Uri;
        await socket.ConnectAsync(uri, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);
        var client = new HubClient(socket);
        await client.WaitForAsync(t => t == "", TimeSpan.FromSeconds(5));
        return client;
    }

    public static async Task<CookieContainer> SignInAsync(AppHost app, string email, string password)
    {
        var cookies = new CookieContainer();
        using var http = app.CreateHttpClient(followRedirects: false, cookies: cookies);
        using var response = await PostSignInFormAsync(http, app.Url("account/login"), email, password);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"sign-in answered {response.StatusCode}");
        return cookies;
    }

    /// <summary>
    /// Opens the sign-in page at <paramref name="url"/> with <paramref name="http"/> (which must keep cookies) and posts its
    /// form as a browser would, with the page's antiforgery token.
    /// </summary>
    public static async Task<HttpResponseMessage> PostSignInFormAsync(HttpClient http, Uri url, string email, string password)
    {
        var page = await http.GetStringAsync(url);
        return await http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>Every invocation received so far, by target (event name), with its first argument.</summary>
    public IReadOnlyList<(string Target, JsonElement Argument)> Received
    {
        get { lock (received) return received.ToList(); }
    }

    /// <summary>Every invocation received so far with the number of the WebSocket message (frame) it came in, counting from 1.</summary>
    public IReadOnlyList<(string Target, JsonElement Argument, int Frame)> ReceivedWithFrames
    {
        get { lock (received) return received.Select((r, i) => (r.Target, r.Argument, frameOf[i])).ToList(); }
    }

    /// <summary>Waits until an invocation whose target matches arrives; returns its argument, or null on timeout.</summary>
    public async Task<JsonElement?> WaitForAsync(Func<string, bool> target, TimeSpan timeout, Func<JsonElement, bool>? where = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var match = Received.FirstOrDefault(r => target(r.Target) && (where is null || where(r.Argument)));
            if (match.Target is not null) return match.Argument;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) return null;
            await arrived.WaitAsync(left);
        }
    }

    /// <summary>Waits until the server closes the connection; false if it is still open after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitUntilClosedAsync(TimeSpan timeout)
    {
        await Task.WhenAny(pump, Task.Delay(timeout));
        return pump.IsCompleted;
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        try
        {
            while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) return;
                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                if (!result.EndOfMessage) continue;
                frames++;
                foreach (var frame in text.ToString().Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    using var json = JsonDocument.Parse(frame);
                    var root = json.RootElement;
                    // The handshake answer is "{}": recorded with an empty target.
                    var target = root.TryGetProperty("target", out var t) ? t.GetString() ?? "" : root.TryGetProperty("type", out _) ? null : "";
                    if (target is null) continue;
                    var argument = root.TryGetProperty("arguments", out var args) && args.GetArrayLength() > 0 ? args[0].Clone() : default;
                    lock (received)
                    {
                        received.Add((target, argument));
                        frameOf.Add(frames);
                    }
                    arrived.Release();
                }
                text.Clear();
            }
        }
        catch (Exception) when (stop.IsCancellationRequested || socket.State != WebSocketState.Open)
        {
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    /// <summary>The antiforgery token field of a page the app rendered; group 1 is the token.</summary>
    public static partial Regex AntiforgeryField();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            if (socket.State == WebSocketState.Open) await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
        await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        socket.Dispose();
        stop.Dispose();
    }
}
