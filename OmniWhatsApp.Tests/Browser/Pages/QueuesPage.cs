using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Mud;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>/admin/queues: create, rename and delete queues and set their members.</summary>
public sealed class QueuesPage(IPage page)
{
    public const string Path = "admin/queues";

    public IPage Page => page;
    public ShellPage Shell { get; } = new(page);
    public ILocator NewQueueForm => page.Locator("[data-testid=queue-form]");
    public ILocator QueueName => NewQueueForm.Field("queue-name");
    public ILocator CreateButton => NewQueueForm.Locator("[data-testid=create-queue]");
    public ILocator NameMessage => NewQueueForm.FieldMessage("queue-name");
    public ILocator Table => page.Locator("[data-testid=queues-table]");

    /// <summary>The table row of the queue with this name.</summary>
    public ILocator Row(string queueName) => Table.Locator("tbody tr").Filter(new() { HasText = queueName });

    /// <summary>The members select in the queue's row; its value lists the members' names.</summary>
    public ILocator Members(string queueName) => Row(queueName).Locator("input[data-testid^='members-']");

    public ILocator EmptyState => Table.Locator("[data-testid=empty-state]");
    public ILocator RenameButton(string queueName) => Row(queueName).GetByRole(AriaRole.Button, new() { Name = $"Rename {queueName}" });
    public ILocator DeleteButton(string queueName) => Row(queueName).GetByRole(AriaRole.Button, new() { Name = $"Delete {queueName}" });
    public ILocator RenameField => Table.Field("rename-queue");
    public ILocator RenameMessage => Table.FieldMessage("rename-queue");

    /// <summary>The column headers, left to right.</summary>
    public Task<IReadOnlyList<string>> HeadersAsync() => Table.Locator("thead th").AllInnerTextsAsync();

    public static async Task<QueuesPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        var queues = new QueuesPage(page);
        await queues.Shell.WaitUntilInteractiveAsync();
        await Expect(queues.Table).ToBeVisibleAsync();
        return queues;
    }

    /// <summary>Types a name and presses Create queue; the caller looks at the outcome.</summary>
    public async Task CreateQueueAsync(string name)
    {
        await QueueName.FillAsync(name);
        await CreateButton.ClickAsync();
    }
}
