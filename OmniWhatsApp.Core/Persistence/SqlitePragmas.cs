using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OmniWhatsApp.Core.Persistence;

/// <summary>
/// Per-connection settings. The database itself is switched to write-ahead logging once at start-up
/// (<see cref="EnableWalAsync"/>), which lets readers (the inbox) work while the webhook writer commits;
/// with WAL, synchronous=NORMAL is durable across process crashes (only a power cut can lose the last commits).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    /// <summary>Write-ahead logging is a property of the database file: set once, it stays.</summary>
    public static async Task EnableWalAsync(Microsoft.EntityFrameworkCore.DbContext db)
    {
        if (!Microsoft.EntityFrameworkCore.SqliteDatabaseFacadeExtensions.IsSqlite(db.Database)) return;
        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, "PRAGMA journal_mode=WAL;");
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
