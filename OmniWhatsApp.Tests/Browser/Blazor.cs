using Microsoft.Playwright;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>What a test needs to know about Blazor's client in the page.</summary>
public static class Blazor
{
    /// <summary>True once blazor.web.js has started a server circuit (it defines <c>Blazor.disconnect</c> then).</summary>
    private const string CircuitStarted = "typeof window.Blazor?.disconnect === 'function'";

    /// <summary>
    /// Routes.razor's <c>&lt;FocusOnNavigate Selector="h1"&gt;</c> runs only in an interactive render and gives the
    /// heading a tabindex when it focuses it, so a heading with a tabindex means the page has rendered interactively.
    /// </summary>
    private const string RenderedInteractively = "document.querySelector('h1[tabindex]') !== null";

    /// <summary>
    /// Waits until the page's circuit is connected and the page has rendered interactively, so clicks reach the
    /// components' C# handlers. Pages are prerendered first: before this, buttons look ready but do nothing.
    /// </summary>
    public static async Task WaitUntilInteractiveAsync(IPage page, float timeoutMs = 15_000)
    {
        try
        {
            await page.WaitForFunctionAsync($"() => {CircuitStarted} && {RenderedInteractively}", null, new() { Timeout = timeoutMs });
        }
        catch (TimeoutException)
        {
            var state = await page.EvaluateAsync<string>(
                $"() => `Blazor script loaded: ${{typeof window.Blazor === 'object'}}, circuit started: ${{{CircuitStarted}}}, interactive render: ${{{RenderedInteractively}}}`");
            throw new TimeoutException($"{page.Url} did not become interactive within {timeoutMs} ms ({state}).");
        }
    }

    /// <summary>Marks the current document; <see cref="WasReloadedAsync"/> then tells whether a full page load replaced it.</summary>
    public static Task MarkDocumentAsync(IPage page) => page.EvaluateAsync("() => { window.__omniTestMark = true; }");

    public static async Task<bool> WasReloadedAsync(IPage page) => !await page.EvaluateAsync<bool>("() => window.__omniTestMark === true");
}
