using Npgsql;
using OmniWhatsApp.Core.Persistence;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server and Redis that the test command (build/test.sh) starts for a run, found through
/// environment variables: <c>OMNI_TEST_POSTGRES</c> (a connection string without a database, e.g.
/// <c>Host=127.0.0.1;Port=5433;Username=postgres</c>) and <c>OMNI_TEST_REDIS</c> (a StackExchange.Redis
/// configuration, e.g. <c>127.0.0.1:6380</c>). <c>OMNI_TEST_DATABASE=PostgreSql</c> makes every
/// <see cref="AppHost"/> that does not choose its own provider run on PostgreSQL (the test command's second pass
/// runs the storage tests that way).
/// </summary>
public static class TestServers
{
    /// <summary>The provider an <see cref="AppHost"/> uses unless it asks for one.</summary>
    public static DatabaseProvider DefaultProvider =>
        string.Equals(Environment.GetEnvironmentVariable("OMNI_TEST_DATABASE"), nameof(DatabaseProvider.PostgreSql), StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.PostgreSql
            : DatabaseProvider.Sqlite;

    /// <summary>The PostgreSQL server's connection string without a database.</summary>
    public static string PostgresServer => Environment.GetEnvironmentVariable("OMNI_TEST_POSTGRES") is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            "This test needs PostgreSQL. Run it through build/test.sh, which starts one, or set OMNI_TEST_POSTGRES to a connection string " +
            "without a database (Host=127.0.0.1;Port=5432;Username=postgres) of a server where that user may create databases.");

    /// <summary>The Redis server's StackExchange.Redis configuration string.</summary>
    public static string Redis => Environment.GetEnvironmentVariable("OMNI_TEST_REDIS") is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            "This test needs Redis. Run it through build/test.sh, which starts one, or set OMNI_TEST_REDIS (e.g. 127.0.0.1:6379).");

    /// <summary>The connection string of database <paramref name="database"/> on the test server.</summary>
    public static string PostgresDatabase(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database }.ConnectionString;

    /// <summary>Creates an empty database with a new unique name and returns that name.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync()
    {
        var name = "omni_test_" + Guid.NewGuid().ToString("N");
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        return name;
    }

    /// <summary>Drops the database, closing whatever connections are still open on it.</summary>
    public static async Task DropPostgresDatabaseAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
