using Bunit;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared.Conversations;

namespace OmniWhatsApp.Tests.Components.Conversations;

/// <summary>The form for buttons, a list or a location: WhatsApp's limits shown field by field, the server's refusal kept in the dialog.</summary>
public sealed class RichMessageDialogTests : ComponentTest
{
    private readonly List<RichContent> sent = [];

    public RichMessageDialogTests() => Services.AddSingleton<IValidator<RichMessageDraft>>(new RichMessageDraftValidator(TestLocalizer.Strings));

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(RichMessageKind kind, Result? outcome = null)
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<RichMessageDialog>
        {
            { d => d.Kind, kind },
            { d => d.OnSend, content => { sent.Add(content); return Task.FromResult(outcome ?? Result.Ok()); } },
        };
        await provider.InvokeAsync(() => dialogs.ShowAsync<RichMessageDialog>("Rich", parameters));
        provider.WaitForElement("[data-testid=rich-dialog]");
        return provider;
    }

    [Fact]
    public async Task Buttons_are_checked_as_typed_and_sent_with_ids_made_from_their_titles()
    {
        var dialog = await OpenAsync(RichMessageKind.Buttons);
        dialog.Find("textarea[data-testid=rich-body]").Input("How can we help?");
        var titles = dialog.FindAll("input[data-testid=rich-button-title]");
        titles[0].Input("A title far longer than twenty");

        Assert.Contains("Use at most 20 characters.", dialog.Find("[data-testid=rich-button-line]").TextContent);

        dialog.FindAll("input[data-testid=rich-button-title]")[0].Input("Billing question");
        dialog.FindAll("input[data-testid=rich-button-title]")[1].Input("Delivery");
        dialog.Find("[data-testid=rich-add-button]").Click();
        Assert.Equal(3, dialog.FindAll("[data-testid=rich-button-line]").Count);
        Assert.Empty(dialog.FindAll("[data-testid=rich-add-button]"));
        dialog.FindAll("input[data-testid=rich-button-title]")[2].Input("Other");
        dialog.Find("form").Submit();

        var content = Assert.Single(sent);
        Assert.Equal(RichContentType.QuickReply, content.Type);
        Assert.Equal("How can we help?", content.Body);
        Assert.Equal(["billing-question", "delivery", "other"], content.Buttons.Select(b => b.Id));
        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll("[data-testid=rich-dialog]")));
    }

    [Fact]
    public async Task Nothing_is_sent_while_a_field_is_wrong()
    {
        var dialog = await OpenAsync(RichMessageKind.Buttons);

        dialog.Find("form").Submit();

        Assert.Empty(sent);
        Assert.Contains("Write the text of the message.", dialog.Markup);
        Assert.Contains("Enter the button's title.", dialog.Markup);
    }

    [Fact]
    public async Task A_list_is_sent_with_its_button_rows_and_descriptions()
    {
        var dialog = await OpenAsync(RichMessageKind.List);
        dialog.Find("textarea[data-testid=rich-body]").Input("What is it about?");
        dialog.Find("input[data-testid=rich-list-button-text]").Input("Topics");
        dialog.FindAll("input[data-testid=rich-row-title]")[0].Input("Billing");
        dialog.FindAll("input[data-testid=rich-row-description]")[0].Change("Invoices and refunds");
        dialog.FindAll("input[data-testid=rich-row-title]")[1].Input("Delivery");
        dialog.FindAll("input[data-testid=rich-row-id]")[1].Change("where-is-my-parcel");

        dialog.Find("form").Submit();

        var content = Assert.Single(sent);
        Assert.Equal(RichContentType.ListPicker, content.Type);
        Assert.Equal("Topics", content.ListButton);
        Assert.Equal([new RichListItem("billing", "Billing", "Invoices and refunds"), new RichListItem("where-is-my-parcel", "Delivery")], content.Items);
    }

    [Fact]
    public async Task A_location_off_the_globe_is_refused_at_its_field_and_a_good_one_is_sent()
    {
        var dialog = await OpenAsync(RichMessageKind.Location);
        Assert.Empty(dialog.FindAll("[data-testid=rich-body]"));
        dialog.Find("input[data-testid=rich-latitude]").Change("95");

        Assert.Contains("A latitude is between -90 and 90.", dialog.Markup);

        dialog.Find("input[data-testid=rich-latitude]").Change("41.0082");
        dialog.Find("input[data-testid=rich-longitude]").Change("28.9784");
        dialog.Find("input[data-testid=rich-label]").Change("Istanbul office");
        dialog.Find("form").Submit();

        var content = Assert.Single(sent);
        Assert.Equal((41.0082, 28.9784, "Istanbul office"), (content.Latitude, content.Longitude, content.Label));
    }

    [Fact]
    public async Task The_servers_refusal_stays_in_the_dialog()
    {
        var dialog = await OpenAsync(RichMessageKind.Buttons, Result.Fail("The customer's 24-hour window is closed."));
        dialog.Find("textarea[data-testid=rich-body]").Input("Still there?");
        dialog.FindAll("input[data-testid=rich-button-title]")[0].Input("Yes");
        dialog.FindAll("input[data-testid=rich-button-title]")[1].Input("No");

        dialog.Find("form").Submit();

        dialog.WaitForAssertion(() => Assert.Contains("The customer's 24-hour window is closed.", dialog.Find("[data-testid=form-problems]").TextContent));
        Assert.NotNull(dialog.Find("[data-testid=rich-dialog]"));
    }
}
