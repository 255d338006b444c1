using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>
/// One headless Chromium for the browser tests, driven by Playwright. The browser is the system's Chromium
/// (<c>CHROMIUM_PATH</c>, else /usr/bin/chromium; build/test.sh installs it): Playwright's own browser download is
/// not available here. Each test gets a fresh context (cookies, storage) through <see cref="NewSessionAsync"/> or
/// <see cref="SignInAsync"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    public static readonly IReadOnlyList<string> ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private readonly ConcurrentDictionary<(string Host, string Email), string> signedIn = new();
    private IPlaywright? playwright;
    private IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not been started.");

    /// <summary>Where sessions leave their screenshots: under the test output folder, never in the repository.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static string ChromiumPath()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        var path = string.IsNullOrWhiteSpace(configured) ? DefaultChromiumPath : configured;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {path}. Run ./build/test.sh, which installs it, or set CHROMIUM_PATH to a Chromium executable.");
        }
        return path;
    }

    public async Task InitializeAsync()
    {
        var executable = ChromiumPath();
        // Interactive pages need a moment after load to connect their circuit; the default 5 s is tight on a busy machine.
        Assertions.SetDefaultExpectTimeout(10_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A new browser context and page on <paramref name="app"/>, signed in as nobody.</summary>
    /// <summary>A new browser session, not signed in; <paramref name="locale"/> is the browser's language (Accept-Language).</summary>
    public Task<BrowserSession> NewSessionAsync(AppHost app, string locale = "en-US", [CallerFilePath] string testFile = "", [CallerMemberName] string testName = "") =>
        CreateSessionAsync(app, storageState: null, testFile, testName, locale);

    private async Task<BrowserSession> CreateSessionAsync(AppHost app, string? storageState, string testFile, string testName, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            StorageState = storageState,
            BaseURL = app.BaseUrl.ToString(),
            Locale = locale,
            TimezoneId = "UTC",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(15_000);
        // Every page reports what the Content-Security-Policy blocked, so that each browser test also checks the policy.
        await context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));");
        var page = await context.NewPageAsync();
        return new BrowserSession(app, context, page, $"{Path.GetFileNameWithoutExtension(testFile)}.{testName}");
    }

    /// <summary>
    /// A new session already signed in as <paramref name="user"/> (one of <see cref="DemoData.Users"/>), on the page the
    /// sign-in lands on. The first session of a user on a host goes through the sign-in form; later ones start with
    /// that session's cookies, which saves a sign-in per test (tests of the sign-in itself use <see cref="LoginPage"/>).
    /// </summary>
    public async Task<BrowserSession> SignInAsync(AppHost app, DemoData.DemoUser user, [CallerFilePath] string testFile = "", [CallerMemberName] string testName = "")
    {
        var key = (app.DataFolder, user.Email);
        var session = await CreateSessionAsync(app, signedIn.GetValueOrDefault(key), testFile, testName);
        try
        {
            if (signedIn.ContainsKey(key))
            {
                await session.Page.GotoAsync("");
                return session;
            }
            var login = await LoginPage.OpenAsync(session.Page);
            await login.SignInAsync(user.Email, user.Password);
            signedIn[key] = await session.Context.StorageStateAsync();
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
    }
}

/// <summary>
/// One browser context and page on one app host. Records the page's script errors (a broken Blazor script shows
/// up here first) and leaves a screenshot of the last state when disposed, named after the test. Disposing it fails
/// the test if anything the page did was blocked by the app's Content-Security-Policy.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> errors = [];
    private readonly List<string> violations = [];
    private readonly string name;

    internal BrowserSession(AppHost app, IBrowserContext context, IPage page, string name)
    {
        App = app;
        Context = context;
        Page = page;
        this.name = name;
        page.Console += (_, message) =>
        {
            if (message.Type != "error") return;
            lock (errors) errors.Add($"console: {message.Text}");
            if (message.Text.StartsWith("CSP violation:", StringComparison.Ordinal)) lock (violations) violations.Add(message.Text);
        };
        page.PageError += (_, error) =>
        {
            lock (errors) errors.Add($"page error: {error}");
        };
    }

    public AppHost App { get; }
    public IBrowserContext Context { get; }
    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions the page reported so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (errors) return errors.ToList();
        }
    }

    /// <summary>A phone's viewport (390 × 844 CSS pixels, an iPhone 12–15): the layout below MudBlazor's md breakpoint.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>Continues at phone width (the page re-lays itself out; no reload).</summary>
    public Task UsePhoneWidthAsync() => Page.SetViewportSizeAsync(Phone.Width, Phone.Height);

    /// <summary>Saves a screenshot (the whole page, or what the window shows) as screenshots/{test}.{label}.png under the test output folder; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string label, bool fullPage = true)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotFolder);
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}.{label}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!Page.IsClosed) await ScreenshotAsync("last");
        }
        catch (PlaywrightException)
        {
            // A screenshot is a convenience; a page that cannot take one must not hide the test's own outcome.
        }
        await Context.CloseAsync();
        lock (violations)
        {
            if (violations.Count > 0)
            {
                throw new InvalidOperationException($"The page broke its Content-Security-Policy:{Environment.NewLine}{string.Join(Environment.NewLine, violations.Distinct())}");
            }
        }
    }
}

/// <summary>Browser tests share one app host and one browser; each test still gets its own browser context.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<AppHost>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
