using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OmniWhatsApp.Core.Persistence;

/// <summary>The model on SQLite; its migrations are in Persistence/Migrations/Sqlite.</summary>
public sealed class SqliteOmniDbContext(DbContextOptions<SqliteOmniDbContext> options) : OmniDbContext(options);

/// <summary>The model on PostgreSQL; its migrations are in Persistence/Migrations/PostgreSql.</summary>
public sealed class PostgreSqlOmniDbContext(DbContextOptions<PostgreSqlOmniDbContext> options) : OmniDbContext(options);

/// <summary>
/// For <c>dotnet ef migrations add … --context SqliteOmniDbContext</c>: the tools build the context here instead
/// of starting the web app. Scaffolding never opens the database.
/// </summary>
public sealed class SqliteOmniDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SqliteOmniDbContext>
{
    public SqliteOmniDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteOmniDbContext>();
        DatabaseSetup.UseSqlite(options, "Data Source=:memory:");
        return new SqliteOmniDbContext(options.Options);
    }
}

/// <summary>For <c>dotnet ef migrations add … --context PostgreSqlOmniDbContext</c>; scaffolding never connects.</summary>
public sealed class PostgreSqlOmniDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlOmniDbContext>
{
    public PostgreSqlOmniDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlOmniDbContext>();
        DatabaseSetup.UsePostgreSql(options, "Host=localhost;Database=omniwhatsapp");
        return new PostgreSqlOmniDbContext(options.Options);
    }
}

/// <summary>Hands out the provider's context to everything that asks for <see cref="OmniDbContext"/>.</summary>
internal sealed class OmniDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<OmniDbContext>
    where TContext : OmniDbContext
{
    public OmniDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<OmniDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
