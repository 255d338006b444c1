using Microsoft.AspNetCore.Identity;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Core.Users;

/// <summary>
/// Someone must always be able to manage users and channels: the last admin who can sign in can be neither demoted nor
/// locked out, also when two admins act on each other at the same moment, on two instances (decision 0012). Each test
/// runs on a host of its own, whose only admin is the demo admin.
/// </summary>
[Trait("Storage", "Both")]
public sealed class LastAdminTests
{
    private const int Rounds = 5;
    private const string LastAdmin = "This is the last admin; make someone else an admin first.";
    private const string OthersLocked = "Every other admin is locked out; unlock one or make someone else an admin first.";

    [Fact]
    public async Task The_only_admin_cannot_be_made_an_agent()
    {
        await using var app = await AppHost.StartAsync();
        var admin = await IdOfAsync(app, DemoData.Admin.Email);

        var result = await app.WithServiceAsync((UserService s) => s.UpdateAsync(admin, AsRole(DemoData.Admin.Email, "Ada Admin", Roles.Agent)));

        Assert.False(result.Succeeded);
        Assert.Equal(new Problem(nameof(UserInput.Role), LastAdmin), Assert.Single(result.Problems));
        Assert.Equal([DemoData.Admin.Email], await AdminsAsync(app));
    }

    [Fact]
    public async Task Two_admins_demoting_each_other_at_once_leave_one_admin()
    {
        await using var app = await AppHost.StartAsync();
        var second = await app.AddSignInAdminAsync("Second Admin");
        var pair = new[] { (Id: await IdOfAsync(app, DemoData.Admin.Email), DemoData.Admin.Email), (Id: await IdOfAsync(app, second.Email), second.Email) };

        for (var round = 0; round < Rounds; round++)
        {
            var results = await Task.WhenAll(pair.Select(a =>
                Task.Run(() => app.WithServiceAsync((UserService s) => s.UpdateAsync(a.Id, AsRole(a.Email, "Admin", Roles.Agent))))));

            Assert.Single(results, r => r.Succeeded);
            Assert.Equal(new Problem(nameof(UserInput.Role), LastAdmin), Assert.Single(Assert.Single(results, r => !r.Succeeded).Problems));
            var left = Assert.Single(await AdminsAsync(app));
            // Make the demoted one an admin again for the next round.
            var demoted = pair.Single(a => a.Email != left);
            var restored = await app.WithServiceAsync((UserService s) => s.UpdateAsync(demoted.Id, AsRole(demoted.Email, "Admin", Roles.Admin)));
            Assert.True(restored.Succeeded, restored.FirstMessage);
        }
    }

    [Fact]
    public async Task Two_admins_locking_each_other_out_at_once_leave_one_who_can_sign_in()
    {
        await using var app = await AppHost.StartAsync();
        var second = await app.AddSignInAdminAsync("Second Admin");
        var first = await IdOfAsync(app, DemoData.Admin.Email);
        var other = await IdOfAsync(app, second.Email);

        for (var round = 0; round < Rounds; round++)
        {
            var results = await Task.WhenAll(
                Task.Run(() => app.WithServiceAsync((UserService s) => s.SetLockedAsync(other, true, first))),
                Task.Run(() => app.WithServiceAsync((UserService s) => s.SetLockedAsync(first, true, other))));

            Assert.Single(results, r => r.Succeeded);
            Assert.Equal(OthersLocked, Assert.Single(results, r => !r.Succeeded).FirstMessage);
            var lockedOut = Assert.Single(await LockedOutAsync(app, first, other));
            var unlocked = await app.WithServiceAsync((UserService s) => s.SetLockedAsync(lockedOut, false, lockedOut == first ? other : first));
            Assert.True(unlocked.Succeeded, unlocked.FirstMessage);
        }
    }

    [Fact]
    public async Task An_admin_whose_fellow_admins_are_all_locked_out_stays_an_admin()
    {
        await using var app = await AppHost.StartAsync();
        var second = await app.AddSignInAdminAsync("Second Admin");
        var first = await IdOfAsync(app, DemoData.Admin.Email);
        var secondId = await IdOfAsync(app, second.Email);
        var locked = await app.WithServiceAsync((UserService s) => s.SetLockedAsync(secondId, true, first));
        Assert.True(locked.Succeeded, locked.FirstMessage);

        var result = await app.WithServiceAsync((UserService s) => s.UpdateAsync(first, AsRole(DemoData.Admin.Email, "Ada Admin", Roles.Supervisor)));

        Assert.False(result.Succeeded);
        Assert.Equal(new Problem(nameof(UserInput.Role), OthersLocked), Assert.Single(result.Problems));
        Assert.Contains(DemoData.Admin.Email, await AdminsAsync(app));
    }

    private static UserInput AsRole(string email, string name, string role) =>
        new() { Email = email, DisplayName = name, Role = role, Capacity = 3 };

    private static Task<string> IdOfAsync(AppHost app, string email) =>
        app.WithServiceAsync(async (UserManager<AppUser> users) => (await users.FindByEmailAsync(email))!.Id);

    private static async Task<List<string>> LockedOutAsync(AppHost app, params string[] ids)
    {
        var lockedOut = new List<string>();
        foreach (var id in ids)
        {
            var end = await app.WithServiceAsync(async (UserManager<AppUser> users) => (await users.FindByIdAsync(id))!.LockoutEnd);
            if (end == DateTimeOffset.MaxValue) lockedOut.Add(id);
        }
        return lockedOut;
    }

    private static Task<List<string>> AdminsAsync(AppHost app) =>
        app.WithServiceAsync(async (UserManager<AppUser> users) => (await users.GetUsersInRoleAsync(Roles.Admin)).Select(u => u.Email!).ToList());
}
