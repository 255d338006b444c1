using System.Text;
using Microsoft.Data.Sqlite;

namespace OmniWhatsApp.Core.Persistence;

/// <summary>
/// A SQLite database's schema as comparable lines, one fact per line ("Numbers: column Number TEXT NOT NULL",
/// "Numbers: index IX_Numbers_Number UNIQUE (Number) WHERE "RetiredAt" IS NULL"…), read from sqlite_master and the
/// table_info / index_list / index_info / foreign_key_list pragmas. Column order is ignored; EF's own migration
/// bookkeeping tables (__EFMigrationsHistory, __EFMigrationsLock) and SQLite's internal tables are left out.
/// </summary>
public static class SqliteSchema
{
    public static SortedSet<string> Describe(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return Describe(connection);
    }

    /// <summary>The schema of the database behind an open connection.</summary>
    public static SortedSet<string> Describe(SqliteConnection connection)
    {
        var facts = new SortedSet<string>(StringComparer.Ordinal);

        var tables = Rows(connection,
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')");
        foreach (var table in tables)
        {
            var name = (string)table["name"]!;
            var createSql = (string?)table["sql"] ?? "";
            facts.Add($"{name}: table");

            foreach (var column in Rows(connection, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($t)", name))
            {
                var line = new StringBuilder($"{name}: column {column["name"]} {column["type"]}");
                line.Append((long)column["notnull"]! == 1 ? " NOT NULL" : " NULL");
                if (column["dflt_value"] is { } defaultValue) line.Append($" DEFAULT {defaultValue}");
                if ((long)column["pk"]! > 0) line.Append($" PRIMARY KEY #{column["pk"]}");
                facts.Add(line.ToString());
            }
            if (createSql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase)) facts.Add($"{name}: AUTOINCREMENT");

            foreach (var index in Rows(connection, "SELECT name, \"unique\", origin, partial FROM pragma_index_list($t)", name))
            {
                var indexName = (string)index["name"]!;
                var columns = Rows(connection, "SELECT name FROM pragma_index_info($t) ORDER BY seqno", indexName).Select(r => r["name"]);
                var line = new StringBuilder($"{name}: index {indexName}");
                if ((long)index["unique"]! == 1) line.Append(" UNIQUE");
                line.Append($" ({string.Join(", ", columns)})");
                if ((string)index["origin"]! != "c") line.Append($" from {index["origin"]}");
                if ((long)index["partial"]! == 1) line.Append($" WHERE {WhereClause(connection, indexName)}");
                facts.Add(line.ToString());
            }

            foreach (var key in Rows(connection, "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list($t) ORDER BY id, seq", name)
                         .GroupBy(r => (long)r["id"]!))
            {
                var first = key.First();
                facts.Add($"{name}: foreign key ({string.Join(", ", key.Select(r => r["from"]))}) -> {first["table"]}" +
                          $"({string.Join(", ", key.Select(r => r["to"]))}) ON DELETE {first["on_delete"]} ON UPDATE {first["on_update"]}");
            }
        }
        return facts;
    }

    /// <summary>Empty when both schemas are the same; otherwise the lines only one of them has, under its label.</summary>
    public static string Diff(string firstPath, string firstLabel, string secondPath, string secondLabel) =>
        Diff(Describe(firstPath), firstLabel, Describe(secondPath), secondLabel);

    /// <summary>Empty when both descriptions are the same; otherwise the lines only one of them has, under its label.</summary>
    public static string Diff(IReadOnlySet<string> first, string firstLabel, IReadOnlySet<string> second, string secondLabel)
    {
        var report = new StringBuilder();
        Section(report, $"Only in the database made by {firstLabel}:", first.Except(second));
        Section(report, $"Only in the database made by {secondLabel}:", second.Except(first));
        return report.ToString();
    }

    private static void Section(StringBuilder report, string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count == 0) return;
        report.AppendLine(title);
        foreach (var line in list) report.AppendLine("  " + line);
    }

    private static string WhereClause(SqliteConnection connection, string indexName)
    {
        var sql = (string?)Rows(connection, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $t", indexName).Single()["sql"] ?? "";
        var at = sql.LastIndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? "?" : sql[(at + " WHERE ".Length)..].Trim();
    }

    private static List<Dictionary<string, object?>> Rows(SqliteConnection connection, string sql, string? parameter = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (parameter is not null) command.Parameters.AddWithValue("$t", parameter);
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}
