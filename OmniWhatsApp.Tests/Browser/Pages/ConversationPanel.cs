using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Radzen;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>
/// The shared conversation view (in the inbox and on /conversations/{id}): header with the window countdown,
/// the timeline, the composer with quick replies and the template picker.
/// </summary>
public sealed class ConversationPanel(ILocator root)
{
    public ILocator Root => root;
    public IPage Page => root.Page;

    public ILocator CustomerName => root.Locator("[data-testid=customer-name]");
    public ILocator CustomerPhone => root.Locator("[data-testid=customer-phone]");
    public ILocator Countdown => root.Locator(".conversation-header [data-testid=window-countdown]");
    public ILocator Refused => root.Locator("[data-testid=conversation-refused]");
    public ILocator ReadOnlyNotice => root.Locator("[data-testid=read-only]");

    public ILocator Messages => root.Locator("[data-testid=message]");
    public ILocator Message(string text) => Messages.Filter(new() { HasText = text });
    public ILocator SystemLines => root.Locator("[data-testid=system-line]");
    public ILocator SystemLine(string text) => SystemLines.Filter(new() { HasText = text });
    public static ILocator Ticks(ILocator message) => message.Locator("[data-testid=ticks]");

    public ILocator Composer => root.Locator("[data-testid=composer]");
    public ILocator Text => root.Locator("[data-testid=composer-text]");
    public ILocator Send => root.Locator("[data-testid=composer-send]");
    public ILocator FileInput => root.Locator("[data-testid=composer-file-input]");
    public ILocator AttachButton => root.Locator("[data-testid=composer-attach]");
    public ILocator ChosenFile => root.Locator("[data-testid=composer-file]");
    public ILocator WindowClosedReason => root.Locator("[data-testid=window-closed-reason]");
    public ILocator SendProblem => root.Locator("[data-testid=send-problem]");
    public ILocator QuickReplies => root.Locator("[data-testid=quick-reply]");

    public ILocator TemplatePicker => root.Locator("[data-testid=template-picker]");
    public ILocator TemplatePreview => TemplatePicker.Locator("[data-testid=template-preview]");
    public ILocator TemplateValue(int n) => TemplatePicker.Locator($"input[name='template-value-{n}']");
    public ILocator SendTemplate => TemplatePicker.Locator("[data-testid=send-template]");

    public ILocator Transfer => root.Locator("[data-testid=transfer]");
    public ILocator Resolve => root.Locator("[data-testid=resolve]");
    public ILocator TransferDialog => Page.Locator("[data-testid=transfer-dialog]");

    /// <summary>Types into the composer (as a person would, so "/" opens the quick replies) and presses Enter.</summary>
    public async Task SendTextAsync(string text)
    {
        await Text.FillAsync(text);
        await Text.PressAsync("Enter");
    }

    public async Task ChooseTemplateAsync(string name) => await TemplatePicker.Dropdown("template").SelectAsync(name);

    /// <summary>Opens the transfer dialog, picks the option with this text and confirms.</summary>
    public async Task TransferToAsync(string target)
    {
        await Transfer.ClickAsync();
        await Expect(TransferDialog).ToBeVisibleAsync();
        await TransferDialog.Locator("[data-testid=transfer-option]").Filter(new() { HasText = target }).ClickAsync();
        await TransferDialog.Locator("[data-testid=transfer-confirm]").ClickAsync();
        await Expect(TransferDialog).ToBeHiddenAsync();
    }
}
