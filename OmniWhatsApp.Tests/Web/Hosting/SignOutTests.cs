using System.Net;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Hosting;

/// <summary>Signing out is a form post that needs the page's antiforgery token, so no other site can sign a person out.</summary>
[Collection(AppCollection.Name)]
public sealed class SignOutTests(AppHost app)
{
    [Fact]
    public async Task A_sign_out_post_without_the_pages_token_is_refused_and_the_person_stays_signed_in()
    {
        var (_, agent) = await app.AddSignInAgentAsync("Sign-out agent", []);
        var cookies = await HubClient.SignInAsync(app, agent.Email, agent.Password);
        using var http = app.CreateHttpClient(cookies: cookies);

        using var forged = await http.PostAsync(app.Url("account/logout"), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var wrongToken = await http.PostAsync(app.Url("account/logout"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = "CfDJ8-not-a-token",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, wrongToken.StatusCode);
        Assert.Contains(app.Logs, l => l.Message.Contains("Sign-out of", StringComparison.Ordinal) && l.Message.Contains("refused", StringComparison.Ordinal));

        using var inbox = await http.GetAsync(app.Url("inbox"));
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);

        // With the token of a page the person opened, signing out works and ends the session.
        var page = await http.GetStringAsync(app.Url("account/access-denied"));
        using var signOut = await http.PostAsync(app.Url("account/logout"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HubClient.AntiforgeryField().Match(page).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var after = await http.GetAsync(app.Url("inbox"));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.ToString());
    }
}
