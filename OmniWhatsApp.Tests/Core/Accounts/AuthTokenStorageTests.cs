using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Accounts;

/// <summary>
/// The Auth Token is stored encrypted: its text appears nowhere in the database files, yet the app reads it back.
/// The host's emulator is given a token made up for this run, so no other data can contain it by chance.
/// </summary>
[Trait("Storage", "Both")]
public sealed class AuthTokenStorageTests(AuthTokenStorageTests.Host host) : IClassFixture<AuthTokenStorageTests.Host>
{
    private readonly AppHost app = host.App;
    private readonly string token = host.Token;

    public sealed class Host : IAsyncLifetime
    {
        public string Token { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        public AppHost App { get; private set; } = null!;

        // Everything logged, at every level and from every category (the framework's HTTP clients and servers, EF
        // Core), so the log test sees all the app could ever write.
        public async Task InitializeAsync() => App = await AppHost.StartAsync(o => o
            .With("Emulator:AuthToken", Token)
            .With("Logging:LogLevel:Default", "Trace")
            .With("Logging:LogLevel:Microsoft", "Trace")
            .With("Logging:LogLevel:Microsoft.AspNetCore", "Trace")
            .With("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace")
            .With("Logging:LogLevel:System", "Trace"));

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task Auth_token_is_not_readable_in_the_database_file()
    {
        var input = app.NewAccount(TestData.UniqueNumber());
        Assert.Equal(token, input.Credentials.AuthToken);
        var created = await app.WithServiceAsync((AccountService s) => s.CreateAsync(input));
        Assert.True(created.Succeeded, created.FirstMessage);

        if (app.Provider == DatabaseProvider.PostgreSql)
        {
            // Every row of every table of the host's database, as PostgreSQL writes a row as text.
            AssertTokenAbsent(input.Credentials.AccountSid, "the host's PostgreSQL database", Encoding.UTF8.GetBytes(await PostgresContentsAsync()));
        }
        else
        {
            // Written data may still sit in the write-ahead log: read the log and the database, before and after a checkpoint.
            AssertTokenAbsentFromFiles(input.Credentials.AccountSid);
            await using (var connection = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await checkpoint.ExecuteNonQueryAsync();
            }
            AssertTokenAbsentFromFiles(input.Credentials.AccountSid);
        }

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

        var logs = app.Logs;
        Assert.Contains(logs, entry => entry.Message.Contains(input.Credentials.AccountSid, StringComparison.Ordinal));
        // Trace really is on for the framework: the HTTP client's request lines are there.
        Assert.Contains(logs, entry => entry.Level == LogLevel.Trace && entry.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, entry => entry.ToString().Contains(token, StringComparison.OrdinalIgnoreCase));
        // Nor the Basic authorization header the client sends Twilio with it.
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{input.Credentials.AccountSid}:{token}"));
        Assert.DoesNotContain(logs, entry => entry.ToString().Contains(basic, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Account_list_shows_only_the_last_four_characters_of_the_token()
    {
        var created = await app.WithServiceAsync((AccountService s) => s.CreateAsync(app.NewAccount(TestData.UniqueNumber())));

        var account = await app.WithServiceAsync((AccountService s) => s.GetAsync(created.Value));

        Assert.EndsWith(token[^4..], account!.MaskedToken);
        Assert.DoesNotContain(token[..8], account.MaskedToken);
    }

    private void AssertTokenAbsentFromFiles(string accountSid)
    {
        var files = Directory.GetFiles(app.DataFolder, Path.GetFileName(app.DatabasePath) + "*");
        AssertTokenAbsent(accountSid, string.Join(", ", files.Select(Path.GetFileName)), files.SelectMany(ReadShared).ToArray());
    }

    private void AssertTokenAbsent(string accountSid, string where, byte[] bytes)
    {
        // The SID is stored in plain text: finding it proves the scan sees the account's row.
        Assert.True(Contains(bytes, accountSid), $"the account SID was not found in {where}");
        Assert.False(Contains(bytes, token), "the Auth Token is stored in plain text");
        Assert.False(Contains(bytes, token.ToUpperInvariant()), "the Auth Token is stored in plain text (upper case)");
    }

    private async Task<string> PostgresContentsAsync()
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresDatabase(app.PostgresDatabase!));
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var contents = new StringBuilder();
        foreach (var table in tables)
        {
            await using var rows = new NpgsqlCommand($"SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM \"{table}\" AS t", connection);
            contents.AppendLine((string)(await rows.ExecuteScalarAsync())!);
        }
        return contents.ToString();
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
