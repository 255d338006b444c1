using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Hosting;

/// <summary>Outside Development nothing is seeded; the first admin is made by an explicit command.</summary>
public sealed class ProductionStartTests
{
    [Fact]
    public async Task Production_seeds_nothing_and_says_how_to_create_the_first_admin()
    {
        await using var app = await AppHost.StartAsync(o => o.Environment = "Production");

        await using var db = await app.CreateDbContextAsync();
        Assert.Empty(await db.Users.ToListAsync());
        Assert.Empty(await db.Accounts.ToListAsync());
        Assert.Equal(Roles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
        Assert.Contains(app.Logs, e => e.Message.Contains("create-admin"));
    }

    [Fact]
    public async Task The_create_admin_command_makes_an_admin_with_the_password_from_standard_input()
    {
        var folder = Path.Combine(Path.GetTempPath(), "omniwhatsapp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var database = Path.Combine(folder, "app.db");
            var (exit, output) = await RunAsync(folder, database, "create-admin", "root@example.com", "Rita", "Root");

            Assert.True(exit == 0, output);
            Assert.Contains("Admin root@example.com created.", output);
            var options = new DbContextOptionsBuilder<OmniWhatsApp.Core.Persistence.SqliteOmniDbContext>().UseSqlite($"Data Source={database}").Options;
            await using var db = new OmniWhatsApp.Core.Persistence.SqliteOmniDbContext(options);
            var user = await db.Users.SingleAsync();
            Assert.Equal("Rita Root", user.DisplayName);
            var roleId = await db.UserRoles.Where(r => r.UserId == user.Id).Select(r => r.RoleId).SingleAsync();
            Assert.Equal(Roles.Admin, await db.Roles.Where(r => r.Id == roleId).Select(r => r.Name).SingleAsync());
            Assert.Equal(PasswordVerificationResult.Success,
                new PasswordHasher<AppUser>().VerifyHashedPassword(user, user.PasswordHash!, "a-long-password"));

            var (again, refused) = await RunAsync(folder, database, "create-admin", "root@example.com");
            Assert.NotEqual(0, again);
            Assert.Contains("A user with this email address already exists.", refused);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string folder, string database, params string[] args)
    {
        // The Web project's own build output, with the same configuration and framework as this test assembly.
        var output = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var web = RepositoryPaths.Combine("OmniWhatsApp.Web", "bin", Path.GetFileName(Path.GetDirectoryName(output))!, Path.GetFileName(output), "OmniWhatsApp.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        start.ArgumentList.Add(web);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__SqlitePath"] = database;
        start.Environment["DataProtection__KeysPath"] = Path.Combine(folder, "keys");
        start.Environment["Emulator__DataPath"] = Path.Combine(folder, "emulator");
        start.Environment["Media__Path"] = Path.Combine(folder, "media");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync("a-long-password");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout + await stderr);
    }
}
