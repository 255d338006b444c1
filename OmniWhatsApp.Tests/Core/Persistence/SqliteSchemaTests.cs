using Microsoft.Data.Sqlite;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Persistence;

/// <summary>
/// The schema description that decides whether a database made by the hand-written migrations is adopted
/// (<see cref="HandWrittenMigrations"/>) must see every difference that matters.
/// </summary>
public sealed class SqliteSchemaTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public void Comparison_reports_differences_in_type_nullability_and_indexes()
    {
        var first = temp.File("first.db");
        var second = temp.File("second.db");
        Execute(first, """
            CREATE TABLE Items (Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, Name TEXT NOT NULL, Code TEXT NULL);
            CREATE UNIQUE INDEX IX_Items_Code ON Items (Code) WHERE "Code" IS NOT NULL;
            """);
        Execute(second, """
            CREATE TABLE Items (Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, Name TEXT NULL, Code INTEGER NULL);
            CREATE INDEX IX_Items_Code ON Items (Code);
            """);

        var diff = SqliteSchema.Diff(first, "first", second, "second");

        Assert.Contains("Only in the database made by first:", diff);
        Assert.Contains("Items: column Name TEXT NOT NULL", diff);
        Assert.Contains("Items: column Code TEXT NULL", diff);
        Assert.Contains("Items: index IX_Items_Code UNIQUE (Code) WHERE \"Code\" IS NOT NULL", diff);
        Assert.Contains("Only in the database made by second:", diff);
        Assert.Contains("Items: column Name TEXT NULL", diff);
        Assert.Contains("Items: column Code INTEGER NULL", diff);
        Assert.Contains("Items: index IX_Items_Code (Code)", diff);
        Assert.DoesNotContain("Items: column Id", diff);
    }

    [Fact]
    public void Description_covers_columns_partial_unique_indexes_and_foreign_keys()
    {
        var path = temp.File("old.db");
        HandWrittenDatabase.Restore(path);

        var schema = SqliteSchema.Describe(path);

        Assert.Contains("Numbers: column Number TEXT NOT NULL", schema);
        Assert.Contains("Numbers: index IX_Numbers_Number UNIQUE (Number) WHERE \"RetiredAt\" IS NULL", schema);
        Assert.Contains("Numbers: foreign key (AccountId) -> Accounts(Id) ON DELETE RESTRICT ON UPDATE NO ACTION", schema);
        Assert.Contains("Templates: index IX_Templates_WorkstreamId_Name_Language UNIQUE (WorkstreamId, Name, Language)", schema);
        Assert.DoesNotContain(schema, line => line.StartsWith("__EFMigrationsHistory", StringComparison.Ordinal));
    }

    public void Dispose() => temp.Dispose();

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
