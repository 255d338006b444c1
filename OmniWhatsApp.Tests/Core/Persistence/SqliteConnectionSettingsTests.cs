using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Persistence;

/// <summary>
/// The settings every SQLite connection of the app runs with. busy_timeout matters most: without it a write that
/// finds another connection writing is retried by Microsoft.Data.Sqlite after a fixed 150 ms sleep, which stalled
/// webhook answers by that much whenever a background job wrote at the same moment; with it SQLite waits for the
/// lock itself, a few milliseconds at a time.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SqliteConnectionSettingsTests(AppHost app)
{
    [Fact]
    public async Task Every_connection_uses_write_ahead_logging_waits_for_locks_and_checks_foreign_keys()
    {
        await using var db = await app.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();

        Assert.Equal("wal", await PragmaAsync(db, "journal_mode"));
        Assert.Equal("30000", await PragmaAsync(db, "busy_timeout"));
        Assert.Equal("1", await PragmaAsync(db, "synchronous")); // NORMAL
        Assert.Equal("1", await PragmaAsync(db, "foreign_keys"));
    }

    private static async Task<string> PragmaAsync(DbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
