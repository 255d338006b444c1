using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace OmniWhatsApp.Core.Persistence;

/// <summary>
/// Databases made before the migrations were generated (docs/decisions/0011). Their history lists the hand-written
/// migrations, which no longer exist, so EF would try to create every table again. A SQLite database that went
/// through all of them has exactly the schema of the generated Initial (less the tables added with it): it is
/// adopted, its history rewritten to that Initial. Anything else is refused with what to do.
/// </summary>
public static class HandWrittenMigrations
{
    /// <summary>The hand-written migrations, oldest first; the last version that had them applied all of them.</summary>
    public static readonly IReadOnlyList<string> Ids =
    [
        "20261121000000_Initial",
        "20261122000000_AutomatedMessageTemplates",
        "20261201000000_TemplateSampleValues",
        "20261206000000_UserDarkMode",
        "20261206120000_UserLanguage",
        "20261206180000_StatusCallbackAccount",
        "20261206190000_MessageLocationFields",
    ];

    /// <summary>Tables the generated Initial makes that the hand-written migrations never did; adoption adds them.</summary>
    private static readonly string[] AddedTables = ["DataProtectionKeys"];

    public const string ReadmeSection = "README.md, \"Databases from before the generated migrations\"";

    /// <summary>
    /// Does nothing unless the database's history names a hand-written migration. Then it adopts the database
    /// (SQLite, complete history, matching schema) or throws <see cref="InvalidOperationException"/> saying why and
    /// what to do; call it before <c>Migrate</c>.
    /// </summary>
    public static async Task AdoptOrRefuseAsync(OmniDbContext db, ILogger logger, CancellationToken ct = default)
    {
        // Asked first: reading a history table that is not there yet logs a failed command.
        if (!await db.GetService<IHistoryRepository>().ExistsAsync(ct)) return;
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        if (!applied.Any(Ids.Contains)) return;

        if (!db.Database.IsSqlite())
        {
            throw new InvalidOperationException(
                "This PostgreSQL database was made by an OmniWhatsApp version with hand-written migrations, which this version no longer has. " +
                "Create a new database with the generated migrations' script (dotnet ef migrations script --context PostgreSqlOmniDbContext), " +
                "copy the data into it (pg_dump --data-only, without the two __EFMigrations tables), " +
                "and point Database:PostgreSqlConnectionString at it. See " + ReadmeSection + ".");
        }
        if (!applied.SequenceEqual(Ids))
        {
            throw new InvalidOperationException(
                $"This database was last updated by an older OmniWhatsApp version (its migration history ends at {applied[^1]}, " +
                $"not at {Ids[^1]}), and this version cannot bring it up to date. Start the last version with hand-written migrations " +
                "on it once, which applies the rest, then start this version again. See " + ReadmeSection + ".");
        }

        var initial = db.Database.GetMigrations().First();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var (expected, addedTablesSql) = await InitialSchemaAsync(initial, ct);
            var diff = SqliteSchema.Diff(SqliteSchema.Describe(connection), "the hand-written migrations",
                expected.Where(fact => !AddedTables.Any(table => fact.StartsWith(table + ":", StringComparison.Ordinal))).ToHashSet(), initial);
            if (diff.Length > 0)
            {
                throw new InvalidOperationException(
                    $"This database's history lists all the hand-written migrations, but its tables differ from what {initial} makes, " +
                    "so it is not adopted. Was it changed by hand? See " + ReadmeSection + ".\n" + diff);
            }

            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            foreach (var sql in addedTablesSql) await ExecuteAsync(connection, transaction, sql, ct);
            await ExecuteAsync(connection, transaction, "DELETE FROM \"__EFMigrationsHistory\"", ct);
            await ExecuteAsync(connection, transaction,
                "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ($id, $version)", ct,
                ("$id", initial), ("$version", ProductInfo.GetVersion()));
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        logger.LogWarning(
            "Adopted a database made by the hand-written migrations ({Last}): its tables are those of the generated {Initial}; " +
            "added {Tables} and rewrote the migration history to {Initial}",
            Ids[^1], initial, string.Join(", ", AddedTables), initial);
    }

    /// <summary>The schema the generated Initial makes, built in memory, and the statements that make the added tables.</summary>
    private static async Task<(SortedSet<string> Facts, List<string> AddedTablesSql)> InitialSchemaAsync(string initial, CancellationToken ct)
    {
        await using var memory = new SqliteConnection("Data Source=:memory:");
        await memory.OpenAsync(ct);
        await using (var reference = new SqliteOmniDbContext(new DbContextOptionsBuilder<SqliteOmniDbContext>().UseSqlite(memory).Options))
        {
            await reference.GetService<IMigrator>().MigrateAsync(initial, ct);
        }
        var sql = new List<string>();
        await using (var command = memory.CreateCommand())
        {
            command.CommandText = "SELECT sql FROM sqlite_master WHERE tbl_name IN (" + string.Join(", ", AddedTables.Select((_, i) => "$t" + i)) +
                                  ") AND sql IS NOT NULL ORDER BY type DESC, name";
            for (var i = 0; i < AddedTables.Length; i++) command.Parameters.AddWithValue("$t" + i, AddedTables[i]);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) sql.Add(reader.GetString(0));
        }
        return (SqliteSchema.Describe(memory), sql);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken ct,
        params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(ct);
    }
}
