using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Hosting;

/// <summary>
/// Signing in tells nobody which addresses have an account (same answer, same work: one password hash per attempt) and
/// cannot be hammered: attempts are limited per client address and per account name, with 429 and Retry-After.
/// </summary>
[Trait("Storage", "Both")]
public sealed partial class SignInGuardTests
{
    private const string Refusal = "The email address or password is not right. After 5 wrong passwords an account is locked for 15 minutes; an admin can unlock it sooner.";

    [Fact]
    public async Task Unknown_locked_and_wrong_password_attempts_get_the_same_answer_for_the_same_work()
    {
        var hashes = new HashCounter();
        await using var app = await AppHost.StartAsync(o => o.ConfigureServices(services =>
        {
            services.AddSingleton(hashes);
            services.AddScoped<IPasswordHasher<AppUser>, CountingHasher>();
        }));
        var (lockedId, locked) = await app.AddSignInAgentAsync("Locked Lale", []);
        var (_, known) = await app.AddSignInAgentAsync("Known Kemal", []);
        await app.WithServiceAsync((UserService s) => s.SetLockedAsync(lockedId, true, "someone-else"));

        var answers = new List<string>();
        foreach (var (email, password, reason) in new[]
                 {
                     ($"nobody-{Guid.NewGuid():N}@example.test", "Whatever#2026", "no such account"),
                     (locked.Email, locked.Password, "locked out"),
                     (known.Email, "not-the-password", "wrong password"),
                 })
        {
            var before = hashes.Verifications;
            var (status, page, _) = await PostSignInAsync(app, email, password);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(1, hashes.Verifications - before);
            answers.Add(LoginError().Match(page).Groups[1].Value.Trim());
            Assert.Contains(app.Logs, l => l.Message.Contains(email, StringComparison.Ordinal) && l.Message.EndsWith(reason, StringComparison.Ordinal));
        }

        Assert.All(answers, answer => Assert.Equal(Refusal, WebUtility.HtmlDecode(answer)));
    }

    [Fact]
    public async Task Attempts_beyond_the_limit_for_one_address_get_429_with_the_wait_and_even_the_right_password_waits()
    {
        await using var app = await AppHost.StartAsync(o => o
            .With("Security:SignIn:AttemptsPerClient", "3")
            .With("Security:SignIn:ClientWindow", "00:05:00"));
        var (_, agent) = await app.AddSignInAgentAsync("Patient Pelin", []);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var (status, _, _) = await PostSignInAsync(app, $"guess{attempt}@example.test", "Guess#2026");
            Assert.Equal(HttpStatusCode.OK, status);
        }

        var (refused, page, retryAfter) = await PostSignInAsync(app, agent.Email, agent.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused);
        Assert.InRange(retryAfter!.Value, 1, 300);
        Assert.Equal($"Too many sign-in attempts. Try again in {retryAfter} seconds.", WebUtility.HtmlDecode(LoginError().Match(page).Groups[1].Value.Trim()));
        Assert.Contains(app.Logs, l => l.Message.Contains("too many attempts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Attempts_for_one_account_name_are_limited_while_other_names_from_the_same_address_go_on()
    {
        await using var app = await AppHost.StartAsync(o => o
            .With("Security:SignIn:AttemptsPerAccount", "2")
            .With("Security:SignIn:AccountWindow", "00:10:00"));
        var (_, agent) = await app.AddSignInAgentAsync("Careful Cem", []);

        Assert.Equal(HttpStatusCode.OK, (await PostSignInAsync(app, agent.Email, "wrong-1")).Status);
        // The account name is compared without regard to case: a capitalised address is the same account.
        Assert.Equal(HttpStatusCode.OK, (await PostSignInAsync(app, agent.Email.ToUpperInvariant(), "wrong-2")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostSignInAsync(app, agent.Email, agent.Password)).Status);

        var (_, other) = await app.AddSignInAgentAsync("Other Oya", []);
        Assert.Equal(HttpStatusCode.Redirect, (await PostSignInAsync(app, other.Email, other.Password)).Status);
    }

    /// <summary>Posts the sign-in form as a browser would (with the page's antiforgery token).</summary>
    private static async Task<(HttpStatusCode Status, string Page, int? RetryAfter)> PostSignInAsync(AppHost app, string email, string password)
    {
        using var http = app.CreateHttpClient(cookies: new CookieContainer());
        using var response = await HubClient.PostSignInFormAsync(http, app.Url("account/login"), email, password);
        var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? (int?)delta.TotalSeconds : null;
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), retryAfter);
    }

    [GeneratedRegex("""data-testid="login-error"[^>]*>(?:<[^>]+>)*([^<]*)""")]
    private static partial Regex LoginError();

    private sealed class HashCounter
    {
        private int verifications;
        public int Verifications => Volatile.Read(ref verifications);
        public void Count() => Interlocked.Increment(ref verifications);
    }

    private sealed class CountingHasher(HashCounter counter) : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> inner = new();

        public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            counter.Count();
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
