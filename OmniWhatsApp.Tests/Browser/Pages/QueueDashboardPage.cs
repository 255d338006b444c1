using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>/supervisor: the live queue dashboard, its queue cards, closing windows and one queue's conversations.</summary>
public sealed class QueueDashboardPage(IPage page)
{
    public const string Path = "supervisor";

    public IPage Page => page;
    public ShellPage Shell { get; } = new(page);

    public static async Task<QueueDashboardPage> OpenAsync(IPage page, int? queueId = null)
    {
        await page.GotoAsync(queueId is { } id ? $"{Path}?queue={id}" : Path);
        var dashboard = new QueueDashboardPage(page);
        await dashboard.Shell.WaitUntilInteractiveAsync();
        await Expect(dashboard.Totals).ToBeVisibleAsync();
        return dashboard;
    }

    public ILocator Totals => page.Locator("[data-testid=totals]");
    public ILocator TotalWaiting => page.Locator("[data-testid=total-waiting]");

    public QueueCardPart Queue(int queueId) => new(page.Locator($"[data-testid=queue-card][data-queue-id='{queueId}']"));

    public ILocator ClosingRow(int conversationId) => page.Locator($"[data-testid=closing-row][data-conversation-id='{conversationId}']");

    /// <summary>The conversation lists of the chosen queue.</summary>
    public ILocator Conversations => page.Locator("[data-testid=queue-conversations]");
    public ILocator WaitingTotal => Conversations.Locator("[data-testid=waiting-total]");
    public ILocator ActiveTotal => Conversations.Locator("[data-testid=active-total]");
    public ILocator WaitingRow(int conversationId) => Conversations.Locator($"[data-testid=waiting-row][data-conversation-id='{conversationId}']");
    public ILocator ActiveRow(int conversationId) => Conversations.Locator($"[data-testid=active-row][data-conversation-id='{conversationId}']");

    /// <summary>The assign dialog that Assign or Reassign opened.</summary>
    public ILocator Dialog => page.Locator("[data-testid=assign-dialog]");
    public ILocator DialogChoice(string agentId) => Dialog.Locator($"[data-testid=assign-choice][data-agent-id='{agentId}']");

    /// <summary>Presses Assign (or Reassign) on a row and chooses the agent in the dialog.</summary>
    public async Task AssignAsync(ILocator row, string agentId)
    {
        await row.Locator("[data-testid=assign]").ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
        await DialogChoice(agentId).Locator("[data-testid=assign-to]").ClickAsync();
        await Expect(Dialog).ToBeHiddenAsync();
    }
}

/// <summary>One queue's card on the dashboard.</summary>
public sealed class QueueCardPart(ILocator card)
{
    public ILocator Card => card;
    public ILocator Waiting => card.Locator("[data-testid=waiting-count]");
    public ILocator LongestWait => card.Locator("[data-testid=longest-wait]");
    public ILocator AverageWait => card.Locator("[data-testid=average-wait]");
    public ILocator Active => card.Locator("[data-testid=active-count]");
    public ILocator Agent(string agentId) => card.Locator($"[data-testid=agent-row][data-agent-id='{agentId}']");
    public ILocator AgentLoad(string agentId) => Agent(agentId).Locator("[data-testid=load] .load-text");
    public ILocator PresenceCount(string presence) => card.Locator($"[data-testid=presence-counts] [data-presence='{presence}'] strong");
    public ILocator ShowConversations => card.Locator("[data-testid=show-conversations]");
}
