using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace OmniWhatsApp.Web.Hosting;

/// <summary>
/// A Blazor circuit keeps the principal of the request that opened it. This checks it again every
/// <see cref="SecurityOptions.RevalidationInterval"/> (<see cref="SessionCheck"/>) and signs the circuit out when the user
/// was locked or their role changed, as the .NET Blazor Identity template does.
/// </summary>
public sealed class RevalidatingAuthenticationStateProvider(ILoggerFactory loggers, SessionCheck check, IOptions<SecurityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        check.IsCurrentAsync(authenticationState.User);
}
