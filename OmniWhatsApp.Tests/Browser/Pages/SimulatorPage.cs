using Microsoft.Playwright;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>The customer simulator: a phone that writes to a business number through the emulated Twilio.</summary>
public sealed class SimulatorPage(IPage page)
{
    public static async Task<SimulatorPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("simulator");
        await Blazor.WaitUntilInteractiveAsync(page);
        return new SimulatorPage(page);
    }

    public ILocator CustomerPhone => page.Locator("input[name=sim-phone]");
    public ILocator CustomerName => page.Locator("input[name=sim-name]");
    public ILocator Text => page.Locator("[data-testid=sim-text]");
    public ILocator Send => page.Locator("[data-testid=sim-send]");
    public ILocator Messages => page.Locator("[data-testid=sim-message]");
    public ILocator Problem => page.Locator("[data-testid=sim-problem]");

    public ILocator Message(string text) => Messages.Filter(new() { HasText = text });

    public async Task ChooseBusinessNumberAsync(string number)
    {
        await page.Locator(".rz-dropdown:has(input[name=sim-business])").ClickAsync();
        await page.Locator(".rz-dropdown-item").Filter(new() { HasText = number }).First.ClickAsync();
    }

    public async Task AsCustomerAsync(string name, string phone)
    {
        await CustomerName.FillAsync(name);
        await CustomerPhone.FillAsync(phone);
        await CustomerPhone.PressAsync("Tab");
    }

    public async Task SendAsync(string text)
    {
        await Text.FillAsync(text);
        await Send.ClickAsync();
    }
}
