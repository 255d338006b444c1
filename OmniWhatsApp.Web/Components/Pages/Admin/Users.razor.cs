using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Web.Components.Pages.Admin;

public partial class Users
{
    private IReadOnlyList<UserSummary>? users;
    private IReadOnlyList<QueueSummary> queues = [];

    [Inject] public required UserService Service { get; init; }
    [Inject] public required RoutingService Routing { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        queues = await Routing.ListQueuesAsync();
        await LoadAsync();
    }

    private async Task LoadAsync() => users = await Service.ListAsync();

    /// <summary>The new-user form (<paramref name="user"/> null) or the user's edit form, in a dialog.</summary>
    private async Task OpenAsync(UserSummary? user)
    {
        var parameters = new DialogParameters<UserDialog> { { d => d.User, user }, { d => d.Queues, queues } };
        var dialog = await Dialogs.ShowAsync<UserDialog>(user is null ? L["New user"] : L["Edit {0}", user.DisplayName], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        var result = await dialog.Result;
        if (result is not { Canceled: false, Data: string name }) return;
        Snackbar.AddTitled(L["Saved"], name, Severity.Success);
        await LoadAsync();
    }

    private async Task SetLockedAsync(UserSummary user, bool locked)
    {
        var me = (await AuthenticationState).User.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "";
        var result = await Service.SetLockedAsync(user.Id, locked, me);
        if (!result.Succeeded) Snackbar.AddTitled(L["Not changed"], result.FirstMessage, Severity.Warning);
        await LoadAsync();
    }
}
