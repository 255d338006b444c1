using System.Data;
using System.Data.Common;

namespace OmniWhatsApp.Core.Persistence;

/// <summary>
/// Plain SQL on one connection, for the group-commit writers' hot paths. Each distinct statement is prepared once
/// and reused for as long as the connection is (a writer keeps both across batches); parameters are @p0, @p1, … in
/// the order of the values. Instants are bound as UTC ticks, enums as integers and (on SQLite) GUIDs as upper-case
/// text, as the EF model stores them.
/// </summary>
internal sealed class SqlCommands(DbConnection connection, DbTransaction? transaction = null) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> commands = new(StringComparer.Ordinal);

    /// <summary>Runs the following statements in <paramref name="current"/> (null: outside any transaction).</summary>
    public void Use(DbTransaction? current)
    {
        transaction = current;
        foreach (var command in commands.Values) command.Transaction = current;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params object?[] values) =>
        await Command(sql, values).ExecuteNonQueryAsync(ct);

    public async Task<object?> ScalarAsync(string sql, CancellationToken ct, params object?[] values)
    {
        var result = await Command(sql, values).ExecuteScalarAsync(ct);
        return result is DBNull ? null : result;
    }

    public async Task<DbDataReader> ReaderAsync(string sql, CancellationToken ct, params object?[] values) =>
        await Command(sql, values).ExecuteReaderAsync(CommandBehavior.Default, ct);

    public async ValueTask DisposeAsync()
    {
        foreach (var command in commands.Values) await command.DisposeAsync();
        commands.Clear();
    }

    /// <summary>"@p{first}, @p{first+1}, …" for an IN list of <paramref name="count"/> values.</summary>
    public static string Parameters(int first, int count) =>
        string.Join(", ", Enumerable.Range(first, count).Select(i => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static DateTimeOffset Instant(DbDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static DateTimeOffset? NullableInstant(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Instant(reader, ordinal);

    public static int? NullableInt(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private DbCommand Command(string sql, object?[] values)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                command.Parameters.Add(parameter);
            }
            commands[sql] = command;
        }
        if (command.Parameters.Count != values.Length) throw new ArgumentException($"The statement takes {command.Parameters.Count} values; {values.Length} were given.", nameof(values));
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = Value(values[i], connection is Microsoft.Data.Sqlite.SqliteConnection);
        return command;
    }

    private static object Value(object? value, bool sqlite) => value switch
    {
        null => DBNull.Value,
        // Microsoft.Data.Sqlite would bind a Guid as a blob; EF keeps them as text.
        Guid guid when sqlite => guid.ToString("D").ToUpperInvariant(),
        DateTimeOffset instant => instant.UtcTicks,
        Enum e => Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };
}
