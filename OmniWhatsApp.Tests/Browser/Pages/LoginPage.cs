using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>/account/login: a static server-rendered form that sets the sign-in cookie.</summary>
public sealed partial class LoginPage(IPage page)
{
    public const string Path = "account/login";

    public IPage Page => page;
    public ILocator Email => page.Locator("#email");
    public ILocator Password => page.Locator("#password");
    public ILocator SignInButton => page.Locator("[data-testid=sign-in]");

    /// <summary>The "wrong email or password" / "locked" message.</summary>
    public ILocator Error => page.Locator("[data-testid=login-error]");

    /// <summary>The message under a field ("Enter your email address.").</summary>
    public ILocator EmailMessage => FieldMessage("email");
    public ILocator PasswordMessage => FieldMessage("password");

    private ILocator FieldMessage(string id) => page.Locator($".mud-input-control:has(#{id}) .mud-input-helper-text.mud-input-error");

    public static async Task<LoginPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        var login = new LoginPage(page);
        await Assertions.Expect(login.SignInButton).ToBeVisibleAsync();
        return login;
    }

    /// <summary>Fills the form and presses Sign in, without waiting for the outcome.</summary>
    public async Task SubmitAsync(string email, string password)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await SignInButton.ClickAsync();
    }

    /// <summary>Fills the form, presses Sign in and waits for the server's answer to the post (the page it renders).</summary>
    public async Task SubmitAndWaitAsync(string email, string password)
    {
        await page.RunAndWaitForResponseAsync(() => SubmitAsync(email, password),
            response => response.Request.Method == "POST" && response.Url.Contains("/account/login", StringComparison.Ordinal));
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>Signs in and waits until the browser has left the sign-in page; fails with the page's message if it stays.</summary>
    public async Task SignInAsync(string email, string password)
    {
        await SubmitAsync(email, password);
        try
        {
            // Signing in hashes the password and writes the sign-in: on a busy test machine that can take a while. Left
            // means the next page's navigation is committed; its own load is the caller's to wait for (it failed here
            // once under load although the sign-in had gone through and the start page came).
            await page.WaitForURLAsync(OtherThanLogin(), new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException)
        {
            var message = await Error.IsVisibleAsync() ? await Error.InnerTextAsync() : "no message shown";
            throw new InvalidOperationException($"Signing in as {email} did not leave the sign-in page ({message}).");
        }
    }

    [GeneratedRegex("^(?!.*/account/login).*$")]
    private static partial Regex OtherThanLogin();
}
