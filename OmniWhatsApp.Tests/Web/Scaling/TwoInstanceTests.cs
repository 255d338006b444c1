using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Security;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Web.Scaling;

/// <summary>
/// Two instances on one PostgreSQL database and one Redis behave as one app: live events, sign-in, access changes
/// and presence reach the people connected to the other instance.
/// </summary>
[Trait("Instances", "Two")]
public sealed class TwoInstanceTests(TwoInstanceTests.Pair pair) : IClassFixture<TwoInstanceTests.Pair>
{
    /// <summary>One pair for the class; the grace is zero so that a test can drive the Offline chore at once.</summary>
    public sealed class Pair : IAsyncLifetime
    {
        public Instances Instances { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Instances = await Instances.StartAsync(o => o.With("Presence:OfflineAfter", "00:00:00"));

        public Task DisposeAsync() => Instances.DisposeAsync().AsTask();
    }

    private AppHost A => pair.Instances.A;
    private AppHost B => pair.Instances.B;

    [Fact]
    public async Task A_webhook_to_A_reaches_hub_clients_and_the_event_stream_on_B_within_a_second_and_each_client_once()
    {
        var channel = await WebhookChannel.CreateAsync(A);
        var agent = await B.AddSignInAgentAsync("Remote Rita", [channel.QueueId]);
        await using var supervisorOnB = await HubClient.ConnectAsync(B, DemoData.Supervisor);
        await using var agentOnB = await HubClient.ConnectAsync(B, agent.User);
        await using var supervisorOnA = await HubClient.ConnectAsync(A, DemoData.Supervisor);
        // What a Blazor page on B subscribes to.
        var onB = new List<LiveEvent>();
        using var subscription = B.GetRequiredService<IConversationEvents>().Subscribe(e =>
        {
            lock (onB) onB.Add(e);
            return Task.CompletedTask;
        });
        var customer = TestData.UniqueNumber();

        (await channel.PostInboundAsync(channel.Inbound(customer, "hello from the other side"))).EnsureSuccessStatusCode();
        var stored = Stopwatch.StartNew();

        var opened = await supervisorOnB.WaitForAsync(t => t == "conversationOpened", TimeSpan.FromSeconds(5), e => e.GetProperty("customerPhone").GetString() == customer);
        Assert.NotNull(opened);
        var conversationId = opened.Value.GetProperty("conversationId").GetInt32();
        Assert.NotNull(await supervisorOnB.WaitForAsync(t => t == "messageReceived", TimeSpan.FromSeconds(5), e => ConversationOf(e) == conversationId));
        Assert.True(stored.Elapsed < TimeSpan.FromSeconds(1), $"the message reached B's hub client {stored.ElapsedMilliseconds} ms after A stored it");
        Assert.NotNull(await agentOnB.WaitForAsync(t => t == "messageReceived", TimeSpan.FromSeconds(5), e => ConversationOf(e) == conversationId));
        Assert.NotNull(await supervisorOnA.WaitForAsync(t => t == "messageReceived", TimeSpan.FromSeconds(5), e => ConversationOf(e) == conversationId));
        await Eventually.Get(() => { lock (onB) return onB.OfType<MessageAdded>().Count(m => m.ConversationId == conversationId); }, n => n > 0,
            TimeSpan.FromSeconds(5), "the message on B's event stream");

        // Anything sent twice (the backplane and a forwarder on each instance) would have arrived by now.
        await Task.Delay(500);
        foreach (var client in (HubClient[])[supervisorOnB, agentOnB, supervisorOnA])
        {
            Assert.Single(client.Received, r => r.Target == "messageReceived" && ConversationOf(r.Argument) == conversationId);
            Assert.Single(client.Received, r => r.Target == "conversationOpened" && ConversationOf(r.Argument) == conversationId);
        }
        lock (onB) Assert.Single(onB, e => e is MessageAdded m && m.ConversationId == conversationId);
    }

    [Fact]
    public async Task Events_published_on_one_instance_reach_the_other_each_once()
    {
        var seen = new List<long>();
        using var subscription = B.GetRequiredService<IConversationEvents>().Subscribe(e =>
        {
            if (e is MessageStatusChanged { ConversationId: -7 } s) lock (seen) seen.Add(s.MessageId);
            return Task.CompletedTask;
        });
        var events = A.GetRequiredService<IConversationEvents>();

        for (var i = 1; i <= 100; i++)
        {
            events.Publish(new MessageStatusChanged(-7, 3, "someone", DateTimeOffset.UtcNow, i, MessageStatus.Delivered, null, null));
        }

        await Eventually.Get(() => { lock (seen) return seen.Count; }, n => n >= 100, TimeSpan.FromSeconds(10), "100 events on B");
        await Task.Delay(300);
        lock (seen) Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), seen.Order());
    }

    [Fact]
    public async Task Locking_a_user_on_A_closes_their_hub_connection_on_B_and_demoting_one_too()
    {
        var (lockedId, locked) = await A.AddSignInAgentAsync("Locked Lena", []);
        var (demotedId, demoted) = await A.AddSignInAgentAsync("Demoted Dora", []);
        await SaveAsync(A, demotedId, demoted.Email, Roles.Supervisor);
        await using var lockedOnB = await HubClient.ConnectAsync(B, locked);
        await using var demotedOnB = await HubClient.ConnectAsync(B, demoted);
        await using var bystander = await HubClient.ConnectAsync(B, DemoData.Supervisor);

        var result = await A.WithServiceAsync(async (UserService s) => await s.SetLockedAsync(lockedId, true, await AdminIdAsync()));
        Assert.True(result.Succeeded, result.FirstMessage);
        await SaveAsync(A, demotedId, demoted.Email, Roles.Agent);

        Assert.True(await lockedOnB.WaitUntilClosedAsync(TimeSpan.FromSeconds(5)), "the locked user's connection on B stayed open");
        Assert.True(await demotedOnB.WaitUntilClosedAsync(TimeSpan.FromSeconds(5)), "the demoted supervisor's connection on B stayed open");
        Assert.False(await bystander.WaitUntilClosedAsync(TimeSpan.FromMilliseconds(300)), "another user's connection on B was closed");
    }

    [Fact]
    public async Task An_agent_stays_online_while_a_tab_is_open_on_B_after_their_tab_on_A_closed()
    {
        var (agentId, _) = await A.AddSignInAgentAsync("Roaming Rosa", []);
        var onA = A.GetRequiredService<AgentSessions>();
        var onB = B.GetRequiredService<AgentSessions>();
        var presence = A.GetRequiredService<PresenceService>();

        await onA.OpenedAsync(agentId, "tab-on-a");
        await onB.OpenedAsync(agentId, "tab-on-b");
        await A.SetPresenceAsync(agentId, Presence.Available);
        await onA.ClosedAsync(agentId, "tab-on-a");
        // The grace is zero here: whichever instance runs the chore would set them Offline at once.
        await presence.SetOfflineAfterGraceAsync();
        await B.GetRequiredService<PresenceService>().SetOfflineAfterGraceAsync();
        var stillHere = await presence.GetAsync(agentId);
        Assert.Equal((Presence.Available, (DateTimeOffset?)null), (stillHere.Presence, stillHere.DisconnectedAt));

        // An instance that starts (or restarts) leaves alone whoever is connected to another one.
        await presence.StartGraceForEveryoneAsync();
        await presence.SetOfflineAfterGraceAsync();
        Assert.Equal(Presence.Available, (await presence.GetAsync(agentId)).Presence);

        await onB.ClosedAsync(agentId, "tab-on-b");
        await presence.SetOfflineAfterGraceAsync();
        Assert.Equal(Presence.Offline, (await presence.GetAsync(agentId)).Presence);
    }

    [Fact]
    public async Task A_sign_in_cookie_issued_by_A_is_accepted_by_B_and_a_token_encrypted_by_A_is_read_by_B()
    {
        var cookies = await HubClient.SignInAsync(A, DemoData.Agent.Email, DemoData.Agent.Password);
        using var toB = B.CreateHttpClient(followRedirects: false, cookies: cookies);
        using var signedOut = B.CreateHttpClient(followRedirects: false);

        using var page = await toB.GetAsync("inbox");
        using var refused = await signedOut.GetAsync("inbox");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var token = A.GetRequiredService<SecretProtector>().Protect("an auth token");
        Assert.Equal("an auth token", B.GetRequiredService<SecretProtector>().Unprotect(token));
    }

    private static int? ConversationOf(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("conversationId", out var id) ? id.GetInt32() : null;

    private async Task<string> AdminIdAsync()
    {
        await using var db = await A.CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == DemoData.Admin.Email).Select(u => u.Id).SingleAsync();
    }

    private static async Task SaveAsync(AppHost app, string id, string email, string role)
    {
        var saved = await app.WithServiceAsync((UserService s) => s.UpdateAsync(id, new UserInput { Email = email, DisplayName = "Someone", Role = role, Capacity = 3 }));
        Assert.True(saved.Succeeded, saved.FirstMessage);
    }
}
