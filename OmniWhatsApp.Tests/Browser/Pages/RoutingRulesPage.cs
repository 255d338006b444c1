using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Mud;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>/admin/workstreams/{id}/routing: ordered rules, the fallback queue and the "Try the rules" box.</summary>
public sealed class RoutingRulesPage(IPage page)
{
    public IPage Page => page;
    public ShellPage Shell { get; } = new(page);
    public ILocator RulesTable => page.Locator("[data-testid=rules-table]");

    /// <summary>The rule rows (not the "no rules yet" row).</summary>
    public ILocator RuleRows => RulesTable.Locator("tbody tr.rule-row");

    public ILocator RoutingForm => page.Locator("[data-testid=routing-form]");
    public ILocator FallbackQueue => RoutingForm.Field("fallback-queue");
    public ILocator FallbackQueueMessage => RoutingForm.FieldMessage("fallback-queue");

    /// <summary>The muted line saying which number and language this workstream's conversations carry.</summary>
    public ILocator RoutingFacts => page.Locator("[data-testid=routing-facts]");

    public ILocator RuleForm => page.Locator("[data-testid=rule-form]");
    public ILocator RuleNumber => RuleForm.Field("rule-number");
    public ILocator RuleNumberMessage => RuleForm.FieldMessage("rule-number");
    public ILocator RuleName => RuleForm.Field("rule-name");
    public ILocator RuleKeywords => RuleForm.Field("rule-keywords");
    public ILocator RulePayloads => RuleForm.Field("rule-payloads-field");
    public ILocator RulePayloadsMessage => RuleForm.FieldMessage("rule-payloads-field");
    public ILocator RuleQueue => RuleForm.Field("rule-queue");
    public ILocator AddRuleButton => RuleForm.Locator("[data-testid=save-rule]");
    public ILocator SaveButton => RoutingForm.Locator("[data-testid=save-routing]");
    public ILocator UnsavedChanges => RoutingForm.Locator("[data-testid=unsaved-changes]");

    public ILocator TryBox => page.Locator("[data-testid=try-rules]");
    public ILocator TryNumber => TryBox.Field("try-number");
    public ILocator TryMessage => TryBox.Field("try-message");
    public ILocator TryResult => TryBox.Locator("[data-testid=try-result]");

    public ILocator RuleRow(string name) => RuleRows.Filter(new() { HasText = name });

    /// <summary>A toast with this text, e.g. "Routing saved".</summary>
    public ILocator Toast(string text) => page.Snackbar(text);

    public static async Task<RoutingRulesPage> OpenAsync(IPage page, int workstreamId)
    {
        await page.GotoAsync($"admin/workstreams/{workstreamId}/routing");
        var routing = new RoutingRulesPage(page);
        await routing.Shell.WaitUntilInteractiveAsync();
        await Expect(routing.RulesTable).ToBeVisibleAsync();
        return routing;
    }

    /// <summary>Fills the rule form and presses Add rule; waits until the rule is in the table.</summary>
    public async Task AddKeywordRuleAsync(string name, string keywords, string queue)
    {
        await RuleName.FillAsync(name);
        await RuleKeywords.FillAsync(keywords);
        await RuleQueue.SelectAsync(queue);
        await AddRuleButton.ClickAsync();
        await Expect(RuleRow(name)).ToBeVisibleAsync();
    }
}
