using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Tests.Components;

public sealed class TemplateApprovalTests : ComponentTest
{
    [Theory]
    [InlineData(TemplateApproval.Draft, true, false, "Draft", "mud-chip-color-default")]
    [InlineData(TemplateApproval.Received, true, false, "Received", "mud-chip-color-info")]
    [InlineData(TemplateApproval.Pending, true, false, "Pending approval", "mud-chip-color-warning")]
    [InlineData(TemplateApproval.Approved, true, false, "Approved", "mud-chip-color-success")]
    [InlineData(TemplateApproval.Rejected, true, false, "Rejected", "mud-chip-color-error")]
    [InlineData(TemplateApproval.Paused, true, false, "Paused", "mud-chip-color-warning")]
    [InlineData(TemplateApproval.Disabled, true, false, "Disabled", "mud-chip-color-error")]
    [InlineData(TemplateApproval.Unknown, false, false, "Not submitted", "mud-chip-color-default")]
    [InlineData(TemplateApproval.Unknown, true, false, "Not checked", "mud-chip-color-default")]
    [InlineData(TemplateApproval.Approved, true, true, "Removed at Twilio", "mud-chip-color-dark")]
    public void The_chip_names_the_status_in_words_and_colour(TemplateApproval approval, bool hasSid, bool removed, string text, string colour)
    {
        var chip = Render<TemplateApprovalChip>(p => p.Add(c => c.Approval, approval).Add(c => c.HasContentSid, hasSid).Add(c => c.RemovedAtTwilio, removed));

        Assert.Equal(text, chip.Find(".mud-chip").TextContent.Trim());
        Assert.Contains(colour, chip.Find(".mud-chip").ClassList);
        Assert.Equal(removed ? "Removed" : approval.ToString(), chip.Find("[data-testid=template-approval]").GetAttribute("data-approval"));
    }

    [Fact]
    public void A_rejection_shows_Twilios_reason()
    {
        var chip = Render<TemplateApprovalChip>(p => p.Add(c => c.Approval, TemplateApproval.Rejected).Add(c => c.RejectionReason, "Variables at the edges."));

        Assert.Equal("Variables at the edges.", chip.Find("[data-testid=rejection-reason]").TextContent);
    }

    [Fact]
    public void The_admin_is_told_when_WhatsApp_approves_or_rejects_a_template()
    {
        var events = new InProcessConversationEvents(NullLogger<InProcessConversationEvents>.Instance);
        Services.AddSingleton<IConversationEvents>(events);
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var snackbars = Render<MudSnackbarProvider>();
        Render<TemplateApprovalNotifier>();

        events.Publish(new TemplateApprovalChanged(7, 1, "order_update", "tr", TemplateApproval.Pending, null, DateTimeOffset.UtcNow));
        events.Publish(new TemplateApprovalChanged(7, 1, "order_update", "tr", TemplateApproval.Approved, null, DateTimeOffset.UtcNow));
        snackbars.WaitForAssertion(() => Assert.Contains("order_update (tr) was approved.", snackbars.Markup));
        // Pending follows every submission: no toast for it.
        Assert.Single(snackbars.FindAll(".mud-snackbar"));

        events.Publish(new TemplateApprovalChanged(8, 1, "spring_sale", "en", TemplateApproval.Rejected, "Promotional content.", DateTimeOffset.UtcNow));
        snackbars.WaitForAssertion(() => Assert.Contains("spring_sale (en) was rejected: Promotional content.", snackbars.Markup));
    }
}
