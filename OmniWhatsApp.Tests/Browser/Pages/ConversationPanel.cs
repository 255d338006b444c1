using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Mud;
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

    /// <summary>
    /// The messages whose text is <paramref name="line"/>, or starts with it as its first line: "Message 1" is neither
    /// "Message 12" nor a bubble whose "Message 1" runs into its time ("Message 120:25").
    /// </summary>
    public ILocator MessageStartingWith(string line) => Messages.Filter(new()
    {
        Has = root.Page.Locator("[data-testid=message-text]", new() { HasTextRegex = new Regex("^" + Regex.Escape(line) + @"(\s|$)") }),
    });
    public ILocator SystemLines => root.Locator("[data-testid=system-line]");
    public ILocator SystemLine(string text) => SystemLines.Filter(new() { HasText = text });
    public static ILocator Ticks(ILocator message) => message.Locator("[data-testid=ticks]");

    /// <summary>The quoted message shown above a reply, with its author and text.</summary>
    public static ILocator Quote(ILocator message) => message.Locator("[data-testid=message-quote]");
    public static ILocator QuoteAuthor(ILocator message) => Quote(message).Locator("[data-testid=quote-author]");
    public static ILocator QuoteText(ILocator message) => Quote(message).Locator("[data-testid=quote-text]");

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
    public ILocator TemplateValue(int n) => TemplatePicker.Field($"template-value-{n}");
    public ILocator SendTemplate => TemplatePicker.Locator("[data-testid=send-template]");

    /// <summary>A supervisor's Take over on a conversation the bot holds.</summary>
    public ILocator TakeOver => root.Locator("[data-testid=take-over]");

    /// <summary>The bot's messages, and the mark that says so in place of an author.</summary>
    public ILocator BotMessages => root.Locator("[data-testid=message][data-kind=bot]");
    public static ILocator BotMark(ILocator message) => message.Locator("[data-testid=bot-mark]");

    public ILocator Transfer => root.Locator("[data-testid=transfer]");
    public ILocator Resolve => root.Locator("[data-testid=resolve]");

    /// <summary>The open transfer dialog (its options, Cancel and Transfer).</summary>
    public ILocator TransferDialog => Page.OpenDialog().Filter(new() { Has = Page.Locator("[data-testid=transfer-dialog]") });

    /// <summary>"Resolved", "Waiting in …", "With the bot" or "Read-only" beside the customer's name.</summary>
    public ILocator Status => root.Locator("[data-testid=conversation-status]");

    /// <summary>The back arrow in the header (the inbox on a phone).</summary>
    public ILocator Back => root.Locator("[data-testid=conversation-back]");

    public ILocator Timeline => root.Locator("[data-testid=timeline]");

    /// <summary>The pill that shows when messages arrive while the reader has scrolled up.</summary>
    public ILocator NewMessages => root.Locator("[data-testid=new-messages]");

    /// <summary>"42 / 1,600" under the text box, and the message when the text is too long to send.</summary>
    public ILocator Counter => root.Locator("[data-testid=composer-counter]");
    public ILocator TooLong => root.Locator("[data-testid=composer-too-long]");

    /// <summary>The menu beside the text box that opens the form for reply buttons, a list or a location.</summary>
    public ILocator RichMenu => root.Locator("[data-testid=composer-rich] button").First;

    /// <summary>The open form for buttons, a list or a location.</summary>
    public ILocator RichDialog => Page.OpenDialog().Filter(new() { Has = Page.Locator("[data-testid=rich-dialog]") });

    /// <summary>The quote of the message being answered, above the text box.</summary>
    public ILocator ReplyQuote => root.Locator("[data-testid=composer-quote]");

    /// <summary>Opens the list form from the composer's menu, fills it in and sends it; the dialog closes once it is stored.</summary>
    public async Task SendListAsync(string text, string button, params string[] rows)
    {
        await RichMenu.ClickAsync();
        await Page.Locator("[data-testid=rich-list-item]").ClickAsync();
        await Expect(RichDialog).ToBeVisibleAsync();
        await RichDialog.Locator("[data-testid=rich-body]").FillAsync(text);
        await RichDialog.Locator("[data-testid=rich-list-button-text]").FillAsync(button);
        for (var i = 0; i < rows.Length; i++)
        {
            if (i >= await RichDialog.Locator("[data-testid=rich-row-line]").CountAsync()) await RichDialog.Locator("[data-testid=rich-add-row]").ClickAsync();
            await RichDialog.Locator("[data-testid=rich-row-title]").Nth(i).FillAsync(rows[i]);
        }
        await RichDialog.Locator("[data-testid=rich-send]").ClickAsync();
        await Expect(RichDialog).ToBeHiddenAsync();
    }

    /// <summary>Types into the composer (as a person would, so "/" opens the quick replies) and presses Enter.</summary>
    public async Task SendTextAsync(string text)
    {
        await Text.FillAsync(text);
        await Text.PressAsync("Enter");
    }

    public async Task ChooseTemplateAsync(string name) => await TemplatePicker.Field("template-choice").SelectAsync(name);

    /// <summary>Presses Resolve and confirms in the message box (resolving sends the customer the closing message).</summary>
    public async Task ResolveAsync()
    {
        await Resolve.ClickAsync();
        await Page.DialogButton("Resolve").ClickAsync();
        await Expect(Page.OpenDialog()).ToHaveCountAsync(0);
    }

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
