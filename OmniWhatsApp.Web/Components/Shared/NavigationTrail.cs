using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace OmniWhatsApp.Web.Components.Shared;

/// <summary>
/// The page a browser tab showed before the current one, so a Back link returns where the user came from (the queue
/// dashboard or the inbox) rather than to a guess. One per circuit; created with the circuit (it is a circuit
/// handler), so it has seen every navigation of the tab.
/// </summary>
public sealed class NavigationTrail : CircuitHandler, IDisposable
{
    private readonly NavigationManager navigation;
    private string? current;

    public NavigationTrail(NavigationManager navigation)
    {
        this.navigation = navigation;
        navigation.LocationChanged += OnLocationChanged;
    }

    /// <summary>The previous page's path relative to the app ("supervisor", "inbox/12"), or null when the tab started here.</summary>
    public string? Previous { get; private set; }

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        try
        {
            current ??= Relative(navigation.Uri);
        }
        catch (InvalidOperationException)
        {
            // Not initialized: the first navigation sets it.
        }
        return Task.CompletedTask;
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var next = Relative(e.Location);
        if (next == current) return;
        Previous = current;
        current = next;
    }

    private string Relative(string uri) => navigation.ToBaseRelativePath(uri);

    public void Dispose() => navigation.LocationChanged -= OnLocationChanged;
}
