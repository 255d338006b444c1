using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared.Conversations;

namespace OmniWhatsApp.Tests.Components.Conversations;

/// <summary>The transfer dialog: queues and colleagues with presence and load; a warning before going over capacity.</summary>
public sealed class TransferDialogTests : ComponentTest
{
    private static readonly TransferTargets Targets = new(
        [new QueueOption(1, "General support", true), new QueueOption(2, "Billing", false)],
        [
            new AgentOption("bea", "Bea Busy", Presence.Busy, 1, 3, CanReceive: true),
            new AgentOption("fay", "Fay Full", Presence.Available, 3, 3, CanReceive: true),
            new AgentOption("otto", "Otto Offline", Presence.Offline, 0, 2, CanReceive: false),
        ],
        Needed: 1);

    private readonly List<TransferChoice> transfers = [];

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(Result? outcome = null)
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<TransferDialog>
        {
            { d => d.Targets, Targets },
            { d => d.OnTransfer, choice => { transfers.Add(choice); return Task.FromResult(outcome ?? Result.Ok()); } },
        };
        await provider.InvokeAsync(() => dialogs.ShowAsync<TransferDialog>("Transfer conversation", parameters));
        provider.WaitForElement("[data-testid=transfer-dialog]");
        return provider;
    }

    private static AngleSharp.Dom.IElement Option(IRenderedComponent<MudDialogProvider> dialog, string text) =>
        dialog.FindAll("[data-testid=transfer-option]").Single(o => o.TextContent.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task Shows_each_colleagues_presence_and_load_and_who_cannot_receive_it()
    {
        var dialog = await OpenAsync();

        Assert.Equal(5, dialog.FindAll("[data-testid=transfer-option]").Count);
        var bea = Option(dialog, "Bea Busy");
        Assert.Contains("Busy", bea.QuerySelector("[data-presence]")!.TextContent);
        Assert.Equal("1 / 3", bea.QuerySelector("[data-testid=load] .load-text")!.TextContent.Trim());
        Assert.Equal("3 / 3", Option(dialog, "Fay Full").QuerySelector("[data-testid=load] .load-text")!.TextContent.Trim());
        Assert.True(Option(dialog, "Otto Offline").QuerySelector("input")!.HasAttribute("disabled"));
        Assert.Contains("current queue: back to waiting", Option(dialog, "General support").TextContent);
        Assert.True(dialog.Find("button[data-testid=transfer-confirm]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Warns_before_giving_a_full_colleague_more_and_transfers_to_the_one_chosen()
    {
        var dialog = await OpenAsync();

        Option(dialog, "Fay Full").QuerySelector("input")!.Click();
        dialog.WaitForAssertion(() => Assert.Contains("Fay Full has no free capacity", dialog.Find("[data-testid=over-capacity]").TextContent));

        Option(dialog, "Bea Busy").QuerySelector("input")!.Click();
        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll("[data-testid=over-capacity]")));

        dialog.Find("button[data-testid=transfer-confirm]").Click();
        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll("[data-testid=transfer-dialog]")));
        Assert.Equal(new TransferChoice(null, "bea"), Assert.Single(transfers));
    }

    [Fact]
    public async Task A_refused_transfer_keeps_the_dialog_open_with_the_reason()
    {
        var dialog = await OpenAsync(Result.Fail("Bea Busy is no longer in this queue."));

        Option(dialog, "Billing").QuerySelector("input")!.Click();
        dialog.Find("button[data-testid=transfer-confirm]").Click();

        dialog.WaitForAssertion(() => Assert.Equal("Bea Busy is no longer in this queue.", dialog.Find("[data-testid=transfer-problem]").TextContent.Trim()));
        Assert.Equal(new TransferChoice(2, null), Assert.Single(transfers));
    }
}
