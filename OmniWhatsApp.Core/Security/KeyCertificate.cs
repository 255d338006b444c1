using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace OmniWhatsApp.Core.Security;

/// <summary>
/// The certificate that encrypts the Data Protection keys at rest (DataProtection:Certificate:Path, a PKCS#12/.pfx file
/// with its private key, and DataProtection:Certificate:Password). Without it the keys lie in their folder unencrypted,
/// and whoever can read that folder and the database can decrypt the stored Twilio credentials. A wrong path, password
/// or a certificate without a private key stops the start with a message saying which.
/// </summary>
public static class KeyCertificate
{
    public const string PathKey = "DataProtection:Certificate:Path";
    public const string PasswordKey = "DataProtection:Certificate:Password";

    public static X509Certificate2? Load(IConfiguration configuration, string contentRoot)
    {
        if (configuration[PathKey] is not { Length: > 0 } configured) return null;
        var path = Path.Combine(contentRoot, configured);
        if (!File.Exists(path)) throw new InvalidOperationException($"{PathKey}: there is no certificate file at '{path}'.");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[PasswordKey], X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{PathKey}: the certificate at '{path}' cannot be opened (is {PasswordKey} right?): {e.Message}", e);
        }
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"{PathKey}: the certificate at '{path}' has no private key; the keys could be encrypted but never read again.");
        }
        return certificate;
    }
}
