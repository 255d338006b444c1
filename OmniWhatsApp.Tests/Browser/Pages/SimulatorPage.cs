using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Mud;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>The customer simulator: a phone that writes to a business number through the emulated Twilio.</summary>
public sealed class SimulatorPage(IPage page)
{
    public const string Path = "simulator";

    public static async Task<SimulatorPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        await Blazor.WaitUntilInteractiveAsync(page);
        return new SimulatorPage(page);
    }

    public IPage Page => page;
    /// <summary>The business number select (it shows "number · display name", so its test id is on the shown box, not an input).</summary>
    public ILocator BusinessNumber => page.Locator("[data-testid=sim-business]");
    public ILocator CustomerPhone => page.Locator("body").Field("sim-phone");
    public ILocator CustomerName => page.Locator("body").Field("sim-name");
    public ILocator CustomerPhoneMessage => page.Locator("body").FieldMessage("sim-phone");
    public ILocator Text => page.Locator("[data-testid=sim-text]");
    public ILocator Send => page.Locator("[data-testid=sim-send]");
    public ILocator FileInput => page.Locator(".phone-composer input[type=file]");
    public ILocator ChosenFile => page.Locator("[data-testid=sim-chosen-file]");
    public ILocator Chat => page.Locator("[data-testid=sim-chat]");
    public ILocator Messages => page.Locator("[data-testid=sim-message]");
    public ILocator Problem => page.Locator("[data-testid=sim-problem]");
    public ILocator WindowState => page.Locator("[data-testid=sim-window-state]");
    public ILocator EndWindow => page.Locator("[data-testid=sim-end-window]");

    /// <summary>The button that appears when messages arrive while the reader has scrolled up.</summary>
    public ILocator NewMessagesButton => page.Locator("[data-testid=sim-new-messages]");

    public ILocator Message(string text) => Messages.Filter(new() { HasText = text });

    /// <summary>The bar above the composer while the customer is replying to (quoting) a message.</summary>
    public ILocator Replying => page.Locator("[data-testid=sim-replying]");

    /// <summary>The customer swipes to reply: their next text quotes <paramref name="message"/>.</summary>
    public Task ReplyToAsync(ILocator message) => message.Locator("[data-testid=sim-reply]").ClickAsync();

    /// <summary>What one of the customer's own messages quotes.</summary>
    public static ILocator Quote(ILocator message) => message.Locator("[data-testid=sim-quote]");

    /// <summary>The size shown beside a message's attachment, e.g. "2 KB".</summary>
    public static ILocator FileSize(ILocator message) => message.Locator("[data-testid=sim-file-size]");

    /// <summary>A business message's list button (opens its rows) and the rows, once open.</summary>
    public static ILocator ListButton(ILocator message) => message.Locator("[data-testid=sim-list-button]");
    public static ILocator Row(ILocator message, string title) => message.Locator("[data-testid=sim-row]").Filter(new() { HasText = title });
    public static ILocator ReplyButton(ILocator message, string title) => message.Locator("[data-testid=sim-reply-button]").Filter(new() { HasText = title });

    public async Task ChooseBusinessNumberAsync(string number)
    {
        var list = page.OpenList();
        await BusinessNumber.ClickAsync();
        await list.GetByRole(AriaRole.Option).Filter(new() { HasText = number }).First.ClickAsync();
        await Expect(list).ToHaveCountAsync(0);
        await Expect(BusinessNumber).ToContainTextAsync(number);
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

    /// <summary>Whether the chat shows its newest message (scrolled to the end, give or take a few pixels).</summary>
    public Task<bool> IsAtNewestAsync() =>
        Chat.EvaluateAsync<bool>("e => e.scrollHeight - e.scrollTop - e.clientHeight < 4");

    /// <summary>Scrolls the chat to its first message, as a reader going back would.</summary>
    public Task ScrollToOldestAsync() => Chat.EvaluateAsync("e => e.scrollTop = 0");
}
