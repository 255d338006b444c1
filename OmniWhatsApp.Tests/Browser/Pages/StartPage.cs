using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>/: the admin's start page with the setup checklist.</summary>
public sealed class StartPage(IPage page)
{
    public ShellPage Shell { get; } = new(page);
    public ILocator Checklist => page.Locator("[data-testid=setup-checklist]");

    /// <summary>The checklist item whose title is <paramref name="title"/>; <c>data-done</c> says whether it has its tick.</summary>
    public ILocator Step(string title) => Checklist.Locator("li").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }) });

    public static async Task<StartPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("");
        var start = new StartPage(page);
        await Expect(start.Checklist).ToBeVisibleAsync();
        return start;
    }
}
