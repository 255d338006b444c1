using AngleSharp.Dom;
using Bunit;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Pages.Admin;

namespace OmniWhatsApp.Tests.Components;

/// <summary>
/// The account wizard's steps decide whether Next may go on: with the product's own validators, a wrong field keeps
/// the step (its Next callback is not raised) and shows its message under the field.
/// </summary>
public sealed class AccountWizardStepTests : ComponentTest
{
    private const string TakenNumber = "+14155238886";
    private int nextPressed;

    public AccountWizardStepTests()
    {
        Services.AddSingleton<IValidator<ChannelDetailsInput>, ChannelDetailsValidator>();
        Services.AddSingleton<IValidator<NumberInput>, NumberInputValidator>();
    }

    [Fact]
    public void Channel_step_with_no_name_shows_the_message_at_the_name_field_and_does_not_go_on()
    {
        var step = RenderChannelStep(new ChannelDetailsInput());

        step.Find("form").Submit();

        Assert.Equal("Enter a name for the account.", MessageAt(step, "account-name"));
        Assert.Equal(0, nextPressed);
    }

    [Fact]
    public void Channel_step_goes_on_once_the_name_is_typed_and_its_message_has_gone()
    {
        var model = new ChannelDetailsInput();
        var step = RenderChannelStep(model);
        step.Find("form").Submit();

        step.Find("input[data-testid=account-name]").Change("Sales");
        // MudTextField hands its value on asynchronously; on a busy machine that can come after Change returns.
        step.WaitForAssertion(() => Assert.Equal("Sales", model.Name));
        step.Find("form").Submit();

        step.WaitForAssertion(() => Assert.Equal(1, nextPressed));
        Assert.Null(MessageAt(step, "account-name"));
    }

    [Fact]
    public void Channel_step_shows_what_Done_refused_at_its_field_when_it_opens()
    {
        var step = RenderChannelStep(new ChannelDetailsInput { Name = "Sales" }, [new Problem("Name", "Someone renamed it meanwhile.")]);

        step.WaitForAssertion(() => Assert.Equal("Someone renamed it meanwhile.", MessageAt(step, "account-name")));
    }

    [Fact]
    public void Numbers_step_without_a_number_asks_for_one_at_the_number_field_and_forgets_it_at_the_first_key()
    {
        var numbers = new List<NumberInput>();
        var step = RenderNumbersStep(numbers);

        step.Find("[data-testid=wizard-next]").Click();

        Assert.Equal("Add at least one WhatsApp number.", MessageAt(step, "number-value"));
        Assert.Equal(0, nextPressed);

        step.Find("input[data-testid=number-value]").Input("+4");

        Assert.Null(MessageAt(step, "number-value"));
    }

    [Fact]
    public void Numbers_step_refuses_a_malformed_number_a_repeated_one_and_one_another_account_has_each_at_the_number_field()
    {
        var numbers = new List<NumberInput>();
        var step = RenderNumbersStep(numbers);

        Add(step, "Sales", "0044 7700 900");
        Assert.Equal("Enter the number in E.164 form with a leading +, for example +14155238886.", MessageAt(step, "number-value"));
        Assert.Empty(numbers);

        Add(step, "Sales", "+447700900123");
        step.WaitForAssertion(() => Assert.Single(numbers));
        Assert.Equal("+447700900123", step.Find("[data-testid=numbers-table] tbody tr").QuerySelector(".number")?.TextContent);
        Assert.Equal("", step.Find("input[data-testid=number-value]").GetAttribute("value") ?? "");

        Add(step, "Sales again", "+447700900123");
        step.WaitForAssertion(() => Assert.Equal("This number is already in the list.", MessageAt(step, "number-value")));

        Add(step, "Sandbox", TakenNumber);
        step.WaitForAssertion(() => Assert.Equal($"{TakenNumber} is already used by another account.", MessageAt(step, "number-value")));
        Assert.Single(numbers);
    }

    [Fact]
    public void Numbers_step_goes_on_with_a_number_and_shows_why_Done_refused_one_in_its_row()
    {
        var taken = new NumberInput { DisplayName = "Support", Number = "+447700900456" };
        var numbers = new List<NumberInput> { taken };
        var problems = new Dictionary<NumberInput, string>(ReferenceEqualityComparer.Instance) { [taken] = "+447700900456 is already used by another account." };
        var step = RenderNumbersStep(numbers, problems);

        Assert.Equal("+447700900456 is already used by another account.", step.Find("[data-testid=number-problem]").TextContent.Trim());
        step.Find("[data-testid=wizard-next]").Click();
        Assert.Equal(1, nextPressed);

        step.Find("[data-testid=remove-number]").Click();
        Assert.Empty(numbers);
        Assert.Empty(problems);
    }

    private IRenderedComponent<AccountChannelStep> RenderChannelStep(ChannelDetailsInput model, IReadOnlyList<Problem>? problems = null) =>
        Render<AccountChannelStep>(p => p
            .Add(s => s.Model, model)
            .Add(s => s.Problems, problems ?? [])
            .Add(s => s.OnNext, EventCallback.Factory.Create(this, () => nextPressed++)));

    private IRenderedComponent<AccountNumbersStep> RenderNumbersStep(List<NumberInput> numbers, Dictionary<NumberInput, string>? problems = null) =>
        Render<AccountNumbersStep>(p => p
            .Add(s => s.Numbers, numbers)
            .Add(s => s.RowProblems, problems ?? new Dictionary<NumberInput, string>(ReferenceEqualityComparer.Instance))
            .Add(s => s.IsNumberInUse, number => Task.FromResult(number == TakenNumber))
            .Add(s => s.OnNext, EventCallback.Factory.Create(this, () => nextPressed++)));

    private static void Add(IRenderedComponent<AccountNumbersStep> step, string name, string number)
    {
        step.Find("input[data-testid=number-name]").Change(name);
        step.Find("input[data-testid=number-value]").Change(number);
        step.Find("[data-testid=add-number-form]").Submit();
    }

    /// <summary>The error under the field whose input has this test id, as MudBlazor shows it; null when there is none.</summary>
    private static string? MessageAt(IRenderedComponent<IComponent> component, string testId) =>
        component.Find($"input[data-testid={testId}]").Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();
}
