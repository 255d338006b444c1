using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Web.Components.Pages.Admin;

public partial class AccountCredentialsStep
{
    private EditContext editContext = default!;
    private FluentValidator<CredentialsInput>? validator;
    private bool verifying;

    [Inject] public required AccountService Service { get; init; }

    [Parameter, EditorRequired] public required CredentialsInput Model { get; set; }

    /// <summary>What Twilio said about the pair and who has the SID already; kept by the wizard while this step is closed.</summary>
    [Parameter, EditorRequired] public required CredentialsCheck Check { get; set; }

    /// <summary>Problems the server found at Done, shown at their fields when the step opens.</summary>
    [Parameter] public IReadOnlyList<Problem> Problems { get; set; } = [];

    [Parameter] public EventCallback OnBack { get; set; }
    [Parameter] public EventCallback OnNext { get; set; }
    [Parameter] public EventCallback OnCancel { get; set; }

    private string? VerifiedText => Check.IsVerified(Model) ? L["Twilio accepted these credentials ({0}).", Check.VerifiedName ?? ""].Value : null;

    private string? SidWarning => Check.SameSidAccount(Model) is { } other
        ? L["This Account SID is already connected as {0}. Connecting it twice is almost always a mistake; go on only if you mean to.", other.Name].Value
        : null;

    private static string FieldClass(string baseClass, string? helper, string helperClass) => helper is null ? baseClass : $"{baseClass} {helperClass}";

    protected override void OnParametersSet()
    {
        if (editContext?.Model != Model) editContext = new EditContext(Model);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && Problems.Count > 0) validator?.Show(Problems);
    }

    private async Task LookUpSidAsync()
    {
        var sid = Model.AccountSid.Trim();
        if (Check.SidLookedUp == sid) return;
        var other = await Service.FindByAccountSidAsync(sid);
        Check.SidLookedUp = sid;
        Check.SidAccount = other;
    }

    private async Task<bool> VerifyAsync()
    {
        verifying = true;
        try
        {
            await LookUpSidAsync();
            var result = await Service.VerifyAsync(Model);
            if (!result.Succeeded)
            {
                Check.Forget();
                validator?.Show(result.Problems);
                return false;
            }
            Check.Verified(Model, result.Value!.FriendlyName ?? result.Value.Sid);
            return true;
        }
        finally
        {
            verifying = false;
        }
    }

    private async Task VerifyClickAsync()
    {
        // The same checks as Next (messages at the fields), without asking Twilio about a pair of the wrong shape.
        if (editContext.Validate()) await VerifyAsync();
    }

    private async Task VerifyThenNextAsync()
    {
        if (Check.IsVerified(Model) || await VerifyAsync()) await OnNext.InvokeAsync();
    }
}

/// <summary>
/// The account wizard's knowledge about its credentials: the pair Twilio accepted (and the account's name there), and
/// which connected account already has the Account SID. It outlives the step's component, which closes with the step.
/// </summary>
public sealed class CredentialsCheck
{
    private (string Sid, string Token)? verifiedPair;

    public string? VerifiedName { get; private set; }

    /// <summary>The Account SID <see cref="SidAccount"/> answers for.</summary>
    public string? SidLookedUp { get; set; }

    /// <summary>The connected account that already has <see cref="SidLookedUp"/>, if any.</summary>
    public ConnectedAccount? SidAccount { get; set; }

    public bool IsVerified(CredentialsInput input) => verifiedPair == (input.AccountSid.Trim(), input.AuthToken.Trim());

    public ConnectedAccount? SameSidAccount(CredentialsInput input) => SidLookedUp == input.AccountSid.Trim() ? SidAccount : null;

    public void Verified(CredentialsInput input, string name)
    {
        verifiedPair = (input.AccountSid.Trim(), input.AuthToken.Trim());
        VerifiedName = name;
    }

    public void Forget()
    {
        verifiedPair = null;
        VerifiedName = null;
    }
}
