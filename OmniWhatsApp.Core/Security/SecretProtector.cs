using Microsoft.AspNetCore.DataProtection;

namespace OmniWhatsApp.Core.Security;

/// <summary>Encrypts secrets (Twilio Auth Tokens) for storage with ASP.NET Core Data Protection.</summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("OmniWhatsApp.TwilioAuthToken.v1");

    public string Protect(string secret) => protector.Protect(secret);
    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret);

    /// <summary>What the UI shows for a saved token: dots and its last four characters.</summary>
    public static string Mask(string hint) => "••••••••••••" + hint;

    public static string HintOf(string secret) => secret.Length <= 4 ? "" : secret[^4..];
}
