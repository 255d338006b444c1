using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Web.Components.Layout;

public partial class MainLayout
{
    private MudThemeProvider? themeProvider;
    private bool drawerOpen = true;
    private bool darkMode;
    private bool? chosen;
    private string? userId;

    [Inject] public required UserService Users { get; init; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (AuthState is null) return;
        userId = (await AuthState).User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return;
        // Read before the first render, so a prerendered page is already in the user's scheme.
        chosen = await Users.GetDarkModeAsync(userId);
        darkMode = chosen ?? false;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // No choice of their own: follow the device's setting (known only once the page is interactive).
        if (firstRender && chosen is null && themeProvider is not null)
        {
            var system = await themeProvider.GetSystemDarkModeAsync();
            if (system != darkMode)
            {
                darkMode = system;
                StateHasChanged();
            }
        }
    }

    private void ToggleDrawer() => drawerOpen = !drawerOpen;

    private async Task SetDarkModeAsync(bool value)
    {
        darkMode = value;
        chosen = value;
        if (userId is not null) await Users.SetDarkModeAsync(userId, value);
    }
}
