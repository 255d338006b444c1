using Microsoft.AspNetCore.DataProtection;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Security;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Scaling;

/// <summary>On PostgreSQL the Data Protection keys live in the database; keys kept in the folder before come along.</summary>
public sealed class DataProtectionKeyStoreTests
{
    [Fact]
    public async Task On_postgresql_a_token_encrypted_with_the_keys_folder_of_before_is_still_read_and_the_keys_are_in_the_database()
    {
        using var folder = new TempFolder();
        var before = new SecretProtector(DataProtectionProvider.Create(new DirectoryInfo(folder.Path), b => b.SetApplicationName("OmniWhatsApp")));
        var token = before.Protect("the auth token of before");

        await using var app = await AppHost.StartAsync(o =>
        {
            o.Provider = DatabaseProvider.PostgreSql;
            o.With("DataProtection:KeysPath", folder.Path);
        });

        Assert.Equal("the auth token of before", app.GetRequiredService<SecretProtector>().Unprotect(token));
        await using var db = await app.CreateDbContextAsync();
        Assert.Equal(Directory.GetFiles(folder.Path, "key-*.xml").Length, db.DataProtectionKeys.Count());
        Assert.NotEmpty(db.DataProtectionKeys);
    }
}
