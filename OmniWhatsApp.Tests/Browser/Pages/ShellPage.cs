using Microsoft.Playwright;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>
/// The signed-in layout around every page: header with the current user, the left menu, the page heading.
/// Page objects for single pages can build on it (<c>new ShellPage(page).Heading</c>).
/// </summary>
public sealed class ShellPage(IPage page)
{
    public IPage Page => page;

    /// <summary>The page's one h1.</summary>
    public ILocator Heading => page.Locator("main h1");

    /// <summary>"Ada Admin · Admin" in the header.</summary>
    public ILocator CurrentUser => page.Locator("[data-testid=current-user]");

    /// <summary>The left menu (not the breadcrumb, which is a navigation landmark too).</summary>
    public ILocator Menu => page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });

    /// <summary>A left-menu entry by its visible text, e.g. "Accounts and channels".</summary>
    public ILocator MenuLink(string text) => Menu.GetByRole(AriaRole.Link, new() { Name = text });

    /// <summary>The menu button of the app bar that opens the left menu (it is a drawer behind this button on phones).</summary>
    public ILocator MenuButton => page.Locator("[data-testid=menu-button]");

    /// <summary>The account button at the right of the app bar: name, role, colour scheme and Sign out.</summary>
    public ILocator UserMenuButton => page.Locator("[data-testid=user-menu-button]");

    public ILocator SignOutButton => page.Locator("[data-testid=sign-out]");

    /// <summary>The presence button in the app bar (agents and supervisors) and what it shows.</summary>
    public ILocator PresenceButton => page.Locator("[data-testid=presence-button]");
    public ILocator PresenceShown => page.Locator("[data-testid=presence-current]");

    /// <summary>Opens the account menu and presses Sign out.</summary>
    public async Task SignOutAsync()
    {
        await UserMenuButton.ClickAsync();
        await SignOutButton.ClickAsync();
    }

    /// <summary>Opens the account menu and chooses a console language ("en", "tr", "ru"); the page comes back in it.</summary>
    public async Task ChooseLanguageAsync(string code)
    {
        await WaitUntilInteractiveAsync();
        await UserMenuButton.ClickAsync();
        await page.RunAndWaitForResponseAsync(() => page.Locator($"[data-testid=language-{code}]").ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.Contains("/account/language", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", code);
        await WaitUntilInteractiveAsync();
    }

    /// <summary>Opens the presence menu and chooses a presence by its label ("Away").</summary>
    public async Task ChoosePresenceAsync(string label)
    {
        await PresenceButton.ClickAsync();
        await page.Locator("[data-testid=presence-choice]").Filter(new() { HasText = label }).ClickAsync();
    }

    /// <summary>
    /// Waits until the page's Blazor circuit is connected and its components are interactive, so a click
    /// reaches C# event handlers instead of the prerendered HTML. See <see cref="Blazor.WaitUntilInteractiveAsync"/>.
    /// </summary>
    public Task WaitUntilInteractiveAsync() => Blazor.WaitUntilInteractiveAsync(page);
}
