using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Persistence;

/// <summary>
/// Each provider has its own generated migrations (docs/decisions/0011). A model change without a new migration for
/// both providers fails here, and both sets build a working database from nothing.
/// </summary>
public sealed class MigrationTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void Every_model_change_has_a_migration(DatabaseProvider provider)
    {
        // Comparing the model with the migrations' snapshot needs no server.
        using var db = Context(new DatabaseOptions { Provider = provider, PostgreSqlConnectionString = "Host=localhost;Database=unused" });

        Assert.True(!db.Database.HasPendingModelChanges(),
            $"The model has changes that no {provider} migration makes. Add one for each provider (README.md, \"Changing the database\").");
    }

    [Fact]
    public async Task An_empty_SQLite_database_gets_the_models_schema()
    {
        var migrated = temp.File("migrated.db");
        var created = temp.File("created.db");
        await using (var db = Context(new DatabaseOptions { SqlitePath = migrated }))
        {
            await db.Database.MigrateAsync();
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            await AssertUsableAsync(db);
        }
        await using (var db = Context(new DatabaseOptions { SqlitePath = created })) await db.Database.EnsureCreatedAsync();

        var diff = SqliteSchema.Diff(migrated, "Database.Migrate()", created, "Database.EnsureCreated() from the model");
        Assert.True(diff.Length == 0, "The migrations and the model disagree.\n" + diff);
    }

    [Fact]
    public async Task An_empty_PostgreSQL_database_gets_the_models_schema()
    {
        var database = await TestServers.CreatePostgresDatabaseAsync();
        try
        {
            await using var db = Context(new DatabaseOptions
            {
                Provider = DatabaseProvider.PostgreSql,
                PostgreSqlConnectionString = TestServers.PostgresDatabase(database),
            });
            Assert.IsType<PostgreSqlOmniDbContext>(db);

            await db.Database.MigrateAsync();

            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            await AssertUsableAsync(db);
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

    private OmniDbContext Context(DatabaseOptions options) => DatabaseSetup.CreateDbContext(options, temp.Path);

    /// <summary>The tables the app and Data Protection's key store write to are there and take rows.</summary>
    private static async Task AssertUsableAsync(OmniDbContext db)
    {
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "key-1", Xml = "<key />" });
        db.Customers.Add(new OmniWhatsApp.Core.Conversations.Customer { Phone = "+14155550100" });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        Assert.Equal("<key />", (await db.DataProtectionKeys.SingleAsync()).Xml);
        Assert.Equal("+14155550100", (await db.Customers.SingleAsync()).Phone);
    }
}
