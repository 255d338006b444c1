using System.Net;
using System.Net.Http.Headers;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Web.Endpoints;

/// <summary>Machines get status codes, not the sign-in page: unknown API paths, wrong methods, media they may not see.</summary>
[Collection(AppCollection.Name)]
[Trait("Storage", "Both")]
public sealed class ApiAnswerTests(AppHost app)
{
    [Theory]
    [InlineData("api/twilio/not-a-guid/inbound")]
    [InlineData("api/twilio/12345/status")]
    [InlineData("api/twilio")]
    [InlineData("api/nothing-here")]
    [InlineData("api/twilio/00000000-0000-0000-0000-000000000001/inbound/extra")]
    public async Task An_unknown_API_path_answers_404_not_a_redirect_to_sign_in(string path)
    {
        using var http = app.CreateHttpClient();

        using var get = await http.GetAsync(path);
        using var post = await http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["Body"] = "hi" }));

        foreach (var response in new[] { get, post })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Null(response.Headers.Location);
        }
        Assert.Contains(app.Logs, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && e.Message.Contains("API request refused (404)") && e.Message.Contains("/" + path));
    }

    [Theory]
    [InlineData("GET", "inbound")]
    [InlineData("PUT", "inbound")]
    [InlineData("DELETE", "inbound")]
    [InlineData("PATCH", "status")]
    [InlineData("GET", "status")]
    [InlineData("DELETE", "status")]
    public async Task Other_methods_than_POST_on_a_webhook_answer_405(string method, string hook)
    {
        var path = $"api/twilio/{Guid.NewGuid()}/{hook}";
        using var http = app.CreateHttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Contains(app.Logs, e => e.Message.Contains("API request refused (405)") && e.Message.Contains("/" + path));
    }

    [Fact]
    public async Task Media_outside_the_agents_queues_answers_403_to_a_program_and_the_notice_to_a_browser_page()
    {
        var mediaId = await MediaInAQueueNobodyIsInAsync();
        var cookies = await HubClient.SignInAsync(app, DemoData.Agent.Email, DemoData.Agent.Password);
        using var agent = app.CreateHttpClient(cookies: cookies);

        using var program = await agent.GetAsync($"media/{mediaId}");
        Assert.Equal(HttpStatusCode.Forbidden, program.StatusCode);
        Assert.Null(program.Headers.Location);

        using var image = new HttpRequestMessage(HttpMethod.Get, $"media/{mediaId}");
        image.Headers.Accept.ParseAdd("image/avif,image/webp,image/*,*/*;q=0.8");
        image.Headers.Add("Sec-Fetch-Mode", "no-cors");
        using var imageResponse = await agent.SendAsync(image);
        Assert.Equal(HttpStatusCode.Forbidden, imageResponse.StatusCode);

        // A person who opened the link in a tab still gets the access-denied page.
        using var navigation = new HttpRequestMessage(HttpMethod.Get, $"media/{mediaId}");
        navigation.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        navigation.Headers.Add("Sec-Fetch-Mode", "navigate");
        using var page = await agent.SendAsync(navigation);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/access-denied", page.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Media_for_an_anonymous_program_answers_401_and_pages_still_redirect_to_sign_in()
    {
        var mediaId = await MediaInAQueueNobodyIsInAsync();
        using var http = app.CreateHttpClient();

        using var media = await http.GetAsync($"media/{mediaId}");
        Assert.Equal(HttpStatusCode.Unauthorized, media.StatusCode);
        Assert.Null(media.Headers.Location);

        using var page = await http.GetAsync("inbox");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery);
    }

    /// <summary>A stored attachment of a conversation in a new queue without members: the demo agent may not see it.</summary>
    private async Task<long> MediaInAQueueNobodyIsInAsync()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var conversationId = await channel.OpenConversationAsync();
        await using var db = await app.CreateDbContextAsync();
        var message = new Message
        {
            ConversationId = conversationId,
            Direction = MessageDirection.Inbound,
            Kind = MessageKind.Text,
            CreatedAt = DateTimeOffset.UtcNow,
            Media = [new MessageMedia { ContentType = "image/png", State = MediaState.Stored, StoragePath = "not-there.png" }],
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message.Media[0].Id;
    }
}
