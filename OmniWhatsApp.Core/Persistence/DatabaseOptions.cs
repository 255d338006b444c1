namespace OmniWhatsApp.Core.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Which database to use. Bound from the "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite file, relative to the app's content root unless absolute. Created on first run.</summary>
    public string SqlitePath { get; set; } = "data/omniwhatsapp.db";

    /// <summary>Npgsql connection string when <see cref="Provider"/> is PostgreSql.</summary>
    public string? PostgreSqlConnectionString { get; set; }
}
