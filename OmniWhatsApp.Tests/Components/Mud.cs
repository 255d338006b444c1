using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace OmniWhatsApp.Tests.Components;

/// <summary>How MudBlazor's inputs are driven in a component test: selects open on mouse-down and list their options in the popover provider.</summary>
internal static class Mud
{
    /// <summary>Opens the select whose input has this <c>data-testid</c>.</summary>
    public static void OpenSelect<T>(IRenderedComponent<T> scope, string testId) where T : IComponent =>
        scope.Find($"input[data-testid='{testId}']").Closest(".mud-input-control")!.MouseDown();

    public static IReadOnlyList<string> Options(IRenderedComponent<MudPopoverProvider> popovers) =>
        popovers.WaitForElements(".mud-popover-open [role=option]").Select(o => o.TextContent.Trim()).ToList();

    public static void Choose(IRenderedComponent<MudPopoverProvider> popovers, string option) =>
        popovers.WaitForElements(".mud-popover-open [role=option]").Single(o => o.TextContent.Trim() == option).Click();

    /// <summary>The validation message under the field whose input has this <c>data-testid</c>, or null.</summary>
    public static string? FieldMessage<T>(IRenderedComponent<T> scope, string testId) where T : IComponent =>
        scope.FindAll($"input[data-testid='{testId}'], textarea[data-testid='{testId}']").SingleOrDefault()?
            .Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();
}
