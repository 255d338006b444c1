using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>
/// Base of the bunit component tests (<c>Components/</c>): MudBlazor's services, the string table, and JS interop
/// in loose mode (MudBlazor calls its script; a component test does not need the answers). MudBlazor's services
/// dispose only asynchronously, so disposal goes through <see cref="IAsyncLifetime"/>, which xunit awaits.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
    }

    /// <summary>
    /// MudBlazor renders menus, select lists and dialogs' popovers in its popover provider, as the layout does in
    /// the app. Render it (once) before the component under test, and find popover content in it.
    /// </summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers => popovers ??= Render<MudPopoverProvider>();

    private IRenderedComponent<MudPopoverProvider>? popovers;

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
