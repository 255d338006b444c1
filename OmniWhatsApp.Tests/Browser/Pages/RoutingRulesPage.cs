using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Radzen;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>/admin/workstreams/{id}/routing: ordered rules, the fallback queue and the "Try the rules" box.</summary>
public sealed class RoutingRulesPage(IPage page)
{
    public IPage Page => page;
    public ShellPage Shell { get; } = new(page);
    public ILocator RulesTable => page.Locator("[data-testid=rules-table]");

    /// <summary>The rule rows (the fallback row is not one of them).</summary>
    public ILocator RuleRows => RulesTable.Locator("tbody tr:not(.fallback-row)");

    public ILocator FallbackQueue => RulesTable.Dropdown("fallback-queue");

    /// <summary>The muted line saying which number and language this workstream's conversations carry.</summary>
    public ILocator RoutingFacts => page.Locator("[data-testid=routing-facts]");

    public ILocator RuleForm => page.Locator("[data-testid=rule-form]");
    public ILocator RuleNumber => RuleForm.Dropdown("rule-number");
    public ILocator RuleNumberMessage => RuleForm.FieldMessage("rule-number");
    public ILocator RuleName => RuleForm.Input("rule-name");
    public ILocator RuleKeywords => RuleForm.Input("rule-keywords");
    public ILocator RuleQueue => RuleForm.Dropdown("rule-queue");
    public ILocator AddRuleButton => RuleForm.Locator("[data-testid=save-rule]");
    public ILocator SaveButton => page.Locator("[data-testid=save-routing]");
    public ILocator UnsavedChanges => page.Locator(".unsaved");

    public ILocator TryNumber => page.Locator("main").Dropdown("try-number");
    public ILocator TryMessage => page.Locator("main").Input("try-message");
    public ILocator TryResult => page.Locator("[data-testid=try-result]");

    public ILocator RuleRow(string name) => RuleRows.Filter(new() { HasText = name });

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
