using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Persistence;

/// <summary>
/// The migrations are written by hand (there is no EF design package and so no model snapshot). This compares the
/// database they build with the one EF builds straight from the model; any difference means a migration is missing
/// or wrong.
/// </summary>
public sealed class SchemaDriftTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly List<string> databases = [];

    [Fact]
    public void Migrations_build_the_same_schema_as_the_model()
    {
        var migrated = temp.File("migrated.db");
        var created = temp.File("created.db");
        using (var db = Context(migrated)) db.Database.Migrate();
        using (var db = Context(created)) db.Database.EnsureCreated();

        var diff = SqliteSchema.Diff(migrated, "Database.Migrate()", created, "Database.EnsureCreated() from the model");

        Assert.True(diff.Length == 0, "The migrations and the model disagree. Add or fix a migration in OmniWhatsApp.Core/Persistence/Migrations.\n" + diff);
    }

    [Fact]
    public void Schema_description_covers_the_parts_that_matter()
    {
        var migrated = temp.File("migrated.db");
        using (var db = Context(migrated)) db.Database.Migrate();

        var schema = SqliteSchema.Describe(migrated);

        Assert.Contains("Numbers: column Number TEXT NOT NULL", schema);
        Assert.Contains("Numbers: index IX_Numbers_Number UNIQUE (Number) WHERE \"RetiredAt\" IS NULL", schema);
        Assert.Contains("Numbers: foreign key (AccountId) -> Accounts(Id) ON DELETE RESTRICT ON UPDATE NO ACTION", schema);
        Assert.Contains("Templates: index IX_Templates_WorkstreamId_Name_Language UNIQUE (WorkstreamId, Name, Language)", schema);
        Assert.DoesNotContain(schema, line => line.StartsWith("__EFMigrationsHistory", StringComparison.Ordinal));
    }

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

    public void Dispose()
    {
        // The product's connection string pools connections, which would keep the files open.
        foreach (var path in databases) SqliteConnection.ClearPool(new SqliteConnection($"Data Source={path}"));
        temp.Dispose();
    }

    private OmniDbContext Context(string path)
    {
        databases.Add(path);
        var options = new DbContextOptionsBuilder<OmniDbContext>();
        CoreServiceCollectionExtensions.ConfigureDatabase(options, new DatabaseOptions { SqlitePath = path }, temp.Path);
        return new OmniDbContext(options.Options);
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
