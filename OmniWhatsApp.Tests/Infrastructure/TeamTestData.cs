using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>Agents, conversations and workstream settings for distribution and inbox tests.</summary>
public static class TeamTestData
{
    /// <summary>
    /// A new agent (unique email) in <paramref name="queueIds"/> with <paramref name="capacity"/>; their presence is
    /// set to <paramref name="presence"/> unless null (then they have never signed in: Offline).
    /// </summary>
    public static async Task<string> AddAgentAsync(this AppHost app, string name, int[] queueIds, int capacity = 3, Presence? presence = Presence.Available)
    {
        var created = await app.WithServiceAsync((UserService s) => s.CreateAsync(new UserInput
        {
            Email = $"{Guid.NewGuid():N}@agents.test",
            DisplayName = name,
            Role = Roles.Agent,
            Capacity = capacity,
            Password = "Agent#Test2026",
            QueueIds = queueIds.ToList(),
        }));
        Assert.True(created.Succeeded, created.FirstMessage);
        if (presence is { } p) await app.SetPresenceAsync(created.Value!, p);
        return created.Value!;
    }

    /// <summary>
    /// A new agent like <see cref="AddAgentAsync"/> who can sign in to the browser
    /// (<c>browser.SignInAsync(app, agent.User)</c>); their presence comes from their browser tab.
    /// </summary>
    public static async Task<(string Id, OmniWhatsApp.Web.Hosting.DemoData.DemoUser User)> AddSignInAgentAsync(this AppHost app, string name, int[] queueIds, int capacity = 3)
    {
        var user = new OmniWhatsApp.Web.Hosting.DemoData.DemoUser($"{Guid.NewGuid():N}@agents.test", "Agent#Test2026", name, Roles.Agent);
        var created = await app.WithServiceAsync((UserService s) => s.CreateAsync(new UserInput
        {
            Email = user.Email,
            DisplayName = name,
            Role = Roles.Agent,
            Capacity = capacity,
            Password = user.Password,
            QueueIds = queueIds.ToList(),
        }));
        Assert.True(created.Succeeded, created.FirstMessage);
        return (created.Value!, user);
    }

    /// <summary>A new admin who can sign in to the browser; tests that change a person's settings use one, not the demo admin.</summary>
    public static async Task<OmniWhatsApp.Web.Hosting.DemoData.DemoUser> AddSignInAdminAsync(this AppHost app, string name)
    {
        var user = new OmniWhatsApp.Web.Hosting.DemoData.DemoUser($"{Guid.NewGuid():N}@admins.test", "Admin#Test2026", name, Roles.Admin);
        var created = await app.WithServiceAsync((UserService s) => s.CreateAsync(new UserInput
        {
            Email = user.Email,
            DisplayName = name,
            Role = Roles.Admin,
            Password = user.Password,
        }));
        Assert.True(created.Succeeded, created.FirstMessage);
        return user;
    }

    public static async Task SetPresenceAsync(this AppHost app, string agentId, Presence presence)
    {
        var set = await app.GetRequiredService<PresenceService>().SetPresenceAsync(Actor.Agent(agentId), presence);
        Assert.True(set.Succeeded, set.FirstMessage);
    }

    /// <summary>A new queue with a unique name (starting with <paramref name="name"/>); its id.</summary>
    public static async Task<int> AddQueueAsync(this AppHost app, string name = "Queue")
    {
        var created = await app.WithServiceAsync((RoutingService s) => s.CreateQueueAsync(new QueueInput { Name = TestData.UniqueName(name) }));
        Assert.True(created.Succeeded, created.FirstMessage);
        return created.Value;
    }

    /// <summary>
    /// The channel's workstream loses its fallback queue, as one set up before the fallback queue was required: its new
    /// conversations go to no queue (Unrouted).
    /// </summary>
    public static async Task WithoutFallbackQueueAsync(this WebhookChannel channel)
    {
        await using (var db = await channel.App.CreateDbContextAsync())
        {
            await db.Workstreams.Where(w => w.Id == channel.WorkstreamId).ExecuteUpdateAsync(s => s.SetProperty(w => w.FallbackQueueId, (int?)null));
        }
        channel.App.GetRequiredService<OmniWhatsApp.Core.Accounts.ChannelDirectory>().Invalidate();
    }

    /// <summary>A supervisor of this host's demo data.</summary>
    public static async Task<Actor> SupervisorAsync(this AppHost app)
    {
        await using var db = await app.CreateDbContextAsync();
        return Actor.Supervisor(await db.Users.Where(u => u.Email == OmniWhatsApp.Web.Hosting.DemoData.Supervisor.Email).Select(u => u.Id).SingleAsync());
    }

    /// <summary>The admin of this host's demo data.</summary>
    public static async Task<Actor> AdminAsync(this AppHost app)
    {
        await using var db = await app.CreateDbContextAsync();
        return Actor.Admin(await db.Users.Where(u => u.Email == OmniWhatsApp.Web.Hosting.DemoData.Admin.Email).Select(u => u.Id).SingleAsync());
    }

    /// <summary>Changes the channel's workstream settings (distribution mode, capacity per conversation, auto-close).</summary>
    public static async Task SetWorkstreamAsync(this AppHost app, int workstreamId, Action<WorkstreamInput> change)
    {
        var details = (await app.WithServiceAsync((WorkstreamService s) => s.GetAsync(workstreamId)))!;
        change(details.Settings);
        var saved = await app.WithServiceAsync((WorkstreamService s) => s.UpdateAsync(workstreamId, details.Settings));
        Assert.True(saved.Succeeded, saved.FirstMessage);
    }

    /// <summary>
    /// A customer writes to the channel (a signed webhook); returns the id of the conversation the message went to.
    /// The emulated Twilio learns of the message too, so it accepts the replies and automated messages.
    /// </summary>
    public static async Task<int> OpenConversationAsync(this WebhookChannel channel, string? customer = null, string body = "Hello, I need help")
    {
        customer ??= TestData.UniqueNumber();
        channel.App.GetRequiredService<EmulatorState>().RecordInbound(channel.Number, customer, channel.App.GetRequiredService<TimeProvider>().GetUtcNow());
        (await channel.PostInboundAsync(channel.Inbound(customer, body))).EnsureSuccessStatusCode();
        await using var db = await channel.App.CreateDbContextAsync();
        return await db.Conversations.Where(c => c.NumberId == channel.NumberId && c.Customer!.Phone == customer)
            .OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync();
    }

    /// <summary>Waits until a conversation of <paramref name="customer"/> exists (a message sent from the simulator or the emulator); its id.</summary>
    public static async Task<int> ConversationOfCustomerAsync(this AppHost app, string customer) =>
        await Eventually.GetAsync(async () =>
        {
            await using var db = await app.CreateDbContextAsync();
            return await db.Conversations.Where(c => c.Customer!.Phone == customer).Select(c => (int?)c.Id).FirstOrDefaultAsync();
        }, id => id is not null, what: "the customer's conversation") ?? 0;

    /// <summary>Waits until the conversation is assigned (to anyone, or to <paramref name="agentId"/>).</summary>
    public static Task<Conversation> AssignedAsync(this AppHost app, int conversationId, string? agentId = null, TimeSpan? timeout = null) =>
        Eventually.GetAsync(() => app.ConversationAsync(conversationId),
            c => c.Status == ConversationStatus.Active && (agentId is null || c.AssignedAgentId == agentId),
            timeout ?? TimeSpan.FromSeconds(5), $"conversation {conversationId} to be assigned");

    /// <summary>The system lines of a conversation's timeline, oldest first.</summary>
    public static async Task<List<string>> SystemLinesAsync(this AppHost app, int conversationId)
    {
        await using var db = await app.CreateDbContextAsync();
        var lines = await db.Messages.Where(m => m.ConversationId == conversationId && m.Kind == MessageKind.System)
            .OrderBy(m => m.Id).Select(m => m.Body ?? "").ToListAsync();
        // As the timeline shows them, in English.
        return lines.Select(l => TimelineLines.Render(TestLocalizer.Strings, l)).ToList();
    }
}
