using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Web.Hosting;

[Collection(AppCollection.Name)]
public sealed class StartupTests(AppHost app)
{
    [Fact]
    public void Host_listens_on_loopback_only()
    {
        Assert.Equal("127.0.0.1", app.BaseUrl.Host);
        Assert.NotEqual(0, app.BaseUrl.Port);
    }

    [Fact]
    public async Task Database_is_created_in_the_hosts_own_folder()
    {
        Assert.True(File.Exists(app.DatabasePath), $"no database at {app.DatabasePath}");
        await using var db = await app.CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Development_seeds_one_demo_user_per_role()
    {
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var demo in DemoData.Users)
        {
            var user = await users.FindByEmailAsync(demo.Email);
            Assert.NotNull(user);
            Assert.True(await users.CheckPasswordAsync(user, demo.Password), $"{demo.Email} does not accept its demo password");
            Assert.Equal([demo.Role], await users.GetRolesAsync(user));
        }
    }

    [Fact]
    public async Task Sign_in_page_is_served_anonymously()
    {
        using var http = app.CreateHttpClient();
        using var response = await http.GetAsync("account/login");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"sign-in\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_redirect_anonymous_visitors_to_sign_in()
    {
        using var http = app.CreateHttpClient();
        using var response = await http.GetAsync("admin/accounts");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }
}
