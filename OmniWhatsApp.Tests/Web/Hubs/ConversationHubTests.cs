using System.Net;
using System.Net.WebSockets;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Web.Hubs;

/// <summary>/hubs/conversations: signed-in clients get the events they may see, and only those.</summary>
[Collection(AppCollection.Name)]
[Trait("Storage", "Both")]
public sealed class ConversationHubTests(AppHost app)
{
    [Fact]
    public async Task A_supervisor_receives_every_new_conversation_and_message()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        await using var hub = await HubClient.ConnectAsync(app, DemoData.Supervisor);
        var customer = TestData.UniqueNumber();

        (await channel.PostInboundAsync(channel.Inbound(customer, "anyone there?"))).EnsureSuccessStatusCode();

        var opened = await hub.WaitForAsync(t => t == "conversationOpened", TimeSpan.FromSeconds(5), e => e.GetProperty("customerPhone").GetString() == customer);
        Assert.NotNull(opened);
        Assert.Equal(channel.QueueId, opened.Value.GetProperty("queueId").GetInt32());
        var received = await hub.WaitForAsync(t => t == "messageReceived", TimeSpan.FromSeconds(5),
            e => e.GetProperty("conversationId").GetInt32() == opened.Value.GetProperty("conversationId").GetInt32());
        Assert.NotNull(received);
    }

    [Fact]
    public async Task An_agent_receives_their_queues_conversations_and_messages_but_not_other_queues_nor_after_leaving_the_queue()
    {
        var mine = await WebhookChannel.CreateAsync(app);
        var other = await WebhookChannel.CreateAsync(app);
        // Never Available (no browser tab), so nothing is pushed to them: they hear of their queue's conversations only.
        var agent = await app.AddSignInAgentAsync("Hub Hal", [mine.QueueId]);

        await using var hub = await HubClient.ConnectAsync(app, agent.User);
        var inMine = TestData.UniqueNumber();
        var inOther = TestData.UniqueNumber();
        (await other.PostInboundAsync(other.Inbound(inOther, "not for you"))).EnsureSuccessStatusCode();
        (await mine.PostInboundAsync(mine.Inbound(inMine, "for your queue"))).EnsureSuccessStatusCode();

        var opened = await hub.WaitForAsync(t => t == "conversationOpened", TimeSpan.FromSeconds(5), e => e.GetProperty("customerPhone").GetString() == inMine);
        Assert.NotNull(opened);
        var mineId = opened.Value.GetProperty("conversationId").GetInt32();
        Assert.NotNull(await hub.WaitForAsync(t => t == "messageReceived", TimeSpan.FromSeconds(5), e => e.GetProperty("conversationId").GetInt32() == mineId));
        await Task.Delay(300);
        int otherId;
        await using (var db = await app.CreateDbContextAsync())
        {
            otherId = db.Conversations.Where(c => c.Customer!.Phone == inOther).Select(c => c.Id).Single();
        }
        Assert.DoesNotContain(hub.Received, r => r.Argument.ValueKind == System.Text.Json.JsonValueKind.Object && r.Argument.TryGetProperty("conversationId", out var id) && id.GetInt32() == otherId);

        // Taken out of the queue: the open connection stops hearing of its conversations at once.
        await app.WithServiceAsync((RoutingService s) => s.SetMembersAsync(mine.QueueId, []));
        await hub.WaitForAsync(t => t == "queueMembershipChanged", TimeSpan.FromSeconds(5));
        (await mine.PostInboundAsync(mine.Inbound(inMine, "still there?"))).EnsureSuccessStatusCode();
        var later = TestData.UniqueNumber();
        (await mine.PostInboundAsync(mine.Inbound(later, "a new one"))).EnsureSuccessStatusCode();
        await Task.Delay(500);
        Assert.DoesNotContain(hub.Received, r => r.Target == "conversationOpened" && r.Argument.GetProperty("customerPhone").GetString() == later);
        Assert.Single(hub.Received, r => r.Target == "messageReceived" && r.Argument.GetProperty("conversationId").GetInt32() == mineId);
    }

    [Fact]
    public async Task An_anonymous_client_cannot_connect()
    {
        using var socket = new ClientWebSocket();
        var uri = new UriBuilder(app.Url("hubs/conversations")) { Scheme = "ws" }.Uri;

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, CancellationToken.None));

        Assert.Contains("401", refused.Message);
        using var http = app.CreateHttpClient();
        using var negotiate = await http.PostAsync(app.Url("hubs/conversations/negotiate?negotiateVersion=1"), null);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }
}
