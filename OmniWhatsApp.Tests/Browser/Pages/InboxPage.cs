using Microsoft.Playwright;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>/inbox: the agent's conversation list (and the queues' waiting ones) beside the chosen conversation.</summary>
public sealed class InboxPage(IPage page)
{
    public const string Path = "inbox";

    public IPage Page => page;

    public static async Task<InboxPage> OpenAsync(IPage page, int? conversationId = null)
    {
        await page.GotoAsync(conversationId is { } id ? $"{Path}/{id}" : Path);
        await Blazor.WaitUntilInteractiveAsync(page);
        return new InboxPage(page);
    }

    public ILocator Heading => page.Locator("main h1");
    public ILocator Items => page.Locator("[data-testid=inbox-item]");
    public ILocator Item(int conversationId) => page.Locator($"[data-testid=inbox-item][data-conversation-id='{conversationId}']");
    public ILocator UnreadBadge(int conversationId) => Item(conversationId).Locator("[data-testid=unread-badge]");
    public ILocator WaitingItem(int conversationId) => page.Locator($"[data-testid=waiting-item][data-conversation-id='{conversationId}']");
    public ILocator Preview(int conversationId) => Item(conversationId).Locator("[data-testid=inbox-item-preview]");

    /// <summary>The list side (hidden on a phone while a conversation is open).</summary>
    public ILocator List => page.Locator("[data-testid=inbox] .inbox-list");
    public ILocator Placeholder => page.Locator("[data-testid=inbox-placeholder]");

    /// <summary>Whether the page is wider than the window (a phone would scroll sideways).</summary>
    public Task<bool> ScrollsSidewaysAsync() =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");

    /// <summary>The conversation shown beside the list.</summary>
    public ConversationPanel Conversation => new(page.Locator("[data-testid=conversation]"));
}
