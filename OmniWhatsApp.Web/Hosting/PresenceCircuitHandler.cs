using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Web.Hosting;

/// <summary>
/// Reports each Blazor circuit (a browser tab with the app open) of a signed-in user to <see cref="AgentSessions"/>,
/// which sets them Offline after a grace once the last one is gone and restores their presence when one returns.
/// A problem here is logged and never breaks the page.
/// </summary>
public sealed class PresenceCircuitHandler(AuthenticationStateProvider auth, AgentSessions sessions, ILogger<PresenceCircuitHandler> logger) : CircuitHandler
{
    private string? userId;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        try
        {
            var state = await auth.GetAuthenticationStateAsync();
            userId = state.User.Identity?.IsAuthenticated == true ? state.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Circuit {CircuitId}: could not tell who signed in; presence not tracked", circuit.Id);
        }
        await ReportAsync(circuit, (id, ct) => sessions.OpenedAsync(id, circuit.Id, ct), cancellationToken);
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) =>
        ReportAsync(circuit, (id, ct) => sessions.ConnectionUpAsync(id, circuit.Id, ct), cancellationToken);

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) =>
        ReportAsync(circuit, (id, ct) => sessions.ConnectionDownAsync(id, circuit.Id, ct), cancellationToken);

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) =>
        ReportAsync(circuit, (id, ct) => sessions.ClosedAsync(id, circuit.Id, ct), cancellationToken);

    private async Task ReportAsync(Circuit circuit, Func<string, CancellationToken, Task> report, CancellationToken ct)
    {
        if (userId is null) return;
        try
        {
            await report(userId, ct);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Circuit {CircuitId}: presence of user {UserId} not updated", circuit.Id, userId);
        }
    }
}
