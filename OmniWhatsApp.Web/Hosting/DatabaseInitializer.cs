using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Security;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Web.Hosting;

public static class DatabaseInitializer
{
    /// <summary>
    /// Applies pending migrations (after adopting, or refusing, a database made by the hand-written migrations of
    /// earlier versions: <see cref="HandWrittenMigrations"/>) and makes sure the three roles exist. In Development it also seeds the demo
    /// users and data (once, into an empty database); in any other environment it seeds nothing.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, IHostEnvironment environment)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("OmniWhatsApp.Database");

        await using (var db = await provider.GetRequiredService<IDbContextFactory<OmniDbContext>>().CreateDbContextAsync())
        {
            // On a new PostgreSQL database the provider finds out whether the history table exists by reading it, and
            // logs the failure as an error (npgsql/efcore.pg#3407); creating it first, empty, says the same quietly.
            if (db.Database.IsNpgsql()) await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync();
            await HandWrittenMigrations.AdoptOrRefuseAsync(db, logger);
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync();
            }
            await SqlitePragmas.EnableWalAsync(db);
            if (db.Database.IsNpgsql())
            {
                var configuration = provider.GetRequiredService<IConfiguration>();
                await DataProtectionKeyStore.ImportFolderAsync(db, DataProtectionKeyStore.Folder(configuration, environment.ContentRootPath), logger);
            }
        }

        var roles = provider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }

        if (environment.IsDevelopment())
        {
            await provider.GetRequiredService<DemoData>().SeedAsync();
        }
        else if (!await provider.GetRequiredService<UserManager<AppUser>>().Users.AnyAsync())
        {
            logger.LogWarning("No users exist. Create the first admin with: dotnet OmniWhatsApp.Web.dll create-admin <email> (the password is read from standard input)");
        }
    }
}
