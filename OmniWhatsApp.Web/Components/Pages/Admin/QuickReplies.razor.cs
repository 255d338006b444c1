using Microsoft.AspNetCore.Components;
using MudBlazor;
using OmniWhatsApp.Core.QuickReplies;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Web.Components.Pages.Admin;

public partial class QuickReplies
{
    private IReadOnlyList<QuickReplySummary>? replies;

    [Inject] public required QuickReplyService Service { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }

    [CascadingParameter] private Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync() => replies = await Service.ListAsync();

    /// <summary>The new quick reply form (<paramref name="reply"/> null) or the reply's edit form, in a dialog.</summary>
    private async Task OpenAsync(QuickReplySummary? reply)
    {
        var parameters = new DialogParameters<QuickReplyDialog> { { d => d.Reply, reply } };
        var dialog = await Dialogs.ShowAsync<QuickReplyDialog>(reply is null ? L["New quick reply"] : L["Edit /{0}", reply.Shortcut], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        var result = await dialog.Result;
        if (result is not { Canceled: false, Data: string shortcut }) return;
        Snackbar.AddTitled(L["Saved"], $"/{shortcut}", Severity.Success);
        await LoadAsync();
    }

    private async Task DeleteAsync(QuickReplySummary reply)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Delete quick reply"], L["Delete the quick reply /{0}?", reply.Shortcut],
            yesText: L["Delete"], cancelText: L["Cancel"]);
        if (confirmed != true) return;
        var result = await Service.DeleteAsync(reply.Id, Actor.From((await AuthenticationState).User));
        if (!result.Succeeded) Snackbar.AddTitled(L["Not deleted"], result.FirstMessage, Severity.Warning);
        await LoadAsync();
    }
}
