using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Mud;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>/supervisor: the live queue dashboard, its queue cards, unrouted conversations, those with the bot, closing windows and one queue's conversations.</summary>
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
    public ILocator QueueCards => page.Locator("[data-testid=queue-card]");

    /// <summary>Unrouted: the conversations waiting in no queue (the section shows only while there are some).</summary>
    public ILocator Unrouted => page.Locator("[data-testid=unrouted]");
    public ILocator UnroutedTotal => Unrouted.Locator("[data-testid=unrouted-total]");
    public ILocator UnroutedRow(int conversationId) => Row(Unrouted.Locator("[data-testid=unrouted-list]"), conversationId);

    /// <summary>The dialog Assign opens on an unrouted conversation: its queue, then optionally one of the queue's members.</summary>
    public ILocator UnroutedDialog => page.OpenDialog().Filter(new() { Has = page.Locator("[data-testid=unrouted-dialog]") });
    public ILocator UnroutedQueueSelect => UnroutedDialog.Field("unrouted-queue");
    public ILocator UnroutedChoice(string agentId) => UnroutedDialog.Locator($"[data-testid=unrouted-choice][data-agent-id='{agentId}']");

    /// <summary>Presses Assign on an unrouted row, chooses the queue (and the agent, if given) and confirms.</summary>
    public async Task AssignUnroutedAsync(ILocator row, string queue, string? agentId = null)
    {
        await AssignButton(row).ClickAsync();
        await Expect(UnroutedDialog).ToBeVisibleAsync();
        await UnroutedQueueSelect.SelectAsync(queue);
        if (agentId is not null)
        {
            await UnroutedChoice(agentId).ClickAsync();
            await Expect(UnroutedChoice(agentId).Locator("input[type=radio]")).ToBeCheckedAsync();
        }
        await UnroutedDialog.Locator("[data-testid=assign-confirm]").ClickAsync();
        await Expect(UnroutedDialog).ToHaveCountAsync(0);
    }

    /// <summary>With bot: the conversations the bot holds (the section shows only while there are some), and their total.</summary>
    public ILocator TotalWithBot => page.Locator("[data-testid=total-with-bot]");
    public ILocator WithBot => page.Locator("[data-testid=with-bot]");
    public ILocator WithBotTotal => WithBot.Locator("[data-testid=with-bot-total]");
    public ILocator WithBotRow(int conversationId) => Row(WithBot.Locator("[data-testid=with-bot-list]"), conversationId);
    public static ILocator TakeOverButton(ILocator row) => row.Locator("[data-testid=take-over]");
    public static ILocator LastMessage(ILocator row) => row.Locator("[data-testid=last-message]");

    /// <summary>The list of windows closing within the hour (a data grid; its rows are cards on a phone).</summary>
    public ILocator ClosingWindows => page.Locator("[data-testid=closing-windows]");
    public ILocator ClosingRow(int conversationId) => Row(ClosingWindows, conversationId);

    /// <summary>The conversation lists of the chosen queue, and the select that chooses it.</summary>
    public ILocator Conversations => page.Locator("[data-testid=queue-conversations]");
    public ILocator QueueSelect => Conversations.Locator("[data-testid=conversations-queue]");
    public ILocator WaitingTotal => Conversations.Locator("[data-testid=waiting-total]");
    public ILocator ActiveTotal => Conversations.Locator("[data-testid=active-total]");
    public ILocator WaitingRow(int conversationId) => Row(Conversations.Locator("[data-testid=waiting-list]"), conversationId);
    public ILocator ActiveRow(int conversationId) => Row(Conversations.Locator("[data-testid=active-list]"), conversationId);

    /// <summary>What a row says about the conversation's 24-hour window ("closes in …", or closed and templates only).</summary>
    public static ILocator Window(ILocator row) => row.Locator("[data-testid=window-open], [data-testid=window-closed]");

    public static ILocator AssignButton(ILocator row) => row.Locator("[data-testid=assign]");
    public static ILocator OpenLink(ILocator row) => row.Locator("[data-testid=open]");

    /// <summary>The assign dialog that Assign or Reassign opened.</summary>
    public ILocator Dialog => page.OpenDialog().Filter(new() { Has = page.Locator("[data-testid=assign-dialog]") });
    public ILocator DialogChoice(string agentId) => Dialog.Locator($"[data-testid=assign-choice][data-agent-id='{agentId}']");
    public ILocator DialogChoices => Dialog.Locator("[data-testid=assign-choice]");
    public ILocator OverCapacityWarning => Dialog.Locator("[data-testid=over-capacity]");
    public ILocator ConfirmButton => Dialog.Locator("[data-testid=assign-confirm]");

    /// <summary>Presses Assign (or Reassign) on a row and picks the agent in the dialog, without confirming.</summary>
    public async Task ChooseAsync(ILocator row, string agentId)
    {
        await AssignButton(row).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
        await DialogChoice(agentId).ClickAsync();
        await Expect(DialogChoice(agentId).Locator("input[type=radio]")).ToBeCheckedAsync();
    }

    /// <summary>Presses Assign (or Reassign) on a row, chooses the agent in the dialog and confirms.</summary>
    public async Task AssignAsync(ILocator row, string agentId)
    {
        await ChooseAsync(row, agentId);
        await ConfirmButton.ClickAsync();
        await Expect(Dialog).ToHaveCountAsync(0);
    }

    /// <summary>The conversation shown read-only beside the dashboard after Open.</summary>
    public ILocator ConversationPanel => page.Locator("[data-testid=conversation-panel]");
    public ILocator CloseConversationButton => ConversationPanel.Locator("[data-testid=close-conversation]");

    /// <summary>How many of the totals above the cards do not show whole (cut off, or spilling out of their box).</summary>
    public Task<int> CutTotalsAsync() => Totals.Locator(".total-value").EvaluateAllAsync<int>(
        "values => values.filter(v => v.scrollWidth > v.clientWidth || v.getBoundingClientRect().right > v.parentElement.getBoundingClientRect().right).length");

    /// <summary>Whether the page is wider than the screen (it then scrolls sideways).</summary>
    public Task<bool> ScrollsSidewaysAsync() =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");

    // MudDataGrid puts no attributes of ours on its rows: each row carries its conversation's id as a class.
    private static ILocator Row(ILocator grid, int conversationId) => grid.Locator($"tr.conversation-{conversationId}");
}

/// <summary>One queue's card on the dashboard.</summary>
public sealed class QueueCardPart(ILocator card)
{
    public ILocator Card => card;
    public ILocator Waiting => card.Locator("[data-testid=waiting-count]");
    public ILocator LongestWait => card.Locator("[data-testid=longest-wait]");
    public ILocator AverageWait => card.Locator("[data-testid=average-wait]");
    public ILocator Active => card.Locator("[data-testid=active-count]");
    public ILocator WithBot => card.Locator("[data-testid=with-bot-count]");
    public ILocator Agent(string agentId) => card.Locator($"[data-testid=agent-row][data-agent-id='{agentId}']");
    public ILocator AgentLoad(string agentId) => Agent(agentId).Locator("[data-testid=load] .load-text");
    public ILocator PresenceCount(string presence) => card.Locator($"[data-testid=presence-counts] [data-presence='{presence}'] strong");
    public ILocator ShowConversations => card.Locator("[data-testid=show-conversations]");

    /// <summary>How many of the card's figures do not show whole (cut off, or spilling out of their box).</summary>
    public Task<int> CutFiguresAsync() => card.Locator(".figure dd").EvaluateAllAsync<int>(
        "figures => figures.filter(f => f.scrollWidth > f.clientWidth || f.getBoundingClientRect().right > f.parentElement.getBoundingClientRect().right).length");
}
