using Bunit;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Pages.Admin;

namespace OmniWhatsApp.Tests.Components;

/// <summary>
/// The steps of "Set up WhatsApp": Next goes on only when the step's fields are valid, with each message at its field, and a
/// problem Finish finds takes the admin back to the step that owns the field. The number step also takes the fallback queue,
/// which can be created there.
/// </summary>
public sealed class WhatsAppSetupStepperTests : ComponentTest
{
    private static readonly IReadOnlyList<NumberOption> Numbers =
    [
        new(1, "Sales line", "+14155550101", "Demo", null),
        new(2, "Support line", "+14155550102", "Demo", null),
    ];

    private readonly List<QueueSummary> queues = [new(1, "General support", [])];
    private readonly List<string> created = [];
    private int finishCalls;
    private Result finishResult = Result.Ok();

    public WhatsAppSetupStepperTests()
    {
        var L = TestLocalizer.Strings;
        Services.AddSingleton<IValidator<WhatsAppSetupInput>>(new WhatsAppSetupValidator(L));
        Services.AddSingleton<IValidator<Behaviours>>(new BehavioursValidator(L));
        Services.AddSingleton<IValidator<TemplateInput>>(new TemplateInputValidator(L));
        Services.AddSingleton<IValidator<QueueInput>>(new QueueInputValidator(L));
        Services.AddSingleton<IValidator<BotSettingsInput>>(new BotSettingsValidator(L));
    }

    [Fact]
    public void Next_without_a_fallback_queue_shows_the_message_at_its_field_and_stays_on_the_number_step()
    {
        var wizard = RenderWizard(new WhatsAppSetupInput { NumberId = 1 });

        wizard.Find("[data-testid=wizard-next]").Click();

        wizard.WaitForAssertion(() => Assert.Equal("Choose a fallback queue for conversations no rule matches.", Mud.FieldMessage(wizard, "fallback-queue")));
        Assert.Null(Mud.FieldMessage(wizard, "whatsapp-number"));
        Assert.Single(wizard.FindAll("[data-testid=step-number]"));
        Assert.Contains("mud-step-error", wizard.Find(".mud-step.active").ClassList);
    }

    [Fact]
    public void Create_a_queue_creates_it_and_makes_it_the_fallback_queue_so_Next_goes_on()
    {
        var input = new WhatsAppSetupInput { NumberId = 1 };
        var wizard = RenderWizard(input);
        wizard.Find("[data-testid=wizard-next]").Click();
        wizard.WaitForAssertion(() => Assert.NotNull(Mud.FieldMessage(wizard, "fallback-queue")));

        wizard.Find("[data-testid=create-fallback-queue]").Click();
        Dialogs.WaitForElement("input[data-testid=new-queue-name]").Change("Returns");
        Dialogs.Find("form[data-testid=create-queue-form]").Submit();

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid=create-queue-dialog]")));
        Assert.Equal(["Returns"], created);
        Assert.Equal(2, input.FallbackQueueId);
        wizard.WaitForAssertion(() => Assert.Null(Mud.FieldMessage(wizard, "fallback-queue")));
        Assert.Equal("Returns", wizard.Find("input[data-testid=fallback-queue]").GetAttribute("value"));
        NextTo(wizard, "step-language");
    }

    [Fact]
    public void A_queue_name_the_service_refuses_is_shown_in_the_dialog_and_nothing_is_chosen()
    {
        var input = new WhatsAppSetupInput { NumberId = 1 };
        var wizard = RenderWizard(input);

        wizard.Find("[data-testid=create-fallback-queue]").Click();
        Dialogs.WaitForElement("input[data-testid=new-queue-name]").Change("General support");
        Dialogs.Find("form[data-testid=create-queue-form]").Submit();

        Dialogs.WaitForAssertion(() => Assert.Equal("A queue with this name already exists.", Mud.FieldMessage(Dialogs, "new-queue-name")));
        Assert.Null(input.FallbackQueueId);
        Assert.Empty(created);
    }

    [Fact]
    public void Next_without_a_number_shows_the_message_at_the_number_field_and_stays_on_the_step()
    {
        var wizard = RenderWizard(new WhatsAppSetupInput());

        wizard.Find("[data-testid=wizard-next]").Click();

        wizard.WaitForAssertion(() => Assert.Equal("Choose a WhatsApp number.", Mud.FieldMessage(wizard, "whatsapp-number")));
        Assert.Single(wizard.FindAll("[data-testid=step-number]"));
        Assert.Empty(wizard.FindAll("[data-testid=step-language]"));
        Assert.Contains("mud-step-error", wizard.Find(".mud-step.active").ClassList);
    }

    [Fact]
    public void Choosing_a_number_clears_its_message_and_Next_goes_to_the_language_step()
    {
        var input = new WhatsAppSetupInput { FallbackQueueId = 1 };
        var wizard = RenderWizard(input);
        wizard.Find("[data-testid=wizard-next]").Click();
        wizard.WaitForAssertion(() => Assert.NotNull(Mud.FieldMessage(wizard, "whatsapp-number")));

        Mud.OpenSelect(wizard, "whatsapp-number");
        Mud.Choose(Popovers, "+14155550102 · Support line (Demo)");
        wizard.WaitForAssertion(() => Assert.Null(Mud.FieldMessage(wizard, "whatsapp-number")));
        wizard.Find("[data-testid=wizard-next]").Click();

        wizard.WaitForElement("[data-testid=step-language]");
        Assert.Equal(2, input.NumberId);
    }

    [Fact]
    public void A_survey_without_text_blocks_Next_on_the_behaviours_step_with_the_message_at_the_survey_text()
    {
        var wizard = RenderWizard(new WhatsAppSetupInput { NumberId = 1, FallbackQueueId = 1, Behaviours = new Behaviours { SurveyEnabled = true } });
        NextTo(wizard, "step-language");
        NextTo(wizard, "step-behaviours");

        wizard.Find("[data-testid=wizard-next]").Click();

        wizard.WaitForAssertion(() => Assert.Equal("Enter the survey text or link, or turn the survey off.", Mud.FieldMessage(wizard, "survey-text")));
        Assert.Empty(wizard.FindAll("[data-testid=step-templates]"));
    }

    [Fact]
    public void An_outside_hours_message_without_business_hours_blocks_Next_with_the_messages_at_the_time_fields()
    {
        var wizard = RenderWizard(new WhatsAppSetupInput { NumberId = 1, FallbackQueueId = 1, Behaviours = new Behaviours { OutsideBusinessHoursMessage = "We are closed." } });
        NextTo(wizard, "step-language");
        NextTo(wizard, "step-behaviours");

        wizard.Find("[data-testid=wizard-next]").Click();

        wizard.WaitForAssertion(() => Assert.Equal("Enter when business hours start.", Mud.FieldMessage(wizard, "hours-start")));
        Assert.Equal("Enter when business hours end.", Mud.FieldMessage(wizard, "hours-end"));
        Assert.Empty(wizard.FindAll("[data-testid=step-templates]"));
    }

    [Fact]
    public void A_template_with_a_gap_in_its_placeholders_is_refused_at_its_text_and_not_added()
    {
        var input = new WhatsAppSetupInput { NumberId = 1, FallbackQueueId = 1 };
        var wizard = RenderWizard(input);
        NextTo(wizard, "step-language");
        NextTo(wizard, "step-behaviours");
        NextTo(wizard, "step-templates");

        wizard.Find("input[data-testid=template-name]").Change("order_update");
        wizard.Find("textarea[data-testid=template-body]").Input("Your order {{2}} has shipped.");
        wizard.Find("[data-testid=save-template]").Click();

        wizard.WaitForAssertion(() => Assert.Equal("Placeholders are numbered from {{1}} without gaps; {{1}} is missing.", Mud.FieldMessage(wizard, "template-body")));
        Assert.Empty(input.Templates);
        Assert.Empty(wizard.FindAll("tr.template-row"));
    }

    [Fact]
    public void A_number_taken_before_Finish_takes_the_admin_back_to_the_number_step_with_the_message_at_the_field()
    {
        const string taken = "This number is no longer available; another workstream uses it or it was removed.";
        finishResult = Result.Fail(taken, nameof(WhatsAppSetupInput.NumberId));
        var wizard = RenderWizard(new WhatsAppSetupInput { NumberId = 1, FallbackQueueId = 1 });
        foreach (var step in new[] { "step-language", "step-behaviours", "step-templates", "step-bot", "step-summary" }) NextTo(wizard, step);

        wizard.Find("[data-testid=wizard-next]").Click();

        wizard.WaitForAssertion(() => Assert.Equal(taken, Mud.FieldMessage(wizard, "whatsapp-number")));
        Assert.Equal(1, finishCalls);
        Assert.Contains("mud-step-error", wizard.Find(".mud-step.active").ClassList);
        // Next stays blocked on the taken number until another one is chosen.
        wizard.Find("[data-testid=wizard-next]").Click();
        Assert.Single(wizard.FindAll("[data-testid=step-number]"));
        Mud.OpenSelect(wizard, "whatsapp-number");
        Mud.Choose(Popovers, "+14155550102 · Support line (Demo)");
        wizard.WaitForAssertion(() => Assert.Null(Mud.FieldMessage(wizard, "whatsapp-number")));
        NextTo(wizard, "step-language");
    }

    [Fact]
    public void A_closing_template_refused_at_Finish_is_shown_at_its_select_on_the_behaviours_step()
    {
        const string refused = "Template bye is not one of this channel's templates in English (en): choose another or Nothing.";
        finishResult = Result.Fail(refused, "Behaviours.ConversationClosedTemplate");
        var wizard = RenderWizard(new WhatsAppSetupInput { NumberId = 1, FallbackQueueId = 1, Behaviours = new Behaviours { ConversationClosedMessage = "Bye", ConversationClosedTemplate = "bye" } });
        foreach (var step in new[] { "step-language", "step-behaviours", "step-templates", "step-bot", "step-summary" }) NextTo(wizard, step);

        wizard.Find("[data-testid=wizard-next]").Click();

        wizard.WaitForElement("[data-testid=step-behaviours]");
        wizard.WaitForAssertion(() => Assert.Equal(refused, Mud.FieldMessage(wizard, "closed-template")));
    }

    [Fact]
    public void A_problem_no_step_owns_stays_on_the_summary()
    {
        finishResult = Result.Fail("The setup could not be saved because someone changed it meanwhile; reload and try again.");
        var wizard = RenderWizard(new WhatsAppSetupInput { NumberId = 1, FallbackQueueId = 1 });
        foreach (var step in new[] { "step-language", "step-behaviours", "step-templates", "step-bot", "step-summary" }) NextTo(wizard, step);

        wizard.Find("[data-testid=wizard-next]").Click();

        wizard.WaitForAssertion(() => Assert.Contains("someone changed it meanwhile", wizard.Find("[data-testid=save-problems]").TextContent));
        Assert.Single(wizard.FindAll("[data-testid=step-summary]"));
    }

    [Fact]
    public void The_bot_step_is_optional_and_the_summary_shows_the_bot_Off()
    {
        var wizard = RenderWizard(new WhatsAppSetupInput { NumberId = 1, FallbackQueueId = 1 });
        foreach (var step in new[] { "step-language", "step-behaviours", "step-templates", "step-bot", "step-summary" }) NextTo(wizard, step);

        Assert.Equal("Off", wizard.Find("[data-testid=summary-bot]").TextContent.Trim());
    }

    [Fact]
    public void A_FAQ_bot_with_an_empty_question_blocks_Next_on_the_bot_step_and_once_filled_the_summary_counts_it()
    {
        var input = new WhatsAppSetupInput { NumberId = 1, FallbackQueueId = 1, Language = "tr" };
        var wizard = RenderWizard(input);
        foreach (var step in new[] { "step-language", "step-behaviours", "step-templates", "step-bot" }) NextTo(wizard, step);
        wizard.Find("[data-testid=bot-mode-Faq]").Click();

        wizard.Find("[data-testid=wizard-next]").Click();

        wizard.WaitForAssertion(() => Assert.Equal("Enter at least one keyword or phrase.", Mud.FieldMessage(wizard, "bot-entry-phrases")));
        Assert.Equal("Enter the answer.", Mud.FieldMessage(wizard, "bot-entry-answer"));
        Assert.Contains("mud-step-error", wizard.Find(".mud-step.active").ClassList);
        wizard.Find("textarea[data-testid=bot-entry-answer], input[data-testid=bot-entry-answer]").Change("Hafta içi 9-18 arası açığız.");
        wizard.Find("input[data-testid=bot-entry-phrases]").Change("çalışma saatleri");
        NextTo(wizard, "step-summary");
        Assert.Equal("Built-in FAQ bot with 1 question", wizard.Find("[data-testid=summary-bot]").TextContent.Trim());
        Assert.Equal([("tr", "çalışma saatleri")], input.Bot!.Entries.Select(e => (e.Language, e.Phrases)));
    }

    [Fact]
    public void A_bot_problem_Finish_finds_takes_the_admin_back_to_the_bot_step_with_the_message_at_its_field()
    {
        const string needed = "Enter a shared secret of at least 16 characters.";
        finishResult = Result.Fail(needed, "Bot.Secret");
        var input = new WhatsAppSetupInput
        {
            NumberId = 1, FallbackQueueId = 1,
            Bot = new BotSettingsInput { Mode = BotMode.External, ExternalUrl = "https://bot.example.com/hook", SavedSecretHint = "abcd" },
        };
        var wizard = RenderWizard(input);
        foreach (var step in new[] { "step-language", "step-behaviours", "step-templates", "step-bot", "step-summary" }) NextTo(wizard, step);
        Assert.Equal("External bot at bot.example.com", wizard.Find("[data-testid=summary-bot]").TextContent.Trim());

        wizard.Find("[data-testid=wizard-next]").Click();

        wizard.WaitForElement("[data-testid=step-bot]");
        wizard.WaitForAssertion(() => Assert.Equal(needed, Mud.FieldMessage(wizard, "bot-secret")));
    }

    private IRenderedComponent<MudDialogProvider>? dialogs;

    /// <summary>The dialog provider rendered with the wizard (the create-a-queue dialog opens in it).</summary>
    private IRenderedComponent<MudDialogProvider> Dialogs => dialogs ?? throw new InvalidOperationException("Render the wizard first.");

    private IRenderedComponent<WhatsAppSetupStepper> RenderWizard(WhatsAppSetupInput input)
    {
        _ = Popovers;
        dialogs = Render<MudDialogProvider>();
        return Render<WhatsAppSetupStepper>(p => p
            .Add(w => w.Input, input)
            .Add(w => w.Numbers, Numbers)
            .Add(w => w.Queues, queues)
            .Add(w => w.OnCreateQueue, CreateQueue)
            .Add(w => w.OnFinish, () =>
            {
                finishCalls++;
                return Task.FromResult(finishResult);
            }));
    }

    /// <summary>As the service: a name in use is refused at the name field.</summary>
    private Task<Result<int>> CreateQueue(QueueInput queue)
    {
        if (queues.Any(q => q.Name == queue.Name.Trim())) return Task.FromResult(Result<int>.Fail("A queue with this name already exists.", nameof(QueueInput.Name)));
        created.Add(queue.Name.Trim());
        queues.Add(new QueueSummary(queues.Count + 1, queue.Name.Trim(), []));
        return Task.FromResult(Result<int>.Ok(queues.Count));
    }

    private static void NextTo(IRenderedComponent<WhatsAppSetupStepper> wizard, string step)
    {
        wizard.Find("[data-testid=wizard-next]").Click();
        wizard.WaitForElement($"[data-testid={step}]");
    }
}
