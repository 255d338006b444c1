using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OmniWhatsApp.Core.Persistence;

/// <summary>
/// Per-connection settings. The database itself is switched to write-ahead logging once at start-up
/// (<see cref="EnableWalAsync"/>), which lets readers (the inbox) work while the webhook writer commits;
/// with WAL, synchronous=NORMAL is durable across process crashes (only a power cut can lose the last commits).
/// busy_timeout lets SQLite itself wait for another connection's write lock, a few milliseconds at a time; without
/// it Microsoft.Data.Sqlite retries a busy statement after a fixed 150 ms sleep, and every background write that met
/// the webhook writer held its answers up by that much (docs/benchmarks.md).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

    /// <summary>Write-ahead logging is a property of the database file: set once, it stays.</summary>
    public static async Task EnableWalAsync(DbContext db)
    {
        if (!db.Database.IsSqlite()) return;
        await using var sql = await Sql.OnAsync(db);
        await sql.ExecuteAsync("PRAGMA journal_mode=WAL;");
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        // Synchronous: EF opens connections both ways, and this one must be set before the connection is used.
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var sql = new Sql(connection);
        await sql.ExecuteAsync(Pragmas, ct: cancellationToken);
    }
}
