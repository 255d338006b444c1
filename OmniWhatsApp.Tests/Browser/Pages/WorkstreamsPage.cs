using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Mud;
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

    /// <summary>The cells of one column, top to bottom.</summary>
    public ILocator Column(string title) => Grid.Locator($"tbody tr td[data-label='{title}']");

    /// <summary>Clicks a column's title, which sorts by it (again: the other way round).</summary>
    public Task SortByAsync(string title) =>
        Grid.Locator("thead th").Filter(new() { HasText = title }).Locator(".column-header").ClickAsync();

    public static async Task<WorkstreamsPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        var workstreams = new WorkstreamsPage(page);
        await workstreams.Shell.WaitUntilInteractiveAsync();
        await Expect(workstreams.Grid).ToBeVisibleAsync();
        return workstreams;
    }

    /// <summary>
    /// New workstream → types the name → Create; returns the new workstream's page. <paramref name="newWorkstreamHeading"/>
    /// is the form's title in the language the page is shown in.
    /// </summary>
    public async Task<WorkstreamPage> CreateWorkstreamAsync(string name, string newWorkstreamHeading = "New workstream")
    {
        var form = await OpenNewWorkstreamAsync(newWorkstreamHeading);
        await form.Name.FillAsync(name);
        await form.SaveButton.ClickAsync();
        var workstream = new WorkstreamPage(page);
        await Expect(workstream.Shell.Heading).ToHaveTextAsync(name);
        return workstream;
    }

    /// <summary>Presses New workstream and waits for its form (titled <paramref name="heading"/>).</summary>
    public async Task<WorkstreamSettingsForm> OpenNewWorkstreamAsync(string heading = "New workstream")
    {
        await NewWorkstreamButton.ClickAsync();
        await Expect(Shell.Heading).ToHaveTextAsync(heading);
        await Shell.WaitUntilInteractiveAsync();
        return new WorkstreamSettingsForm(page.Locator("[data-testid=workstream-form]"));
    }
}

/// <summary>A workstream's name and work distribution (WorkstreamSettingsForm.razor): on "New workstream" and on the workstream's page.</summary>
public sealed class WorkstreamSettingsForm(ILocator form)
{
    public ILocator Root => form;
    public ILocator Name => form.Field("workstream-name");
    public ILocator Capacity => form.Field("workstream-capacity");
    public ILocator AutoClose => form.Field("workstream-autoclose");
    public ILocator SaveButton => form.Locator("[data-testid=workstream-save]");
    public ILocator CapacityMessage => form.FieldMessage("workstream-capacity");
    public ILocator AutoCloseMessage => form.FieldMessage("workstream-autoclose");

    /// <summary>The line under a field: what is allowed, until a message takes its place.</summary>
    public ILocator Helper(string testId) => form.Locator($".mud-input-control:has([data-testid='{testId}']) .mud-input-helper-text");
}
