using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace OmniWhatsApp.Core.Persistence;

/// <summary>
/// Registers the configured provider's context (<see cref="SqliteOmniDbContext"/> or
/// <see cref="PostgreSqlOmniDbContext"/>) and hands it out as <see cref="OmniDbContext"/>: services,
/// <c>IDbContextFactory&lt;OmniDbContext&gt;</c> users and Identity's stores never name a provider.
/// </summary>
public static class DatabaseSetup
{
    private static readonly SqlitePragmas SqlitePragmasInstance = new();

    public static IServiceCollection AddOmniDatabase(this IServiceCollection services, DatabaseOptions database, string contentRoot)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.PostgreSql:
                services.AddDbContextFactory<PostgreSqlOmniDbContext>(options => UsePostgreSql(options, database.PostgreSqlConnectionString!));
                return Forward<PostgreSqlOmniDbContext>(services);
            default:
                services.AddDbContextFactory<SqliteOmniDbContext>(options => UseSqlite(options, SqliteConnectionString(database, contentRoot)));
                return Forward<SqliteOmniDbContext>(services);
        }
    }

    /// <summary>A context of the configured provider outside dependency injection (tools and tests).</summary>
    public static OmniDbContext CreateDbContext(DatabaseOptions database, string contentRoot)
    {
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            var postgres = new DbContextOptionsBuilder<PostgreSqlOmniDbContext>();
            UsePostgreSql(postgres, database.PostgreSqlConnectionString!);
            return new PostgreSqlOmniDbContext(postgres.Options);
        }
        var sqlite = new DbContextOptionsBuilder<SqliteOmniDbContext>();
        UseSqlite(sqlite, SqliteConnectionString(database, contentRoot));
        return new SqliteOmniDbContext(sqlite.Options);
    }

    /// <summary>The SQLite settings the app runs with; the design-time factory uses them too, so the model is the same.</summary>
    public static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(SqlitePragmasInstance);

    /// <summary>The PostgreSQL settings the app runs with; the design-time factory uses them too.</summary>
    public static DbContextOptionsBuilder UsePostgreSql(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(PostgreSqlConnectionString(connectionString));

    /// <summary>
    /// The configured connection string, with Npgsql's automatic preparation switched on unless the string says
    /// otherwise: the statements a connection runs again and again (every webhook's writes) are then parsed and
    /// planned once per connection, which on the benchmark took PostgreSQL ingest from 737 to 1,031 messages/s
    /// (docs/benchmarks.md).
    /// </summary>
    public static string PostgreSqlConnectionString(string configured)
    {
        // What the string itself names (Npgsql's own builder answers for every keyword it knows).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }

    private static string SqliteConnectionString(DatabaseOptions database, string contentRoot)
    {
        var path = Path.Combine(contentRoot, database.SqlitePath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return $"Data Source={path}";
    }

    private static IServiceCollection Forward<TContext>(IServiceCollection services) where TContext : OmniDbContext
    {
        services.AddSingleton<IDbContextFactory<OmniDbContext>>(provider =>
            new OmniDbContextFactory<TContext>(provider.GetRequiredService<IDbContextFactory<TContext>>()));
        // Identity's EF stores take the context from the request's scope.
        services.AddScoped<OmniDbContext>(provider => provider.GetRequiredService<TContext>());
        return services;
    }
}
