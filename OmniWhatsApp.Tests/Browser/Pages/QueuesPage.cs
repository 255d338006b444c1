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
