using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Hosting;

/// <summary>
/// The storage tests' second pass really runs on PostgreSQL: the shared host's data is in its own database on the
/// run's PostgreSQL server and nowhere in a SQLite file; on the first pass it is in the host's SQLite file.
/// </summary>
[Collection(AppCollection.Name)]
[Trait("Storage", "Both")]
public sealed class DatabaseProviderTests(AppHost app)
{
    [Fact]
    public async Task What_the_app_saves_is_in_the_database_of_the_runs_provider_and_only_there()
    {
        Assert.Equal(TestServers.DefaultProvider, app.Provider);
        var name = TestData.UniqueName("Provider check");
        var created = await app.WithServiceAsync((RoutingService s) => s.CreateQueueAsync(new QueueInput { Name = name }));
        Assert.True(created.Succeeded, created.FirstMessage);

        await using var db = await app.CreateDbContextAsync();
        if (app.Provider == DatabaseProvider.PostgreSql)
        {
            Assert.True(db.Database.IsNpgsql());
            Assert.False(File.Exists(app.DatabasePath), $"a SQLite file exists at {app.DatabasePath}");
            await using var connection = new NpgsqlConnection(TestServers.PostgresDatabase(app.PostgresDatabase!));
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand("""SELECT count(*) FROM "Queues" WHERE "Name" = @name""", connection);
            query.Parameters.AddWithValue("name", name);
            Assert.Equal(1L, await query.ExecuteScalarAsync());
            Assert.Equal(app.PostgresDatabase, db.Database.GetDbConnection().Database);
        }
        else
        {
            Assert.True(db.Database.IsSqlite());
            Assert.Null(app.PostgresDatabase);
            await using var connection = new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using var query = connection.CreateCommand();
            query.CommandText = """SELECT count(*) FROM "Queues" WHERE "Name" = $name""";
            query.Parameters.AddWithValue("$name", name);
            Assert.Equal(1L, await query.ExecuteScalarAsync());
        }
    }
}
