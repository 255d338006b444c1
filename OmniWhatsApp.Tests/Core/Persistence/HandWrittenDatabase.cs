using Microsoft.Data.Sqlite;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Persistence;

/// <summary>
/// A SQLite database as the hand-written migrations of earlier versions left it: all seven applied, the demo data
/// and one conversation with two messages (Fixtures/hand-written-migrations.sql, a sqlite3 .dump).
/// </summary>
public static class HandWrittenDatabase
{
    public static void Restore(string path, string? afterwards = null)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = File.ReadAllText(RepositoryPaths.Combine("OmniWhatsApp.Tests", "Core", "Persistence", "Fixtures", "hand-written-migrations.sql"))
                              + (afterwards ?? "");
        command.ExecuteNonQuery();
    }
}
