using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Accounts;

/// <summary>
/// Which connected account already has an Account SID: the forms warn when the admin connects the same Twilio account
/// a second time. Accounts are written straight to the database with SIDs of their own, since the emulator accepts
/// only its one account.
/// </summary>
[Collection(AppCollection.Name)]
[Trait("Storage", "Both")]
public sealed class AccountSidLookupTests(AppHost app)
{
    [Fact]
    public async Task Names_the_account_that_already_has_the_SID_whatever_its_case_and_surrounding_spaces()
    {
        var sid = TwilioSids.New("AC");
        var first = await AddAccountAsync("First with this SID", sid, createdMinutesAgo: 10);
        await AddAccountAsync("Second with this SID", sid, createdMinutesAgo: 5);

        var found = await FindAsync($"  {sid.ToUpperInvariant()} ");

        Assert.Equal(new ConnectedAccount(first, "First with this SID"), found);
    }

    [Fact]
    public async Task Finds_nothing_for_a_SID_no_account_has_or_a_malformed_one()
    {
        await AddAccountAsync("Someone else's", TwilioSids.New("AC"));

        Assert.Null(await FindAsync(TwilioSids.New("AC")));
        Assert.Null(await FindAsync(""));
        Assert.Null(await FindAsync("AC-not-a-sid"));
    }

    [Fact]
    public async Task Leaves_out_deleted_accounts_and_the_account_being_edited()
    {
        var sid = TwilioSids.New("AC");
        var deleted = await AddAccountAsync("Deleted one", sid, deleted: true);
        var edited = await AddAccountAsync("Edited one", sid);

        Assert.Null(await FindAsync(sid, except: edited));
        Assert.Equal("Edited one", (await FindAsync(sid, except: deleted))?.Name);
    }

    private Task<ConnectedAccount?> FindAsync(string sid, Guid? except = null) =>
        app.WithServiceAsync((AccountService s) => s.FindByAccountSidAsync(sid, except));

    private async Task<Guid> AddAccountAsync(string name, string sid, int createdMinutesAgo = 0, bool deleted = false)
    {
        var now = DateTimeOffset.UtcNow;
        var account = new TwilioAccount
        {
            Id = Guid.NewGuid(),
            Name = name,
            AccountSid = sid,
            ProtectedAuthToken = "not-a-real-token",
            AuthTokenHint = "0000",
            CreatedAt = now.AddMinutes(-createdMinutesAgo),
            DeletedAt = deleted ? now : null,
        };
        await using var db = await app.CreateDbContextAsync();
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }
}
