using Microsoft.AspNetCore.Components;
using MudBlazor;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Web.Components.Pages.Admin;

public partial class Queues
{
    private IReadOnlyList<QueueSummary>? queues;
    private IReadOnlyList<UserSummary> people = [];
    private QueueInput newQueue = new();
    private QueueInput renameInput = new();
    private QueueSummary? renaming;
    private FluentValidator<QueueInput>? newValidator;
    private FluentValidator<QueueInput>? renameValidator;

    [Inject] public required RoutingService Service { get; init; }
    [Inject] public required UserService Users { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }

    protected override async Task OnInitializedAsync()
    {
        people = (await Users.ListAsync()).Where(u => u.Role is Roles.Agent or Roles.Supervisor).ToList();
        await LoadAsync();
    }

    private async Task LoadAsync() => queues = await Service.ListQueuesAsync();

    private static readonly IEqualityComparer<UserSummary?> SamePerson =
        EqualityComparer<UserSummary?>.Create((a, b) => a?.Id == b?.Id, p => p?.Id.GetHashCode(StringComparison.Ordinal) ?? 0);

    private IReadOnlyCollection<UserSummary> MembersOf(QueueSummary queue) =>
        people.Where(p => queue.Members.Any(m => m.UserId == p.Id)).ToList();

    private async Task CreateAsync()
    {
        var result = await Service.CreateQueueAsync(newQueue);
        if (!result.Succeeded) { newValidator?.Show(result.Problems); return; }
        newQueue = new QueueInput();
        await LoadAsync();
    }

    private void StartRename(QueueSummary queue)
    {
        renaming = queue;
        renameInput = new QueueInput { Name = queue.Name };
    }

    private async Task RenameAsync()
    {
        var result = await Service.RenameQueueAsync(renaming!.Id, renameInput);
        if (!result.Succeeded) { renameValidator?.Show(result.Problems); return; }
        renaming = null;
        await LoadAsync();
    }

    private async Task SetMembersAsync(QueueSummary queue, IReadOnlyCollection<UserSummary> members)
    {
        var result = await Service.SetMembersAsync(queue.Id, members.Select(m => m.Id));
        if (!result.Succeeded) Snackbar.Add(L["Not saved: {0}", result.FirstMessage], Severity.Warning);
        await LoadAsync();
    }

    private async Task DeleteAsync(QueueSummary queue)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Delete queue"], L["Delete {0}?", queue.Name],
            yesText: L["Delete"], cancelText: L["Cancel"]);
        if (confirmed != true) return;
        var result = await Service.DeleteQueueAsync(queue.Id);
        if (!result.Succeeded) { Snackbar.Add(L["Not deleted: {0}", result.FirstMessage], Severity.Warning); return; }
        await LoadAsync();
    }
}
