using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Accounts;

/// <summary>
/// The Auth Token is stored encrypted: its text appears nowhere in the database files, yet the app reads it back.
/// The host's emulator is given a token made up for this run, so no other data can contain it by chance.
/// </summary>
public sealed class AuthTokenStorageTests(AuthTokenStorageTests.Host host) : IClassFixture<AuthTokenStorageTests.Host>
{
    private readonly AppHost app = host.App;
    private readonly string token = host.Token;

    public sealed class Host : IAsyncLifetime
    {
        public string Token { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        public AppHost App { get; private set; } = null!;

        public async Task InitializeAsync() => App = await AppHost.StartAsync(o => o.With("Emulator:AuthToken", Token));

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task Auth_token_is_not_readable_in_the_database_file()
    {
        var input = app.NewAccount(TestData.UniqueNumber());
        Assert.Equal(token, input.Credentials.AuthToken);
        var created = await app.WithServiceAsync((AccountService s) => s.CreateAsync(input));
        Assert.True(created.Succeeded, created.FirstMessage);

        // Written data may still sit in the write-ahead log: read the log and the database, before and after a checkpoint.
        AssertTokenAbsent(input.Credentials.AccountSid);
        await using (var connection = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }
        AssertTokenAbsent(input.Credentials.AccountSid);

        var credentials = await app.WithServiceAsync((AccountService s) => s.GetCredentialsAsync(created.Value));
        Assert.Equal(token, credentials!.AuthToken);
    }

    [Fact]
    public async Task Auth_token_never_appears_in_the_log()
    {
        var input = app.NewAccount(TestData.UniqueNumber());
        var created = await app.WithServiceAsync((AccountService s) => s.CreateAsync(input));
        await app.WithServiceAsync((AccountService s) => s.VerifyAsync(input.Credentials));
        await app.WithServiceAsync((AccountService s) => s.GetCredentialsAsync(created.Value));

        Assert.Contains(app.Logs, entry => entry.Message.Contains(input.Credentials.AccountSid, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs, entry => entry.ToString().Contains(token, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Account_list_shows_only_the_last_four_characters_of_the_token()
    {
        var created = await app.WithServiceAsync((AccountService s) => s.CreateAsync(app.NewAccount(TestData.UniqueNumber())));

        var account = await app.WithServiceAsync((AccountService s) => s.GetAsync(created.Value));

        Assert.EndsWith(token[^4..], account!.MaskedToken);
        Assert.DoesNotContain(token[..8], account.MaskedToken);
    }

    private void AssertTokenAbsent(string accountSid)
    {
        var files = Directory.GetFiles(app.DataFolder, Path.GetFileName(app.DatabasePath) + "*");
        var bytes = files.SelectMany(ReadShared).ToArray();

        // The SID is stored in plain text: finding it proves the scan sees the account's row.
        Assert.True(Contains(bytes, accountSid), $"the account SID was not found in {string.Join(", ", files.Select(Path.GetFileName))}");
        Assert.False(Contains(bytes, token), "the Auth Token is stored in plain text");
        Assert.False(Contains(bytes, token.ToUpperInvariant()), "the Auth Token is stored in plain text (upper case)");
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
