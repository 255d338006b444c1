using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>Values that do not collide between tests sharing one host, and the emulator's credentials.</summary>
public static class TestData
{
    private static int sequence = Random.Shared.Next(0, 50_000);

    /// <summary>A valid E.164 number no other test in this run uses (UK drama range, +44 7700 9…).</summary>
    public static string UniqueNumber() => $"+4477009{Interlocked.Increment(ref sequence) % 100_000:00000}";

    /// <summary>A readable name with a unique suffix, well under the 100-character limits.</summary>
    public static string UniqueName(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The built-in emulator's account, which the credential check accepts.</summary>
    public static CredentialsInput EmulatorCredentials(this AppHost app)
    {
        var emulator = app.GetRequiredService<IOptions<EmulatorOptions>>().Value;
        return new CredentialsInput { AccountSid = emulator.AccountSid, AuthToken = emulator.AuthToken };
    }

    /// <summary>A complete wizard input for a new account on the emulator with the given numbers.</summary>
    public static NewAccountInput NewAccount(this AppHost app, params string[] numbers) => new()
    {
        Channel = new ChannelDetailsInput { Name = UniqueName("Account") },
        Credentials = app.EmulatorCredentials(),
        Numbers = numbers.Select((n, i) => new NumberInput { DisplayName = $"Line {i + 1}", Number = n }).ToList(),
    };
}
