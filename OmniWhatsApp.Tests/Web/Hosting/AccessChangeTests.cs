using Microsoft.AspNetCore.Identity;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Web.Hosting;

/// <summary>A role change or a lock reaches the sessions the user already has open.</summary>
[Collection(AppCollection.Name)]
[Trait("Storage", "Both")]
public sealed class AccessChangeTests(AppHost app)
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_role_change_renews_the_security_stamp_and_other_edits_do_not()
    {
        var (id, user) = await app.AddSignInAgentAsync("Stamp Stan", []);
        var before = await StampAsync(id);

        await SaveAsync(id, user.Email, Roles.Agent, displayName: "Stamp Stanley");
        Assert.Equal(before, await StampAsync(id));

        await SaveAsync(id, user.Email, Roles.Supervisor);
        Assert.NotEqual(before, await StampAsync(id));
    }

    [Fact]
    public async Task A_circuits_principal_stops_being_current_after_a_role_change_or_a_lock()
    {
        var (id, user) = await app.AddSignInAgentAsync("Circuit Cleo", []);
        var check = app.GetRequiredService<SessionCheck>();

        var first = await PrincipalAsync(id);
        Assert.True(await check.IsCurrentAsync(first));
        await SaveAsync(id, user.Email, Roles.Supervisor);
        Assert.False(await check.IsCurrentAsync(first));

        var second = await PrincipalAsync(id);
        Assert.True(await check.IsCurrentAsync(second));
        var locked = await app.WithServiceAsync(async (UserService s) => await s.SetLockedAsync(id, true, await AdminIdAsync()));
        Assert.True(locked.Succeeded, locked.FirstMessage);
        Assert.False(await check.IsCurrentAsync(second));
    }

    [Fact]
    public async Task A_locked_users_hub_connection_is_closed_and_a_new_one_too()
    {
        var (id, user) = await app.AddSignInAgentAsync("Locked Lou", []);
        var cookies = await HubClient.SignInAsync(app, user.Email, user.Password);
        await using var hub = await HubClient.ConnectAsync(app, cookies);
        await using var bystander = await HubClient.ConnectAsync(app, DemoData.Supervisor);

        var locked = await app.WithServiceAsync(async (UserService s) => await s.SetLockedAsync(id, true, await AdminIdAsync()));
        Assert.True(locked.Succeeded, locked.FirstMessage);

        Assert.True(await hub.WaitUntilClosedAsync(CloseTimeout), "the locked user's hub connection stayed open");
        Assert.False(await bystander.WaitUntilClosedAsync(TimeSpan.FromMilliseconds(300)), "another user's connection was closed");
        // The cookie is within its revalidation interval still: the hub checks the stamp itself.
        await using var again = await HubClient.ConnectAsync(app, cookies);
        Assert.True(await again.WaitUntilClosedAsync(CloseTimeout), "the locked user reconnected with the old cookie");
    }

    [Fact]
    public async Task A_demoted_supervisors_hub_connection_is_closed()
    {
        var (id, user) = await app.AddSignInAgentAsync("Demoted Dana", []);
        await SaveAsync(id, user.Email, Roles.Supervisor);
        await using var hub = await HubClient.ConnectAsync(app, user.Email, user.Password);

        await SaveAsync(id, user.Email, Roles.Agent);

        Assert.True(await hub.WaitUntilClosedAsync(CloseTimeout), "the demoted supervisor still receives everything");
    }

    private async Task SaveAsync(string id, string email, string role, string displayName = "Someone")
    {
        var saved = await app.WithServiceAsync((UserService s) => s.UpdateAsync(id, new UserInput { Email = email, DisplayName = displayName, Role = role, Capacity = 3 }));
        Assert.True(saved.Succeeded, saved.FirstMessage);
    }

    private async Task<string> StampAsync(string id)
    {
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetSecurityStampAsync((await users.FindByIdAsync(id))!);
    }

    /// <summary>The principal a sign-in would put in the cookie now (and a circuit would start with).</summary>
    private async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(string id)
    {
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
        return await factory.CreateAsync((await users.FindByIdAsync(id))!);
    }

    private async Task<string> AdminIdAsync() =>
        (await app.WithServiceAsync((UserService s) => s.ListAsync())).Single(u => u.Email == DemoData.Admin.Email).Id;
}
