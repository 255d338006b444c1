using Microsoft.AspNetCore.Components;
using MudBlazor;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Web.Components.Pages.Admin;

public partial class AccountPage
{
    private AccountSummary? account;
    private bool missing;
    private bool replacing;
    private bool busy;
    private string? deleteProblem;
    private ChannelDetailsInput channel = new();
    private CredentialsInput credentials = new();
    private NumberInput newNumber = new();
    private (string Sid, ConnectedAccount? Other)? sidLookup;
    private FluentValidator<ChannelDetailsInput>? channelValidator;
    private FluentValidator<CredentialsInput>? credentialsValidator;
    private FluentValidator<NumberInput>? numberValidator;

    [Parameter] public Guid Id { get; set; }

    [Inject] public required AccountService Service { get; init; }
    [Inject] public required IPublicUrls PublicUrls { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }

    private CallbackUrls Callbacks => CallbackUrls.For(PublicUrls.BaseUrl, Id);

    private List<BreadcrumbItem> Breadcrumbs =>
        [new(L["Accounts and channels"], "admin/accounts"), new(account?.Name ?? "", null, disabled: true)];

    private string? SidWarning => sidLookup is { Other: { } other } lookup && lookup.Sid == credentials.AccountSid.Trim()
        ? L["This Account SID is already connected as {0}. Connecting it twice is almost always a mistake; go on only if you mean to.", other.Name].Value
        : null;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        account = await Service.GetAsync(Id);
        missing = account is null;
        if (account is not null) channel = new ChannelDetailsInput { Name = account.Name, Channel = account.Channel };
    }

    private async Task RenameAsync()
    {
        var result = await Service.RenameAsync(Id, channel);
        if (!result.Succeeded) { channelValidator?.Show(result.Problems); return; }
        Snackbar.Add(L["Saved"], Severity.Success);
        await LoadAsync();
    }

    private void StartReplacing()
    {
        credentials = new CredentialsInput();
        sidLookup = null;
        replacing = true;
    }

    private async Task LookUpSidAsync()
    {
        var sid = credentials.AccountSid.Trim();
        sidLookup = (sid, await Service.FindByAccountSidAsync(sid, except: Id));
    }

    private async Task ReplaceCredentialsAsync()
    {
        busy = true;
        try
        {
            var result = await Service.ReplaceCredentialsAsync(Id, credentials);
            if (!result.Succeeded) { credentialsValidator?.Show(result.Problems); return; }
            replacing = false;
            credentials = new CredentialsInput();
            Snackbar.AddTitled(L["Credentials replaced"], L["Twilio accepted the new credentials."], Severity.Success);
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task AddNumberAsync()
    {
        var result = await Service.AddNumberAsync(Id, newNumber);
        if (!result.Succeeded) { numberValidator?.Show(result.Problems); return; }
        newNumber = new NumberInput();
        await LoadAsync();
    }

    private async Task RemoveNumberAsync(NumberSummary number)
    {
        var result = await Service.RemoveNumberAsync(number.Id);
        if (!result.Succeeded)
        {
            Snackbar.AddTitled(L["Not removed"], result.FirstMessage, Severity.Warning);
            return;
        }
        await LoadAsync();
    }

    private async Task ConfirmDeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Delete channel"], L["Delete {0}? Its numbers stop receiving messages here.", account!.Name],
            yesText: L["Delete"], cancelText: L["Cancel"]);
        if (confirmed == true) await DeleteAsync(force: false);
    }

    private async Task DeleteAsync(bool force)
    {
        var result = await Service.DeleteAsync(Id, force);
        if (!result.Succeeded) { deleteProblem = result.FirstMessage; return; }
        Snackbar.AddTitled(L["Channel deleted"], account!.Name, Severity.Success);
        Navigation.NavigateTo("admin/accounts");
    }
}
