using System.Net;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Web.Hosting;

/// <summary>Signing in is not enough: every page, endpoint and the hub need one of the product's roles.</summary>
[Collection(AppCollection.Name)]
public sealed partial class RoleRequiredTests(AppHost app)
{
    private static readonly string[] StaffPages = ["", "inbox", "supervisor"];

    [Fact]
    public async Task A_signed_in_user_without_a_role_reaches_no_page_and_not_the_hub()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var conversationId = await channel.OpenConversationAsync();
        var (email, password) = await CreateUserWithoutRoleAsync();
        var cookies = await HubClient.SignInAsync(app, email, password);
        using var http = app.CreateHttpClient(cookies: cookies);

        foreach (var path in StaffPages.Append($"inbox/{conversationId}").Append($"conversations/{conversationId}"))
        {
            using var page = await http.GetAsync(app.Url(path));
            Assert.True(page.StatusCode == HttpStatusCode.Redirect, $"/{path} answered {page.StatusCode}");
            Assert.Contains("/account/access-denied", page.Headers.Location!.ToString());
        }

        using var negotiate = await http.PostAsync(app.Url("hubs/conversations/negotiate?negotiateVersion=1"), null);
        Assert.Equal(HttpStatusCode.Forbidden, negotiate.StatusCode);
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => HubClient.ConnectAsync(app, cookies));
        Assert.Contains("403", refused.Message);

        // The notice itself, and signing out, still work for them.
        var denied = await http.GetStringAsync(app.Url("account/access-denied"));
        using var signOut = await http.PostAsync(app.Url("account/logout"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HubClient.AntiforgeryField().Match(denied).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.EndsWith("/account/login", signOut.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_same_requests_pass_for_an_agent()
    {
        var cookies = await HubClient.SignInAsync(app, DemoData.Agent.Email, DemoData.Agent.Password);
        using var http = app.CreateHttpClient(cookies: cookies);

        using var inbox = await http.GetAsync(app.Url("inbox"));
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        await using var hub = await HubClient.ConnectAsync(app, cookies);
    }

    private async Task<(string Email, string Password)> CreateUserWithoutRoleAsync()
    {
        var email = $"{Guid.NewGuid():N}@norole.test";
        const string password = "No-role#2026";
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var created = await users.CreateAsync(new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Nobody" }, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return (email, password);
    }

}
