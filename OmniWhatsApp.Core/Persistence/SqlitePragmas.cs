using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OmniWhatsApp.Core.Persistence;

/// <summary>
/// Write-ahead logging lets readers (the inbox) work while the webhook writer commits, and synchronous=NORMAL
/// is durable across process crashes in WAL mode (only a power cut can lose the last commits).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

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
