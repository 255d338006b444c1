using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Hosting;

/// <summary>The Data Protection keys (which protect the stored Twilio credentials) encrypted at rest with a configured certificate.</summary>
public sealed class KeyCertificateTests
{
    [Fact]
    public async Task With_a_certificate_the_keys_on_disk_are_encrypted_and_still_read_after_a_restart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "omniwhatsapp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var certificate = Path.Combine(folder, "keys.pfx");
        await File.WriteAllBytesAsync(certificate, SelfSigned("Omni keys", "pfx-Password#1"));
        void WithCertificate(AppHostOptions o)
        {
            o.DataFolder = folder;
            o.With("DataProtection:Certificate:Path", certificate).With("DataProtection:Certificate:Password", "pfx-Password#1");
        }

        string payload;
        await using (var first = await AppHost.StartAsync(o => { WithCertificate(o); o.KeepDataFolder = true; }))
        {
            payload = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("AC secret token");
            var keys = Directory.GetFiles(first.KeysPath, "key-*.xml");
            Assert.NotEmpty(keys);
            foreach (var key in keys)
            {
                var xml = await File.ReadAllTextAsync(key);
                Assert.Contains("<encryptedSecret", xml);
                Assert.DoesNotContain("<masterKey", xml);
            }
        }

        await using var restarted = await AppHost.StartAsync(WithCertificate);
        Assert.Equal("AC secret token", restarted.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(payload));
    }

    [Fact]
    public async Task Without_a_certificate_the_keys_are_stored_as_before_and_a_wrong_password_stops_the_start_saying_so()
    {
        await using (var plain = await AppHost.StartAsync())
        {
            plain.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("x");
            Assert.Contains("<masterKey", await File.ReadAllTextAsync(Directory.GetFiles(plain.KeysPath, "key-*.xml").First()));
        }

        var folder = Path.Combine(Path.GetTempPath(), "omniwhatsapp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var certificate = Path.Combine(folder, "keys.pfx");
        await File.WriteAllBytesAsync(certificate, SelfSigned("Omni keys", "right"));
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => AppHost.StartAsync(o =>
        {
            o.DataFolder = folder;
            o.With("DataProtection:Certificate:Path", certificate).With("DataProtection:Certificate:Password", "wrong");
        }));
        Assert.Contains("DataProtection:Certificate:Path", Flatten(refused));
        Assert.Contains("is DataProtection:Certificate:Password right?", Flatten(refused));
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);

    private static byte[] SelfSigned(string name, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.Export(X509ContentType.Pfx, password);
    }
}
