using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Browser.Mud;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>/admin/users beyond creating an agent: editing in the dialog, a taken email at its field, locking.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UserAdminTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task Admin_edits_a_user_s_role_and_capacity_and_a_taken_email_is_refused_at_the_field()
    {
        var name = TestData.UniqueName("Edna Edit");
        await app.AddAgentAsync(name, [], capacity: 2, presence: null);
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var users = await UsersPage.OpenAsync(session.Page);
        var row = users.Row(name);
        await Expect(row).ToBeVisibleAsync();

        await row.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = $"Edit {name}" }).ClickAsync();
        await Expect(users.Form).ToBeVisibleAsync();
        await Expect(users.Name).ToHaveValueAsync(name);
        await Expect(users.Capacity).ToHaveValueAsync("2");

        // Another user's email is refused next to the email field; the dialog stays open.
        await users.Email.FillAsync(DemoData.Supervisor.Email);
        await users.SaveButton.ClickAsync();
        await Expect(users.Form.FieldMessage("user-email")).ToHaveTextAsync("A user with this email address already exists.");
        await session.ScreenshotAsync("email-taken");

        await users.Email.FillAsync($"edna.{Guid.NewGuid():N}@example.test");
        await users.Role.SelectAsync("Supervisor");
        await users.Capacity.FillAsync("7");
        await users.SaveButton.ClickAsync();

        await Expect(users.Form).ToHaveCountAsync(0);
        await Expect(users.Toast("Saved")).ToContainTextAsync(name);
        await Expect(row).ToContainTextAsync("Supervisor");
        Assert.Equal("7", await users.CellAsync(row, "Capacity"));
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Lock_is_danger_styled_and_a_locked_user_can_be_unlocked()
    {
        var name = TestData.UniqueName("Lou Lock");
        await app.AddAgentAsync(name, [], presence: null);
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var users = await UsersPage.OpenAsync(session.Page);
        var row = users.Row(name);
        await Expect(users.LockButton(row)).ToHaveTextAsync("Lock");
        Assert.True(await users.LockButton(row).IsDangerStyledAsync(), "Lock is not in the error colour");

        await users.LockButton(row).ClickAsync();

        await Expect(users.LockButton(row)).ToHaveTextAsync("Unlock");
        Assert.Equal("Locked", await users.CellAsync(row, "Status"));
        Assert.False(await users.LockButton(row).IsDangerStyledAsync(), "Unlock is in the error colour");
        await users.LockButton(row).ClickAsync();
        await Expect(users.LockButton(row)).ToHaveTextAsync("Lock");
        Assert.Equal("Active", await users.CellAsync(row, "Status"));
    }
}
