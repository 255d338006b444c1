using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Events;

namespace OmniWhatsApp.Web.Hosting;

/// <summary>
/// A Blazor circuit keeps the principal of the request that opened it. This checks it again every
/// <see cref="SecurityOptions.RevalidationInterval"/> (<see cref="SessionCheck"/>) and signs the circuit out when the user
/// was locked or their role changed, as the .NET Blazor Identity template does. It also checks at once when the live
/// events say the user's access changed (<see cref="UserAccessChanged"/>, from whichever instance made the change).
/// </summary>
public sealed class RevalidatingAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly SessionCheck check;
    private readonly IOptions<SecurityOptions> options;
    private readonly IDisposable subscription;

    public RevalidatingAuthenticationStateProvider(ILoggerFactory loggers, SessionCheck check, IOptions<SecurityOptions> options, IConversationEvents events)
        : base(loggers)
    {
        this.check = check;
        this.options = options;
        subscription = events.Subscribe(OnEventAsync);
    }

    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        check.IsCurrentAsync(authenticationState.User);

    private async Task OnEventAsync(LiveEvent e)
    {
        if (e is not UserAccessChanged changed) return;
        AuthenticationState state;
        try
        {
            state = await GetAuthenticationStateAsync();
        }
        catch (InvalidOperationException)
        {
            return; // a request whose user is not known yet: it checks the cookie itself
        }
        if (state.User.Identity?.IsAuthenticated != true || state.User.FindFirstValue(ClaimTypes.NameIdentifier) != changed.UserId) return;
        if (await check.IsCurrentAsync(state.User)) return;
        SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) subscription.Dispose();
        base.Dispose(disposing);
    }
}
