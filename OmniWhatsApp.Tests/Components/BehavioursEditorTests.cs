using AngleSharp.Dom;
using Bunit;
using FluentValidation;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Tests.Components;

/// <summary>The Behaviours step's editor: the "when the window is closed, send the template" selects.</summary>
public sealed class BehavioursEditorTests : ComponentTest
{
    private static readonly IReadOnlyList<TemplateInput> Sendable = [new TemplateInput { Name = "goodbye", Body = "Thanks for writing to us." }];

    public BehavioursEditorTests() => Services.AddSingleton<IValidator<Behaviours>>(new BehavioursValidator(TestLocalizer.Strings));

    [Fact]
    public void The_closed_window_template_select_shows_Nothing_as_its_value_with_its_label_above_it()
    {
        var editor = RenderEditor(new Behaviours { ConversationClosedMessage = "Goodbye!" });

        var select = editor.Find("input[data-testid=closed-template]");
        Assert.Equal("Nothing (skip it)", select.GetAttribute("value"));
        // The label moves above the field only when the field knows it has a value; otherwise it is drawn over the value.
        Assert.Contains("mud-shrink", InputOf(select).ClassList);
    }

    [Fact]
    public void Choosing_a_template_shows_its_name_in_the_select_and_keeps_it_in_the_behaviours()
    {
        var behaviours = new Behaviours { ConversationClosedMessage = "Goodbye!" };
        var editor = RenderEditor(behaviours);

        Mud.OpenSelect(editor, "closed-template");
        Assert.Equal(["Nothing (skip it)", "goodbye"], Mud.Options(Popovers));
        Mud.Choose(Popovers, "goodbye");

        editor.WaitForAssertion(() => Assert.Equal("goodbye", editor.Find("input[data-testid=closed-template]").GetAttribute("value")));
        Assert.Equal("goodbye", behaviours.ConversationClosedTemplate);
        Assert.Contains("mud-shrink", InputOf(editor.Find("input[data-testid=closed-template]")).ClassList);
    }

    [Fact]
    public void A_chosen_template_that_is_no_longer_offered_is_shown_as_not_available()
    {
        var editor = RenderEditor(new Behaviours { SurveyEnabled = true, SurveyText = "Rate us", SurveyTemplate = "old_survey" });

        Assert.Equal("old_survey (not available)", editor.Find("input[data-testid=survey-template]").GetAttribute("value"));
    }

    private IRenderedComponent<EditForm> RenderEditor(Behaviours behaviours)
    {
        _ = Popovers;
        return Render<EditForm>(p => p.Add(f => f.Model, behaviours).Add(f => f.ChildContent, _ => b =>
        {
            b.OpenComponent<FluentValidator<Behaviours>>(0);
            b.CloseComponent();
            b.OpenComponent<BehavioursEditor>(1);
            b.AddAttribute(2, nameof(BehavioursEditor.Behaviours), behaviours);
            b.AddAttribute(3, nameof(BehavioursEditor.Templates), Sendable);
            b.CloseComponent();
        }));
    }

    private static IElement InputOf(IElement input) => input.Closest(".mud-input")!;
}
