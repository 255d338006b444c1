using System.Collections;
using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace OmniWhatsApp.Core.Persistence;

/// <summary>
/// The one way to run hand-written SQL: on one connection (and its current transaction), with named parameters
/// taken from the properties of an object (<c>new { id, claim }</c> binds <c>@id</c> and <c>@claim</c>). A
/// parameter whose value is a list (other than a string) is written out as <c>@ids0, @ids1, …</c>, so
/// <c>IN (@ids)</c> works; an empty list gives <c>IN (NULL)</c>, which matches nothing.
/// <para>
/// Values are bound the way the EF model stores them on each provider: instants as UTC ticks, enums as their
/// integer, booleans as booleans (integers on SQLite), GUIDs as upper-case text on SQLite and uuid on PostgreSQL.
/// A null is bound with the type of the property it came from, so PostgreSQL knows what it is.
/// </para>
/// <para>
/// Each distinct statement is kept as a command for as long as the session is, so a session that lives long (a
/// group-commit writer's) runs its statements prepared: SQLite keeps a command's compiled statement; on PostgreSQL
/// such a session prepares them on the server (<see cref="Prepare"/>).
/// </para>
/// </summary>
public sealed class Sql : IAsyncDisposable
{
    private const int MaxCommands = 256;

    private readonly DbConnection connection;
    private readonly Dictionary<string, DbCommand> commands = new(StringComparer.Ordinal);
    private DbTransaction? transaction;

    /// <summary>A session on an open <paramref name="connection"/>, running in <paramref name="transaction"/> (null: none).</summary>
    public Sql(DbConnection connection, DbTransaction? transaction = null, bool prepare = false)
    {
        (this.connection, this.transaction, Prepare) = (connection, transaction, prepare);
        IsSqlite = connection is SqliteConnection;
    }

    /// <summary>A session on the context's connection (opened if needed) and its current transaction, if any.</summary>
    public static async Task<Sql> OnAsync(DbContext db, CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        return new Sql(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction());
    }

    /// <summary>SQLite (otherwise PostgreSQL): for the few statements that must differ.</summary>
    public bool IsSqlite { get; }

    /// <summary>Statements are prepared on the server (PostgreSQL) when first run: for long-lived sessions.</summary>
    public bool Prepare { get; }

    /// <summary>Runs the following statements in <paramref name="current"/> (null: outside any transaction).</summary>
    public void Use(DbTransaction? current)
    {
        transaction = current;
        foreach (var command in commands.Values) command.Transaction = current;
    }

    /// <summary>Rows affected.</summary>
    public async Task<int> ExecuteAsync(string sql, object? args = null, CancellationToken ct = default) =>
        await (await CommandAsync(sql, args, ct)).ExecuteNonQueryAsync(ct);

    /// <summary>The first column of the first row, converted to <typeparamref name="T"/>; default when there is no row or it is null.</summary>
    public async Task<T?> ScalarAsync<T>(string sql, object? args = null, CancellationToken ct = default)
    {
        var result = await (await CommandAsync(sql, args, ct)).ExecuteScalarAsync(ct);
        if (result is null or DBNull) return default;
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return result is T value ? value : (T)Convert.ChangeType(result, type, CultureInfo.InvariantCulture);
    }

    /// <summary>A reader over the rows; dispose it before the next statement of this session.</summary>
    public async Task<DbDataReader> ReaderAsync(string sql, object? args = null, CancellationToken ct = default) =>
        await (await CommandAsync(sql, args, ct)).ExecuteReaderAsync(CommandBehavior.Default, ct);

    /// <summary>Every row, each read by <paramref name="map"/>.</summary>
    public async Task<List<T>> ListAsync<T>(string sql, object? args, Func<DbDataReader, T> map, CancellationToken ct = default)
    {
        var rows = new List<T>();
        await using var reader = await ReaderAsync(sql, args, ct);
        while (await reader.ReadAsync(ct)) rows.Add(map(reader));
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in commands.Values) await command.DisposeAsync();
        commands.Clear();
    }

    private async Task<DbCommand> CommandAsync(string sql, object? args, CancellationToken ct)
    {
        var values = Values(args);
        if (values.Any(v => v.List is not null)) sql = Expand(sql, values);
        if (!commands.TryGetValue(sql, out var command))
        {
            if (commands.Count >= MaxCommands) await DisposeAsync();
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, type, value, list) in values)
            {
                if (list is null)
                {
                    command.Parameters.Add(NewParameter(command, name, type));
                    continue;
                }
                for (var i = 0; i < list.Count; i++) command.Parameters.Add(NewParameter(command, name + i.ToString(CultureInfo.InvariantCulture), ElementType(type)));
            }
            commands[sql] = command;
            Bind(command, values);
            command.Transaction = transaction;
            if (Prepare && !IsSqlite) await command.PrepareAsync(ct);
            return command;
        }
        command.Transaction = transaction;
        Bind(command, values);
        return command;
    }

    private DbParameter NewParameter(DbCommand command, string name, Type type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.DbType = StoreType(type);
        return parameter;
    }

    private void Bind(DbCommand command, List<Value> values)
    {
        foreach (var (name, _, value, list) in values)
        {
            if (list is null)
            {
                Set(command, name, value);
                continue;
            }
            for (var i = 0; i < list.Count; i++) Set(command, name + i.ToString(CultureInfo.InvariantCulture), list[i]);
        }
    }

    private void Set(DbCommand command, string name, object? value)
    {
        var parameter = command.Parameters["@" + name];
        // A property declared as object is typed by the value it holds.
        if (value is not null && parameter.DbType == DbType.Object) parameter.DbType = StoreType(value.GetType());
        parameter.Value = Store(value);
    }

    /// <summary>The value as the EF model stores it on this provider.</summary>
    private object Store(object? value) => value switch
    {
        null => DBNull.Value,
        // Microsoft.Data.Sqlite would bind a Guid as a blob; EF keeps them as upper-case text.
        Guid guid when IsSqlite => guid.ToString("D").ToUpperInvariant(),
        DateTimeOffset instant => instant.UtcTicks,
        Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture),
        _ => value,
    };

    private DbType StoreType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) return DbType.Int32;
        if (type == typeof(DateTimeOffset) || type == typeof(long)) return DbType.Int64;
        if (type == typeof(int)) return DbType.Int32;
        if (type == typeof(string)) return DbType.String;
        if (type == typeof(bool)) return DbType.Boolean;
        if (type == typeof(Guid)) return IsSqlite ? DbType.String : DbType.Guid;
        if (type == typeof(double)) return DbType.Double;
        if (type == typeof(short)) return DbType.Int16;
        if (type == typeof(byte[])) return DbType.Binary;
        return DbType.Object;
    }

    private static Type ElementType(Type listType) =>
        listType.IsArray ? listType.GetElementType()!
        : listType.GetInterfaces().Append(listType).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
          ?? typeof(object);

    private static string Expand(string sql, List<Value> values)
    {
        foreach (var (name, _, _, list) in values)
        {
            if (list is null) continue;
            var names = list.Count == 0 ? "NULL" : string.Join(", ", Enumerable.Range(0, list.Count).Select(i => "@" + name + i.ToString(CultureInfo.InvariantCulture)));
            sql = Regex.Replace(sql, "@" + Regex.Escape(name) + "(?![A-Za-z0-9_])", names, RegexOptions.CultureInvariant);
        }
        return sql;
    }

    private readonly record struct Value(string Name, Type Type, object? Item, IList? List);

    private static List<Value> Values(object? args)
    {
        if (args is null) return [];
        var values = new List<Value>();
        foreach (var (name, type, get) in Accessors.GetOrAdd(args.GetType(), Describe))
        {
            var value = get(args);
            var list = value is IEnumerable items and not string and not byte[] ? items.Cast<object?>().ToList() : null;
            values.Add(new Value(name, type, list is null ? value : null, list));
        }
        return values;
    }

    private static readonly ConcurrentDictionary<Type, (string Name, Type Type, Func<object, object?> Get)[]> Accessors = new();

    private static (string, Type, Func<object, object?>)[] Describe(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)
            .Select(p =>
            {
                var instance = Expression.Parameter(typeof(object));
                var get = Expression.Lambda<Func<object, object?>>(
                    Expression.Convert(Expression.Property(Expression.Convert(instance, type), p), typeof(object)), instance).Compile();
                return (p.Name, p.PropertyType, get);
            })
            .ToArray();
}

/// <summary>Reading columns as the EF model stores them (instants are UTC ticks).</summary>
public static class SqlReaderExtensions
{
    public static DateTimeOffset GetInstant(this DbDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static DateTimeOffset? GetNullableInstant(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInstant(ordinal);

    public static int? GetNullableInt32(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static long? GetNullableInt64(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? GetNullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static Guid? GetNullableGuid(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);

    /// <summary>A count or sum: PostgreSQL gives bigint (or numeric), SQLite an integer.</summary>
    public static long GetCount(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
