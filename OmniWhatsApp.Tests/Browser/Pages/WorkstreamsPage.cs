using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Radzen;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>/admin/workstreams: every workstream with its WhatsApp number, language and templates.</summary>
public sealed class WorkstreamsPage(IPage page)
{
    public const string Path = "admin/workstreams";

    public IPage Page => page;
    public ShellPage Shell { get; } = new(page);
    public ILocator Grid => page.Locator("[data-testid=workstreams-grid]");
    public ILocator NewWorkstreamButton => page.Locator("[data-testid=new-workstream]");

    public ILocator Row(string workstreamName) => Grid.GridRow(workstreamName);

    public static async Task<WorkstreamsPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        var workstreams = new WorkstreamsPage(page);
        await workstreams.Shell.WaitUntilInteractiveAsync();
        await Expect(workstreams.Grid).ToBeVisibleAsync();
        return workstreams;
    }

    /// <summary>New workstream → types the name → Create; returns the new workstream's page.</summary>
    public async Task<WorkstreamPage> CreateWorkstreamAsync(string name)
    {
        await NewWorkstreamButton.ClickAsync();
        await Expect(Shell.Heading).ToHaveTextAsync("New workstream");
        var form = page.Locator("[data-testid=workstream-form]");
        await form.Input("workstream-name").FillAsync(name);
        await form.Locator("[data-testid=workstream-save]").ClickAsync();
        var workstream = new WorkstreamPage(page);
        await Expect(workstream.Shell.Heading).ToHaveTextAsync(name);
        return workstream;
    }
}
