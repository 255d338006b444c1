using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Pages.Supervisor;

namespace OmniWhatsApp.Tests.Components;

/// <summary>The supervisor's assign dialog: the queue's members with presence and load, and a warning before going above capacity.</summary>
public sealed class AssignDialogTests : ComponentTest
{
    private readonly IRenderedComponent<MudDialogProvider> dialogs;
    private readonly List<string> assigned = [];

    public AssignDialogTests()
    {
        _ = Popovers;
        dialogs = Render<MudDialogProvider>();
    }

    private static AgentOption Agent(string id, string name, Presence presence, int used, int capacity) =>
        new(id, name, presence, used, capacity, CanReceive: true);

    private async Task<IDialogReference> OpenAsync(IReadOnlyList<AgentOption> agents, bool waiting = true, Result? answer = null)
    {
        var parameters = new DialogParameters<AssignDialog>
        {
            { d => d.Request, new AssignRequest(42, "Lena Fischer (+4930123456)", waiting) },
            { d => d.Agents, agents },
            { d => d.Assign, id => { assigned.Add(id); return Task.FromResult(answer ?? Result.Ok()); } },
        };
        var service = Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await dialogs.InvokeAsync(async () => reference = await service.ShowAsync<AssignDialog>("Assign Lena Fischer", parameters));
        dialogs.WaitForElement("[data-testid=assign-dialog]");
        return reference!;
    }

    private AngleSharp.Dom.IElement Choice(string id) => dialogs.Find($"[data-testid=assign-choice][data-agent-id='{id}']");

    [Fact]
    public async Task Lists_the_members_with_presence_and_load_who_can_take_work_first()
    {
        await OpenAsync(
        [
            Agent("olga", "Olga Offline", Presence.Offline, 0, 3),
            Agent("ann", "Ann Busy Later", Presence.Available, 2, 3),
            Agent("cem", "Cem Away", Presence.Away, 1, 2),
            Agent("bob", "Bob Free", Presence.Available, 0, 3),
        ]);

        var choices = dialogs.FindAll("[data-testid=assign-choice]");
        Assert.Equal(["bob", "ann", "cem", "olga"], choices.Select(c => c.GetAttribute("data-agent-id")));
        var ann = Choice("ann");
        Assert.Equal("Ann Busy Later", ann.QuerySelector(".choice-name")!.TextContent);
        Assert.Equal("Available", ann.QuerySelector("[data-testid=presence-badge]")!.TextContent.Trim());
        Assert.Equal("2 / 3", ann.QuerySelector(".load-text")!.TextContent.Trim());
        Assert.Equal("Away", Choice("cem").QuerySelector("[data-testid=presence-badge]")!.TextContent.Trim());
        // Nothing is chosen yet, so there is nothing to confirm.
        Assert.True(dialogs.Find("[data-testid=assign-confirm]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Choosing_someone_at_capacity_warns_that_it_goes_above_it()
    {
        await OpenAsync([Agent("fiona", "Fiona Full", Presence.Available, 3, 3), Agent("rami", "Rami Roomy", Presence.Available, 1, 3)]);

        Choice("rami").Click();
        Assert.Empty(dialogs.FindAll("[data-testid=over-capacity]"));
        Assert.Equal("Assign to Rami Roomy", dialogs.Find("[data-testid=assign-confirm]").TextContent.Trim());

        Choice("fiona").Click();

        var warning = dialogs.Find("[data-testid=over-capacity]");
        Assert.Contains("Fiona Full is at capacity (3 / 3); this conversation takes them over it.", warning.TextContent);
        Assert.Contains("mud-alert-outlined-warning", warning.ClassName);
        // A warning, not a refusal: the supervisor can still go ahead.
        Assert.False(dialogs.Find("[data-testid=assign-confirm]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Choosing_someone_already_over_capacity_says_it_adds_to_it()
    {
        await OpenAsync([Agent("olaf", "Olaf Over", Presence.Busy, 4, 3)], waiting: false);

        Choice("olaf").Click();

        Assert.Contains("Olaf Over is already over capacity (4 / 3); this conversation adds to it.", dialogs.Find("[data-testid=over-capacity]").TextContent);
        Assert.Contains("Olaf Over is not available right now (Busy).", dialogs.Find("[data-testid=presence-note]").TextContent);
        Assert.Equal("Reassign to Olaf Over", dialogs.Find("[data-testid=assign-confirm]").TextContent.Trim());
    }

    [Fact]
    public async Task Confirming_assigns_the_chosen_agent_and_closes_with_their_name()
    {
        var dialog = await OpenAsync([Agent("fiona", "Fiona Full", Presence.Available, 3, 3), Agent("rami", "Rami Roomy", Presence.Available, 1, 3)]);
        Choice("fiona").Click();

        dialogs.Find("[data-testid=assign-confirm]").Click();

        var result = await dialog.Result;
        Assert.Equal(["fiona"], assigned);
        Assert.False(result!.Canceled);
        Assert.Equal("Fiona Full", result.Data);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=assign-dialog]")));
    }

    [Fact]
    public async Task A_refusal_is_shown_in_the_dialog_which_stays_open_for_another_choice()
    {
        await OpenAsync([Agent("rami", "Rami Roomy", Presence.Available, 1, 3)],
            answer: Result.Fail("Ben Busy already has this conversation; reassign it instead."));
        Choice("rami").Click();

        dialogs.Find("[data-testid=assign-confirm]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("Ben Busy already has this conversation; reassign it instead.",
            dialogs.Find("[data-testid=assign-problem]").TextContent.Trim()));
        Assert.Single(dialogs.FindAll("[data-testid=assign-dialog]"));
    }

    [Fact]
    public async Task A_queue_with_nobody_else_says_how_to_get_members()
    {
        await OpenAsync([]);

        Assert.Contains("An admin adds agents to queues on the Queues page.", dialogs.Find("[data-testid=no-members]").TextContent);
        Assert.True(dialogs.Find("[data-testid=assign-confirm]").HasAttribute("disabled"));
    }
}
