using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace OmniWhatsApp.Bench;

/// <summary>
/// Headless Chromium for <see cref="CircuitBench"/>, driven through Playwright from a child process (this program
/// started again with <see cref="Flag"/>), so the Playwright client's objects stay out of the server's heap. It reads
/// one command a line from standard input and answers with "@"-lines, ending each answer with "@done":
/// <c>load</c> (one cold load, a JSON line, left open), <c>unload</c>, <c>open N</c> (inbox tabs until N are open), <c>close</c>, <c>quit</c>.
/// </summary>
public sealed class CircuitDriver : IAsyncDisposable
{
    public const string Flag = "--circuit-driver";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    /// <summary>
    /// In every page: as soon as the composer is there and enabled, it types "x" (an input event, every 10 ms) until
    /// the Send button is enabled, which only the server's render does once it has the text. That moment, from the
    /// navigation's start, is when the composer accepts input; the HTTP bytes are summed then.
    /// </summary>
    private const string Probe = """
        (() => {
          if (window.top !== window) return;
          const tick = () => {
            const box = document.querySelector('[data-testid=composer-text]');
            const send = document.querySelector('[data-testid=composer-send]');
            if (box && send && !box.disabled) {
              if (!send.disabled && box.value === 'x') {
                const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
                const nav = performance.getEntriesByType('navigation')[0];
                window.__omniLoad = {
                  documentMs: nav ? nav.responseEnd : 0,
                  domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : 0,
                  interactiveMs: performance.now(),
                  httpBytes: entries.reduce((s, e) => s + (e.transferSize || 0), 0),
                  decodedBytes: entries.reduce((s, e) => s + (e.decodedBodySize || 0), 0),
                  requests: entries.length,
                  largest: entries.sort((a, b) => b.transferSize - a.transferSize).slice(0, 5)
                    .map(e => new URL(e.name).pathname.split('/').pop().split('.')[0] + ' ' + Math.round(e.transferSize / 1024) + ' KB'),
                };
                return;
              }
              box.value = 'x';
              box.dispatchEvent(new Event('input', { bubbles: true }));
            }
            setTimeout(tick, 10);
          };
          if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', tick); else tick();
        })();
        """;

    private readonly Process process;
    private readonly Task errors;

    private CircuitDriver(Process process)
    {
        this.process = process;
        errors = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line) Console.WriteLine($"    driver: {line}");
        });
    }

    public static string? ChromiumPath()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        var path = string.IsNullOrWhiteSpace(configured) ? "/usr/bin/chromium" : configured;
        return File.Exists(path) ? path : null;
    }

    /// <summary>This program again, as the driver of <paramref name="planFile"/>'s agents on <paramref name="baseUrl"/>.</summary>
    public static CircuitDriver Start(Uri baseUrl, string planFile, string chromium)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(CircuitDriver).Assembly.Location);
        foreach (var arg in new[] { Flag, baseUrl.ToString(), planFile, chromium }) start.ArgumentList.Add(arg);
        return new CircuitDriver(Process.Start(start)!);
    }

    /// <summary>Sends one command; the answer's lines, without their "@".</summary>
    public async Task<List<string>> AskAsync(string command)
    {
        await process.StandardInput.WriteLineAsync(command);
        await process.StandardInput.FlushAsync();
        var answer = new List<string>();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "@done") return answer;
            if (line.StartsWith("@error ", StringComparison.Ordinal)) throw new InvalidOperationException($"The browser driver failed: {line[7..]}");
            if (line.StartsWith('@')) answer.Add(line[1..]);
            else Console.WriteLine($"    driver: {line}");
        }
        throw new InvalidOperationException($"The browser driver ended during \"{command}\".");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(10_000)) process.Kill(entireProcessTree: true);
        }
        await errors;
        process.Dispose();
    }

    /// <summary>The child's side: <c>--circuit-driver baseUrl planFile chromium</c>.</summary>
    public static async Task RunAsync(string[] args)
    {
        var baseUrl = new Uri(args[1]);
        var plan = JsonSerializer.Deserialize<CircuitPlan>(await File.ReadAllTextAsync(args[2]))!;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = args[3],
            Headless = true,
            Args = ChromiumArgs,
        });
        var open = new List<IBrowserContext>();
        IReadOnlyList<Cookie>? coldCookies = null;
        IBrowserContext? cold = null;
        while (Console.ReadLine() is { } command)
        {
            try
            {
                var parts = command.Split(' ');
                switch (parts[0])
                {
                    case "load":
                        var agent = plan.Agents[0];
                        coldCookies ??= await SignInAsync(baseUrl, agent);
                        var (coldContext, load) = await ColdLoadAsync(browser, baseUrl, coldCookies, agent);
                        cold = coldContext;
                        Console.WriteLine("@" + JsonSerializer.Serialize(load));
                        break;
                    case "unload":
                        if (cold is not null) await CloseAsync(cold);
                        cold = null;
                        break;
                    case "open":
                        var n = int.Parse(parts[1]);
                        while (open.Count < n)
                        {
                            var next = plan.Agents[open.Count + 1];
                            var (context, page) = await OpenAsync(browser, baseUrl, await SignInAsync(baseUrl, next));
                            open.Add(context);
                            await page.GotoAsync($"inbox/{next.ConversationId}");
                            await page.WaitForFunctionAsync("() => window.__omniLoad", null, new() { Timeout = 60_000, PollingInterval = 50 });
                        }
                        break;
                    case "close":
                        foreach (var context in open) await CloseAsync(context);
                        open.Clear();
                        break;
                    case "quit":
                        Console.WriteLine("@done");
                        return;
                }
                Console.WriteLine("@done");
            }
            catch (Exception ex)
            {
                Console.WriteLine($"@error {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
            }
        }
    }

    private static async Task<IReadOnlyList<Cookie>> SignInAsync(Uri baseUrl, CircuitAgent agent)
    {
        var container = await HubListener.SignInAsync(baseUrl, agent.Email, agent.Password);
        return container.GetAllCookies().Select(c => new Cookie { Name = c.Name, Value = c.Value, Url = baseUrl.GetLeftPart(UriPartial.Authority) }).ToList();
    }

    private static async Task<(IBrowserContext Context, IPage Page)> OpenAsync(IBrowser browser, Uri baseUrl, IReadOnlyList<Cookie> cookies)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            Locale = "en-US",
            TimezoneId = "UTC",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        await context.AddCookiesAsync(cookies);
        await context.AddInitScriptAsync(Probe);
        return (context, await context.NewPageAsync());
    }

    /// <summary>One cold load, left open (its bytes are counted by the server before it closes).</summary>
    private static async Task<(IBrowserContext, ColdLoad)> ColdLoadAsync(IBrowser browser, Uri baseUrl, IReadOnlyList<Cookie> cookies, CircuitAgent agent)
    {
        var (context, page) = await OpenAsync(browser, baseUrl, cookies);
        try
        {
            long webSocket = 0;
            var counting = true;
            page.WebSocket += (_, socket) =>
            {
                socket.FrameReceived += (_, frame) => { if (counting) Interlocked.Add(ref webSocket, Size(frame)); };
                socket.FrameSent += (_, frame) => { if (counting) Interlocked.Add(ref webSocket, Size(frame)); };
            };
            await page.GotoAsync($"inbox/{agent.ConversationId}", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
            var result = await page.WaitForFunctionAsync("() => window.__omniLoad", null, new() { Timeout = 60_000, PollingInterval = 20 });
            counting = false;
            var load = await result.JsonValueAsync<JsonElement>();
            return (context, new ColdLoad(
                load.GetProperty("documentMs").GetDouble(), load.GetProperty("domContentLoadedMs").GetDouble(), load.GetProperty("interactiveMs").GetDouble(),
                (long)load.GetProperty("httpBytes").GetDouble(), (long)load.GetProperty("decodedBytes").GetDouble(), Interlocked.Read(ref webSocket),
                load.GetProperty("requests").GetInt32(), load.GetProperty("largest").EnumerateArray().Select(e => e.GetString()!).ToList(), 0, 0));
        }
        catch
        {
            await CloseAsync(context);
            throw;
        }
    }

    /// <summary>As a person closes a tab: the page's unload handlers run, so Blazor tells the server the circuit has ended.</summary>
    private static async Task CloseAsync(IBrowserContext context)
    {
        foreach (var page in context.Pages.ToList()) await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
        var waited = Stopwatch.StartNew();
        while (context.Pages.Count > 0 && waited.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(20);
        await context.CloseAsync();
    }

    private static long Size(IWebSocketFrame frame) => frame.Binary?.Length ?? Encoding.UTF8.GetByteCount(frame.Text ?? "");
}
