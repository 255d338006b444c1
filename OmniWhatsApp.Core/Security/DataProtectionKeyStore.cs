using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Persistence;

namespace OmniWhatsApp.Core.Security;

/// <summary>
/// Where the Data Protection keys (which encrypt Auth Tokens and sign-in cookies) are kept. On PostgreSQL, in the
/// database (table DataProtectionKeys), which every instance shares, so a cookie or token from one instance is read by
/// all. On SQLite, which is one instance, in the folder <c>DataProtection:KeysPath</c> as before.
/// </summary>
public static class DataProtectionKeyStore
{
    /// <summary>The keys folder: DataProtection:KeysPath (default data/keys), relative to the content root.</summary>
    public static string Folder(IConfiguration configuration, string contentRoot) =>
        Path.Combine(contentRoot, configuration["DataProtection:KeysPath"] is { Length: > 0 } configured ? configured : "data/keys");

    /// <summary>
    /// An installation on PostgreSQL that kept its keys in the folder until now brings them along: while the table has
    /// no key, the folder's key files are copied into it (the folder is left as it was). Returns how many.
    /// </summary>
    public static async Task<int> ImportFolderAsync(OmniDbContext db, string folder, ILogger logger, CancellationToken ct = default)
    {
        if (!Directory.Exists(folder) || await db.DataProtectionKeys.AnyAsync(ct)) return 0;
        var files = Directory.GetFiles(folder, "key-*.xml");
        foreach (var file in files)
        {
            db.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = XElement.Load(file).ToString(SaveOptions.DisableFormatting),
            });
        }
        if (files.Length == 0) return 0;
        await db.SaveChangesAsync(ct);
        logger.LogWarning("Copied {Count} Data Protection key(s) from {Folder} into the database, where every instance reads them from now on", files.Length, folder);
        return files.Length;
    }
}
