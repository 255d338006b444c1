using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace OmniWhatsApp.Core.Persistence;

/// <summary>
/// A group-commit writer's own database connection, kept open across its batches: its statements stay compiled
/// (prepared on PostgreSQL) and the connection's settings are applied once, not for every batch. After a failure the
/// writer drops it, so the next batch starts on a fresh connection in case this one was the problem.
/// </summary>
public sealed class KeptConnection(IDbContextFactory<OmniDbContext> dbFactory, ILogger logger, string writer) : IAsyncDisposable
{
    private OmniDbContext? db;
    private Sql? commands;

    /// <summary>The open connection and its statements, opened first if there is none.</summary>
    public async Task<(DbConnection Connection, Sql Sql)> OpenAsync()
    {
        if (db is null || commands is null)
        {
            db = await dbFactory.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            commands = new Sql(db.Database.GetDbConnection(), prepare: true);
        }
        return (db.Database.GetDbConnection(), commands);
    }

    /// <summary>Closes the connection; the next <see cref="OpenAsync"/> opens a new one.</summary>
    public async Task DropAsync()
    {
        try
        {
            if (commands is not null) await commands.DisposeAsync();
            if (db is not null) await db.DisposeAsync();
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Closing the {Writer}'s connection failed", writer);
        }
        (commands, db) = (null, null);
    }

    public async ValueTask DisposeAsync() => await DropAsync();
}
