using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Core.Persistence;

/// <summary>
/// A database made by the hand-written migrations of earlier versions: adopted when it is complete and unchanged,
/// otherwise start-up fails saying what to do (docs/decisions/0011).
/// </summary>
public sealed class HandWrittenMigrationsTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public async Task A_complete_database_is_adopted_and_its_data_stays_readable()
    {
        var folder = temp.File("app");
        Directory.CreateDirectory(folder);
        HandWrittenDatabase.Restore(Path.Combine(folder, "omniwhatsapp.db"));

        await using var app = await AppHost.StartAsync(o =>
        {
            o.Environment = "Production";
            o.Provider = DatabaseProvider.Sqlite;
            o.DataFolder = folder;
        });

        await using var db = await app.CreateDbContextAsync();
        // Adopted as the generated Initial, then every later migration applied as usual.
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Empty(await db.DataProtectionKeys.ToListAsync());
        Assert.Contains(app.Logs, e => e.Message.StartsWith("Adopted a database made by the hand-written migrations", StringComparison.Ordinal));

        var conversation = await db.Conversations.Include(c => c.Customer).SingleAsync();
        Assert.Equal("Ayşe Yılmaz", conversation.Customer!.ProfileName);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 10, 5, 0, TimeSpan.Zero), conversation.LastMessageAt);
        // The two stored messages (the app's automation may add its own after them: the window has long ended).
        var messages = await db.Messages.Where(m => m.Id <= 2).OrderBy(m => m.Id).ToListAsync();
        Assert.Equal([MessageDirection.Inbound, MessageDirection.Outbound], messages.Select(m => m.Direction));
        Assert.Equal(41.0082, messages[0].Latitude!.Value, 4);
        Assert.Equal("Sultanahmet", messages[0].LocationLabel);
        Assert.Equal(MessageStatus.Delivered, messages[1].Status);
        Assert.Equal(Guid.Parse("A4317423-0EDE-44BB-81F0-8E42BE5E8DEB"), (await db.Accounts.SingleAsync()).Id);

        // The demo users still sign in: Identity's stores read the adopted tables.
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var agent = await users.FindByEmailAsync(DemoData.Agent.Email);
        Assert.NotNull(agent);
        Assert.True(await users.CheckPasswordAsync(agent, DemoData.Agent.Password));
        Assert.Equal([Roles.Agent], await users.GetRolesAsync(agent));
    }

    [Fact]
    public async Task A_database_that_missed_the_last_hand_written_migrations_stops_start_up_with_what_to_do()
    {
        var folder = temp.File("app");
        Directory.CreateDirectory(folder);
        HandWrittenDatabase.Restore(Path.Combine(folder, "omniwhatsapp.db"),
            "DELETE FROM __EFMigrationsHistory WHERE MigrationId = '20261206190000_MessageLocationFields';");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => AppHost.StartAsync(o =>
        {
            o.Environment = "Production";
            o.Provider = DatabaseProvider.Sqlite;
            o.DataFolder = folder;
            o.KeepDataFolder = true;
        }));

        var refusal = Refusal(failure);
        Assert.Contains("its migration history ends at 20261206180000_StatusCallbackAccount", refusal.Message);
        Assert.Contains("Start the last version with hand-written migrations on it once", refusal.Message);
        SqliteConnection.ClearAllPools();
        Assert.Equal(HandWrittenMigrations.Ids.Take(6), await HistoryAsync(Path.Combine(folder, "omniwhatsapp.db")));
    }

    [Fact]
    public async Task A_complete_history_over_a_changed_schema_is_refused_and_left_alone()
    {
        var path = temp.File("changed.db");
        HandWrittenDatabase.Restore(path, "CREATE INDEX IX_Customers_ProfileName ON Customers (ProfileName);");
        await using var db = DatabaseSetup.CreateDbContext(new DatabaseOptions { SqlitePath = path }, temp.Path);

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => HandWrittenMigrations.AdoptOrRefuseAsync(db, NullLogger.Instance));

        Assert.Contains("its tables differ", refusal.Message);
        Assert.Contains("Customers: index IX_Customers_ProfileName (ProfileName)", refusal.Message);
        Assert.Equal(HandWrittenMigrations.Ids, await HistoryAsync(path));
    }

    [Fact]
    public async Task A_PostgreSQL_database_with_hand_written_history_is_refused()
    {
        var database = await TestServers.CreatePostgresDatabaseAsync();
        try
        {
            await using var db = DatabaseSetup.CreateDbContext(
                new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, PostgreSqlConnectionString = TestServers.PostgresDatabase(database) }, temp.Path);
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TABLE "__EFMigrationsHistory" ("MigrationId" character varying(150) PRIMARY KEY, "ProductVersion" character varying(32) NOT NULL);
                INSERT INTO "__EFMigrationsHistory" VALUES ('20261121000000_Initial', '10.0.14');
                """);

            var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => HandWrittenMigrations.AdoptOrRefuseAsync(db, NullLogger.Instance));

            Assert.Contains("Create a new database with the generated migrations' script", refusal.Message);
        }
        finally
        {
            await TestServers.DropPostgresDatabaseAsync(database);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        temp.Dispose();
    }

    private static InvalidOperationException Refusal(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            if (e is InvalidOperationException refusal && refusal.Message.Contains("hand-written", StringComparison.Ordinal)) return refusal;
        }
        throw new Xunit.Sdk.XunitException("Start-up failed, but not with the refusal: " + failure);
    }

    private static async Task<List<string>> HistoryAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId";
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }
}
