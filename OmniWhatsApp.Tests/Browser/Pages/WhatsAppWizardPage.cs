using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Radzen;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>
/// /admin/workstreams/{id}/whatsapp: "Set up WhatsApp" (number → language → behaviours → templates → summary).
/// Only the current step is in the page.
/// </summary>
public sealed class WhatsAppWizardPage(IPage page)
{
    public IPage Page => page;
    public ShellPage Shell { get; } = new(page);
    public ILocator Wizard => page.Locator("[data-testid=whatsapp-wizard]");
    public ILocator CurrentStepTitle => Wizard.Locator(".rz-steps-current .rz-steps-title");

    public ILocator NumberStep => Wizard.Locator("[data-testid=step-number]");
    public ILocator LanguageStep => Wizard.Locator("[data-testid=step-language]");
    public ILocator BehavioursStep => Wizard.Locator("[data-testid=step-behaviours]");
    public ILocator TemplatesStep => Wizard.Locator("[data-testid=step-templates]");
    public ILocator SummaryStep => Wizard.Locator("[data-testid=step-summary]");

    public ILocator NextButton => Wizard.Locator("[data-testid=wizard-next]");
    public ILocator BackButton => Wizard.Locator("[data-testid=wizard-back]");
    public ILocator CancelButton => Wizard.Locator("[data-testid=wizard-cancel]");
    public ILocator FieldMessage(string name) => Wizard.FieldMessage(name);

    // WhatsApp number
    public ILocator NumberDropdown => NumberStep.Dropdown("whatsapp-number");

    /// <summary>"No WhatsApp number is free…", shown instead of the drop-down.</summary>
    public ILocator NoNumbersAlert => NumberStep.Locator("[data-testid=no-numbers]");

    /// <summary>The message about the number, under the drop-down or (when no number is free) under that alert.</summary>
    public ILocator NumberMessage => NumberStep.Locator(".validation-message");

    // Language
    public ILocator LanguageDropdown => LanguageStep.Dropdown("whatsapp-language");

    // Behaviours
    public ILocator Greeting => BehavioursStep.Input("greeting-message");
    public ILocator AttachmentsSwitch => BehavioursStep.Switch("attachments-enabled");
    /// <summary>"On" or "Off" beside the attachments switch.</summary>
    public ILocator AttachmentsState => BehavioursStep.Locator(".switch-row").Filter(new() { Has = page.Locator("input[name='attachments-enabled']") });

    public ILocator CustomersCanSendAttachments => BehavioursStep.CheckBox("customers-attach");
    public ILocator AgentsCanSendAttachments => BehavioursStep.CheckBox("agents-attach");
    /// <summary>"When the window is closed, send the template", under the closing message and under the survey.</summary>
    public ILocator ClosedTemplateDropdown => BehavioursStep.Dropdown("closed-template");
    public ILocator SurveyTemplateDropdown => BehavioursStep.Dropdown("survey-template");

    // Templates
    public ILocator TemplateForm => TemplatesStep.Locator("[data-testid=template-form]");
    public ILocator TemplateName => TemplateForm.Input("template-name");
    public ILocator TemplateLanguage => TemplateForm.Dropdown("template-language");
    public ILocator TemplateContentSid => TemplateForm.Input("template-content-sid");
    public ILocator TemplateBody => TemplateForm.Input("template-body");
    public ILocator SaveTemplateButton => TemplateForm.Locator("[data-testid=save-template]");
    public ILocator TemplateRows => TemplatesStep.Locator("[data-testid=templates-table] tbody tr");

    // Summary
    public WhatsAppSummary Summary => new(SummaryStep);

    /// <summary>The numbers the drop-down offers (none when the "no number is free" alert shows instead).</summary>
    public async Task<IReadOnlyList<string>> AvailableNumbersAsync()
    {
        await Expect(NumberDropdown.Or(NoNumbersAlert)).ToBeVisibleAsync();
        return await NoNumbersAlert.IsVisibleAsync() ? [] : await NumberDropdown.OptionsAsync();
    }

    public async Task ChooseNumberAsync(string number)
    {
        await NumberDropdown.SelectAsync(number);
        await NextAsync(LanguageStep);
    }

    public async Task ChooseLanguageAsync(string label)
    {
        await LanguageDropdown.SelectAsync(label);
        await NextAsync(BehavioursStep);
    }

    /// <summary>Fills the template form and presses Add template; the caller looks at the outcome.</summary>
    public async Task AddTemplateAsync(string name, string body, string? contentSid = null)
    {
        await TemplateName.FillAsync(name);
        await TemplateBody.FillAsync(body);
        if (contentSid is not null) await TemplateContentSid.FillAsync(contentSid);
        await SaveTemplateButton.ClickAsync();
    }

    public ILocator TemplateRow(string name) => TemplateRows.Filter(new() { HasText = name });

    /// <summary>Presses Next (or Finish) and waits for <paramref name="expectedStep"/>.</summary>
    public async Task NextAsync(ILocator expectedStep)
    {
        await NextButton.ClickAsync();
        await Expect(expectedStep).ToBeVisibleAsync();
    }
}
