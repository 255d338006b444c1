using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Security;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Accounts;

/// <summary>The webhooks' cache of accounts: what it keeps and what it does not.</summary>
[Collection(AppCollection.Name)]
[Trait("Storage", "Both")]
public sealed class ChannelDirectoryTests(AppHost app)
{
    [Fact]
    public async Task Unknown_account_ids_are_not_kept_and_an_account_created_afterwards_is_found_and_kept()
    {
        var directory = app.GetRequiredService<ChannelDirectory>();
        var ids = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids) Assert.Null(await directory.GetAsync(id));
        Assert.DoesNotContain(ids, directory.IsCached);

        // Written straight to the database, as another instance would: nothing here tells the directory.
        var credentials = app.EmulatorCredentials();
        await using (var db = await app.CreateDbContextAsync())
        {
            db.Accounts.Add(new TwilioAccount
            {
                Id = ids[0],
                Name = TestData.UniqueName("Account"),
                AccountSid = credentials.AccountSid,
                ProtectedAuthToken = app.GetRequiredService<SecretProtector>().Protect(credentials.AuthToken),
                AuthTokenHint = SecretProtector.HintOf(credentials.AuthToken),
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var found = await directory.GetAsync(ids[0]);
        Assert.NotNull(found);
        Assert.Equal(credentials.AccountSid, found.Credentials.AccountSid);
        Assert.True(directory.IsCached(ids[0]));
    }
}
