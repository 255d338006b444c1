using Microsoft.Playwright;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>
/// The signed-in layout around every page: header with the current user, the left menu, the page heading.
/// Page objects for single pages can build on it (<c>new ShellPage(page).Heading</c>). In another language than English,
/// pass the left menu's accessible name as it reads there (<paramref name="menuName"/>, e.g. "Ana gezinti").
/// </summary>
public sealed class ShellPage(IPage page, string menuName = "Main navigation")
{
    public IPage Page => page;

    /// <summary>The page's root element, whose <c>lang</c> names the language the page is in.</summary>
    public ILocator Document => page.Locator("html");

    /// <summary>The page's one h1.</summary>
    public ILocator Heading => page.Locator("main h1");

    /// <summary>"Ada Admin · Admin" in the header.</summary>
    public ILocator CurrentUser => page.Locator("[data-testid=current-user]");

    /// <summary>The left menu (not the breadcrumb, which is a navigation landmark too).</summary>
    public ILocator Menu => page.GetByRole(AriaRole.Navigation, new() { Name = menuName });

    /// <summary>A left-menu entry by its visible text, e.g. "Accounts and channels".</summary>
    public ILocator MenuLink(string text) => Menu.GetByRole(AriaRole.Link, new() { Name = text });

    /// <summary>The menu button of the app bar that opens the left menu (it is a drawer behind this button on phones).</summary>
    public ILocator MenuButton => page.Locator("[data-testid=menu-button]");

    /// <summary>The account button at the right of the app bar: name, role, colour scheme and Sign out.</summary>
    public ILocator UserMenuButton => page.Locator("[data-testid=user-menu-button]");

    public ILocator SignOutButton => page.Locator("[data-testid=sign-out]");

    /// <summary>A language of the account menu by its code ("tr"); it reads as the language names itself ("Türkçe").</summary>
    public ILocator LanguageButton(string code) => page.Locator($"[data-testid=language-{code}]");

    /// <summary>Every language of the open account menu, in its order.</summary>
    public ILocator LanguageButtons => page.Locator("[data-testid=language-menu] button[name=language]");

    /// <summary>The presence button in the app bar (agents and supervisors) and what it shows.</summary>
    public ILocator PresenceButton => page.Locator("[data-testid=presence-button]");
    public ILocator PresenceShown => page.Locator("[data-testid=presence-current]");

    /// <summary>Opens the account menu and presses Sign out.</summary>
    public async Task SignOutAsync()
    {
        await UserMenuButton.ClickAsync();
        await SignOutButton.ClickAsync();
    }

    /// <summary>
    /// Chooses a language (its code, "tr") in the account menu, opening the menu unless it is open; the page comes back
    /// in it. Waits until the reloaded page says so in <c>&lt;html lang&gt;</c> and is interactive again.
    /// </summary>
    public async Task ChooseLanguageAsync(string code)
    {
        await WaitUntilInteractiveAsync();
        // The menu button toggles, so a second click would close a menu the caller opened to look at it.
        if (!await LanguageButton(code).IsVisibleAsync()) await UserMenuButton.ClickAsync();
        await page.RunAndWaitForResponseAsync(() => LanguageButton(code).ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.Contains("/account/language", StringComparison.Ordinal));
        await Assertions.Expect(Document).ToHaveAttributeAsync("lang", code);
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
