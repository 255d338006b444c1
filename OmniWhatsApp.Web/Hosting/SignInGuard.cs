using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Web.Hosting;

/// <summary>
/// How many sign-in attempts are allowed, bound from "Security:SignIn". Each limit is a fixed window: so many attempts in
/// so long from one client address, and so many for one account name (known or not), whichever is reached first.
/// </summary>
public sealed class SignInLimitOptions
{
    public const string Section = "Security:SignIn";

    public int AttemptsPerClient { get; set; } = 30;
    public TimeSpan ClientWindow { get; set; } = TimeSpan.FromMinutes(1);
    public int AttemptsPerAccount { get; set; } = 10;
    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>What an attempt to sign in came to.</summary>
public enum SignInOutcome { SignedIn, Refused, TooManyAttempts }

/// <summary>
/// Signing in with a password, guarded against guessing and against learning who has an account: attempts are limited
/// per client address and per account name (System.Threading.RateLimiting, the limiters of ASP.NET Core's rate limiting),
/// and every attempt that is let through costs one password hash — an unknown name or a locked account is checked
/// against a dummy hash — so that the answer's timing does not tell them apart. The person signing in gets the same
/// refusal for all of them; the log says which it was.
/// </summary>
public sealed class SignInGuard : IDisposable
{
    private readonly PartitionedRateLimiter<(string Client, string Account)> limiter;
    private readonly ILogger<SignInGuard> logger;
    private string? dummyHash;

    public SignInGuard(IOptions<SignInLimitOptions> options, ILogger<SignInGuard> logger)
    {
        var limits = options.Value;
        this.logger = logger;
        limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<(string Client, string Account), string>(attempt =>
                RateLimitPartition.GetFixedWindowLimiter(attempt.Client, _ => Window(limits.AttemptsPerClient, limits.ClientWindow))),
            PartitionedRateLimiter.Create<(string Client, string Account), string>(attempt =>
                RateLimitPartition.GetFixedWindowLimiter(attempt.Account, _ => Window(limits.AttemptsPerAccount, limits.AccountWindow))));
    }

    /// <summary>Signs <paramref name="email"/> in with <paramref name="password"/> if the limits allow an attempt now.</summary>
    public async Task<(SignInOutcome Outcome, TimeSpan RetryAfter)> SignInAsync(
        SignInManager<AppUser> signIn, IPAddress? client, string email, string password, bool remember)
    {
        var clientKey = client?.ToString() ?? "unknown";
        using (var lease = limiter.AttemptAcquire((clientKey, email.ToUpperInvariant())))
        {
            if (!lease.IsAcquired)
            {
                var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                logger.LogWarning("Sign-in for {User} from {Client} refused: too many attempts, retry after {RetryAfter}",
                    email, clientKey, retryAfter);
                return (SignInOutcome.TooManyAttempts, retryAfter);
            }
        }

        var users = signIn.UserManager;
        var user = await users.FindByNameAsync(email);
        var refusal = user is null ? "no such account"
            : await users.IsLockedOutAsync(user) ? "locked out"
            : !await signIn.CanSignInAsync(user) ? "not allowed to sign in"
            : null;
        if (refusal is not null || user is null)
        {
            dummyHash ??= users.PasswordHasher.HashPassword(new AppUser(), Guid.NewGuid().ToString());
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), dummyHash, password);
            logger.LogWarning("Sign-in refused for {User} from {Client}: {Reason}", email, clientKey, refusal ?? "no such account");
            return (SignInOutcome.Refused, TimeSpan.Zero);
        }

        var result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("{User} signed in from {Client}", email, clientKey);
            return (SignInOutcome.SignedIn, TimeSpan.Zero);
        }
        logger.LogWarning("Sign-in refused for {User} from {Client}: {Reason}", email, clientKey,
            result.IsLockedOut ? "wrong password, now locked out" : "wrong password");
        return (SignInOutcome.Refused, TimeSpan.Zero);
    }

    public void Dispose() => limiter.Dispose();

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };
}
