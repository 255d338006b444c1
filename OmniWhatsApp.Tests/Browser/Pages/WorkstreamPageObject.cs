using Microsoft.Playwright;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>A workstream's page (admin/workstreams/{id}): its WhatsApp section.</summary>
public sealed class WorkstreamPageObject(IPage page)
{
    public static async Task<WorkstreamPageObject> OpenAsync(IPage page, int workstreamId)
    {
        await page.GotoAsync($"admin/workstreams/{workstreamId}");
        await Blazor.WaitUntilInteractiveAsync(page);
        return new WorkstreamPageObject(page);
    }

    public ILocator SyncTemplatesButton => page.Locator("[data-testid=sync-templates]");
    public ILocator SyncResult => page.Locator("[data-testid=template-sync-result]");
    public ILocator Templates => page.Locator("[data-testid=summary-templates]");
}
