using Bunit;
using MudBlazor;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared.Conversations;

namespace OmniWhatsApp.Tests.Components.Conversations;

/// <summary>The template picker: one input per placeholder with Twilio's example value, a live preview, send when complete.</summary>
public sealed class TemplatePickerTests : ComponentTest
{
    private static readonly TemplateOption OrderUpdate = new(4, "order_update", "en", "Hi {{1}}, your order {{2}} is on its way.", 2, ["Sarah", "#1042"]);
    private static readonly TemplateOption Thanks = new(5, "thanks", "en", "Thank you for writing to us.", 0, []);

    [Fact]
    public async Task Has_one_input_per_placeholder_with_example_values_and_previews_the_message_as_it_is_filled()
    {
        (TemplateOption Template, IReadOnlyList<string> Values)? sentWith = null;
        _ = Popovers;
        var picker = Render<TemplatePicker>(p => p
            .Add(t => t.Templates, [OrderUpdate, Thanks])
            .Add(t => t.Language, "en")
            .Add(t => t.OnSend, (template, values) => { sentWith = (template, values); return Task.FromResult(true); }));
        Assert.Empty(picker.FindAll("[data-testid=template-preview]"));

        var select = picker.FindComponent<MudSelect<int?>>();
        await picker.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(OrderUpdate.Id));

        Assert.Equal(2, picker.FindAll("input[data-testid^='template-value-']").Count);
        Assert.Equal("e.g. Sarah", picker.Find("[data-testid=template-sample-1]").TextContent.Trim());
        Assert.Equal("e.g. #1042", picker.Find("[data-testid=template-sample-2]").TextContent.Trim());
        Assert.Equal("Hi {{1}}, your order {{2}} is on its way.", picker.Find("[data-testid=template-preview]").TextContent.Trim());
        Assert.True(picker.Find("button[data-testid=send-template]").HasAttribute("disabled"));

        picker.Find("input[data-testid=template-value-1]").Input("Jane");
        picker.WaitForAssertion(() => Assert.Equal("Hi Jane, your order {{2}} is on its way.", picker.Find("[data-testid=template-preview]").TextContent.Trim()));
        Assert.True(picker.Find("button[data-testid=send-template]").HasAttribute("disabled"));

        picker.Find("input[data-testid=template-value-2]").Input("4711");
        picker.WaitForAssertion(() => Assert.Equal("Hi Jane, your order 4711 is on its way.", picker.Find("[data-testid=template-preview]").TextContent.Trim()));
        picker.Find("button[data-testid=send-template]").Click();

        picker.WaitForAssertion(() => Assert.NotNull(sentWith));
        Assert.Equal(OrderUpdate.Id, sentWith!.Value.Template.Id);
        Assert.Equal(["Jane", "4711"], sentWith.Value.Values);
    }

    [Fact]
    public async Task A_template_without_placeholders_has_no_inputs_and_can_be_sent_at_once()
    {
        var picker = Render<TemplatePicker>(p => p.Add(t => t.Templates, [OrderUpdate, Thanks]).Add(t => t.OnSend, (_, _) => Task.FromResult(true)));
        var select = picker.FindComponent<MudSelect<int?>>();
        await picker.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(Thanks.Id));

        Assert.Empty(picker.FindAll("input[data-testid^='template-value-']"));
        Assert.Equal("Thank you for writing to us.", picker.Find("[data-testid=template-preview]").TextContent.Trim());
        Assert.False(picker.Find("button[data-testid=send-template]").HasAttribute("disabled"));
    }

    [Fact]
    public void Says_so_when_the_language_has_no_template()
    {
        var picker = Render<TemplatePicker>(p => p.Add(t => t.Templates, []).Add(t => t.Language, "tr"));

        Assert.Contains("no approved template", picker.Find("[data-testid=no-templates]").TextContent);
    }
}
