using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Mud;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>/admin/workstreams/{id}: the workstream's WhatsApp setup, its bot, routing summary and settings.</summary>
public sealed partial class WorkstreamPage(IPage page)
{
    public IPage Page => page;
    public ShellPage Shell { get; } = new(page);
    public ILocator WhatsAppSection => page.Locator("[data-testid=whatsapp-section]");
    public ILocator SetUpWhatsAppButton => page.Locator("[data-testid=setup-whatsapp]");
    public ILocator EditRoutingButton => page.Locator("[data-testid=edit-routing]");
    public ILocator SyncTemplatesButton => page.Locator("[data-testid=sync-templates]");
    public ILocator SyncResult => page.Locator("[data-testid=template-sync-result]");
    public ILocator RoutingSummary => page.Locator("[data-testid=routing-summary]");
    public ILocator DeleteButton => page.Locator("[data-testid=delete-workstream]");

    /// <summary>The Bot section: the bot editor with its own Save.</summary>
    public ILocator BotSection => page.Locator("[data-testid=bot-section]");
    public BotEditorForm Bot => new(BotSection);
    public ILocator SaveBotButton => BotSection.Locator("[data-testid=bot-save]");

    /// <summary>The "Routing and distribution settings" form.</summary>
    public WorkstreamSettingsForm Settings => new(page.Locator("[data-testid=workstream-form]"));

    /// <summary>A toast with this text, e.g. "WhatsApp is set up on …" after the wizard's Finish.</summary>
    public ILocator Toast(string text) => page.Snackbar(text);

    /// <summary>Closes the toast with this text (it may cover buttons beneath it).</summary>
    public Task DismissToastAsync(string text) => page.Snackbar(text).DismissAsync();

    /// <summary>The saved WhatsApp setup, in the same layout as the wizard's summary.</summary>
    public WhatsAppSummary Summary => new(WhatsAppSection);

    /// <summary>The workstream's id, read from the address.</summary>
    public int Id => int.Parse(IdInUrl().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<WorkstreamPage> OpenAsync(IPage page, int id)
    {
        await page.GotoAsync($"admin/workstreams/{id}");
        var workstream = new WorkstreamPage(page);
        await workstream.Shell.WaitUntilInteractiveAsync();
        await Expect(workstream.WhatsAppSection).ToBeVisibleAsync();
        return workstream;
    }

    /// <summary>Presses Set up WhatsApp (or Edit WhatsApp setup) and waits for the wizard.</summary>
    public async Task<WhatsAppWizardPage> SetUpWhatsAppAsync()
    {
        await SetUpWhatsAppButton.ClickAsync();
        var wizard = new WhatsAppWizardPage(page);
        await Expect(wizard.NumberStep).ToBeVisibleAsync();
        return wizard;
    }

    [GeneratedRegex(@"/admin/workstreams/(\d+)")]
    private static partial Regex IdInUrl();
}

/// <summary>The summary list of a WhatsApp setup (WhatsAppSetupSummary.razor), inside <paramref name="scope"/>.</summary>
public sealed class WhatsAppSummary(ILocator scope)
{
    public ILocator Root => scope.Locator("[data-testid=whatsapp-summary]");
    public ILocator Number => Root.Locator("[data-testid=summary-number]");
    public ILocator Language => Root.Locator("[data-testid=summary-language]");
    public ILocator FallbackQueue => Root.Locator("[data-testid=summary-fallback-queue]");
    public ILocator Attachments => Root.Locator("[data-testid=summary-attachments]");
    public ILocator Survey => Root.Locator("[data-testid=summary-survey]");
    public ILocator SurveyTemplate => Root.Locator("[data-testid=summary-survey-template]");
    public ILocator Templates => Root.Locator("[data-testid=summary-templates] li");
    public ILocator Bot => Root.Locator("[data-testid=summary-bot]");

    /// <summary>The value next to a label such as "Greeting".</summary>
    public ILocator Value(string label) => Root.Locator($"dt:text-is('{label}') + dd");
}
