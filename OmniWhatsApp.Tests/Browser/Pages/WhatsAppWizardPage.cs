using Microsoft.Playwright;
using OmniWhatsApp.Tests.Browser.Mud;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser.Pages;

/// <summary>
/// /admin/workstreams/{id}/whatsapp: "Set up WhatsApp" (number and fallback queue → language → behaviours → templates →
/// bot → summary) on a MudStepper. Only the current step is in the page.
/// </summary>
public sealed class WhatsAppWizardPage(IPage page)
{
    public IPage Page => page;
    public ShellPage Shell { get; } = new(page);
    public ILocator Wizard => page.Locator("[data-testid=whatsapp-wizard]");

    /// <summary>The titles of all steps in the step bar, first to last.</summary>
    public ILocator StepTitles => Wizard.Locator(".mud-stepper-nav .mud-step-label-content-title");

    public ILocator CurrentStepTitle => Wizard.GetByRole(AriaRole.Tab, new() { Selected = true }).Locator(".mud-step-label-content-title");

    /// <summary>The step headers that show an error mark.</summary>
    public ILocator StepsWithError => Wizard.Locator(".mud-step.mud-step-error");

    public ILocator NumberStep => Wizard.Locator("[data-testid=step-number]");
    public ILocator LanguageStep => Wizard.Locator("[data-testid=step-language]");
    public ILocator BehavioursStep => Wizard.Locator("[data-testid=step-behaviours]");
    public ILocator TemplatesStep => Wizard.Locator("[data-testid=step-templates]");
    public ILocator BotStep => Wizard.Locator("[data-testid=step-bot]");
    public ILocator SummaryStep => Wizard.Locator("[data-testid=step-summary]");

    public ILocator NextButton => Wizard.Locator("[data-testid=wizard-next]");
    public ILocator BackButton => Wizard.Locator("[data-testid=wizard-back]");
    public ILocator CancelButton => Wizard.Locator("[data-testid=wizard-cancel]");
    public ILocator FieldMessage(string testId) => Wizard.FieldMessage(testId);

    // WhatsApp number
    public ILocator NumberSelect => NumberStep.Field("whatsapp-number");

    /// <summary>"No WhatsApp number is free…", shown instead of the select.</summary>
    public ILocator NoNumbersAlert => NumberStep.Locator("[data-testid=no-numbers]");

    /// <summary>The message about the number, under the select or (when no number is free) under that alert.</summary>
    public ILocator NumberMessage => NumberStep.FieldMessage("whatsapp-number").Or(NumberStep.Locator(".validation-message"));

    // Fallback queue, on the number step
    public ILocator FallbackQueueSelect => NumberStep.Field("fallback-queue");
    public ILocator FallbackQueueMessage => NumberStep.FieldMessage("fallback-queue");
    public ILocator CreateQueueButton => NumberStep.Locator("[data-testid=create-fallback-queue]");
    public ILocator CreateQueueDialog => page.OpenDialog().Filter(new() { Has = page.Locator("[data-testid=create-queue-form]") });
    public ILocator NewQueueName => CreateQueueDialog.Field("new-queue-name");

    /// <summary>Picks the fallback queue; the wizard stays on the number step.</summary>
    public async Task ChooseFallbackQueueAsync(string queue)
    {
        await FallbackQueueSelect.SelectAsync(queue);
        await Expect(FallbackQueueSelect).ToHaveValueAsync(queue);
    }

    /// <summary>"Create a queue" beside the fallback queue: names the new queue and creates it; it becomes the fallback queue.</summary>
    public async Task CreateFallbackQueueAsync(string name)
    {
        await CreateQueueButton.ClickAsync();
        await NewQueueName.FillAsync(name);
        await CreateQueueDialog.Locator("[data-testid=save-new-queue]").ClickAsync();
        await Expect(CreateQueueDialog).ToHaveCountAsync(0);
        await Expect(FallbackQueueSelect).ToHaveValueAsync(name);
    }

    // Language
    public ILocator LanguageSelect => LanguageStep.Field("whatsapp-language");

    // Behaviours
    public ILocator Greeting => BehavioursStep.Field("greeting-message");
    public ILocator AttachmentsSwitch => BehavioursStep.Locator("input[data-testid=attachments-enabled]");
    /// <summary>"On" or "Off" beside the attachments switch.</summary>
    public ILocator AttachmentsState => BehavioursStep.Locator("label.mud-switch:has(input[data-testid=attachments-enabled])");

    public ILocator CustomersCanSendAttachments => BehavioursStep.Locator("input[data-testid=customers-attach]");
    public ILocator AgentsCanSendAttachments => BehavioursStep.Locator("input[data-testid=agents-attach]");
    /// <summary>"Template when the window is closed", under the closing message and under the survey.</summary>
    public ILocator ClosedTemplateSelect => BehavioursStep.Field("closed-template");
    public ILocator SurveyTemplateSelect => BehavioursStep.Field("survey-template");

    /// <summary>The floating label of the current step's field whose input has this <c>data-testid</c>.</summary>
    public ILocator LabelOf(string testId) => Wizard.Locator($".mud-input-control:has([data-testid='{testId}']) label.mud-input-label");

    // Templates
    public ILocator TemplateForm => TemplatesStep.Locator("[data-testid=template-form]");
    public ILocator TemplateName => TemplateForm.Field("template-name");
    public ILocator TemplateLanguage => TemplateForm.Field("template-language");
    public ILocator TemplateContentSid => TemplateForm.Field("template-content-sid");
    public ILocator TemplateBody => TemplateForm.Field("template-body");
    public ILocator SaveTemplateButton => TemplateForm.Locator("[data-testid=save-template]");
    public ILocator TemplatesGrid => TemplatesStep.Locator("[data-testid=templates-table]");
    public ILocator TemplateRows => TemplatesGrid.Locator("tbody tr.template-row");

    // Bot
    public BotEditorForm Bot => new(BotStep);

    // Summary
    public WhatsAppSummary Summary => new(SummaryStep);

    /// <summary>The numbers the select offers (none when the "no number is free" alert shows instead).</summary>
    public async Task<IReadOnlyList<string>> AvailableNumbersAsync()
    {
        await Expect(NumberSelect.Or(NoNumbersAlert)).ToBeVisibleAsync();
        return await NoNumbersAlert.IsVisibleAsync() ? [] : await NumberSelect.OptionsAsync();
    }

    /// <summary>Picks the number (its option reads "number · name (account)") and the fallback queue, and presses Next.</summary>
    public async Task ChooseNumberAsync(string number, string fallbackQueue)
    {
        await PickNumberAsync(number);
        await ChooseFallbackQueueAsync(fallbackQueue);
        await NextAsync(LanguageStep);
    }

    /// <summary>Picks the number (its option reads "number · name (account)"); the wizard stays on the number step.</summary>
    public async Task PickNumberAsync(string number)
    {
        var list = page.OpenList();
        await NumberSelect.ClickAsync();
        await list.GetByRole(AriaRole.Option).Filter(new() { HasText = number }).ClickAsync();
        await Expect(list).ToHaveCountAsync(0);
        await Expect(NumberSelect).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(number)));
    }

    public async Task ChooseLanguageAsync(string label)
    {
        await LanguageSelect.SelectAsync(label);
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
