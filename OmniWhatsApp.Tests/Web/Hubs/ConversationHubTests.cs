using System.Net;
using System.Net.WebSockets;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Web.Hubs;

/// <summary>/hubs/conversations: signed-in clients get the events they may see, and only those.</summary>
[Collection(AppCollection.Name)]
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
    public async Task An_agent_receives_their_queues_conversations_but_not_other_queues()
    {
        var mine = await WebhookChannel.CreateAsync(app);
        var other = await WebhookChannel.CreateAsync(app);
        var agentId = (await app.WithServiceAsync((UserService s) => s.ListAsync())).Single(u => u.Email == DemoData.Agent.Email).Id;
        var current = (await app.WithServiceAsync((RoutingService s) => s.ListQueuesAsync())).Single(q => q.Id == mine.QueueId);
        await app.WithServiceAsync((RoutingService s) => s.SetMembersAsync(mine.QueueId, current.Members.Select(m => m.UserId).Append(agentId)));

        await using var hub = await HubClient.ConnectAsync(app, DemoData.Agent);
        var inMine = TestData.UniqueNumber();
        var inOther = TestData.UniqueNumber();
        (await other.PostInboundAsync(other.Inbound(inOther, "not for you"))).EnsureSuccessStatusCode();
        (await mine.PostInboundAsync(mine.Inbound(inMine, "for your queue"))).EnsureSuccessStatusCode();

        Assert.NotNull(await hub.WaitForAsync(t => t == "conversationOpened", TimeSpan.FromSeconds(5), e => e.GetProperty("customerPhone").GetString() == inMine));
        await Task.Delay(300);
        Assert.DoesNotContain(hub.Received, r => r.Target == "conversationOpened" && r.Argument.GetProperty("customerPhone").GetString() == inOther);
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
