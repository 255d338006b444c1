using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Conversations;

/// <summary>Automated messages go out only inside the 24-hour window; outside it the timeline says what was skipped.</summary>
[Trait("Storage", "Both")]
public sealed class AutomatedMessageTests(ClockHost host) : IClassFixture<ClockHost>
{
    private AppHost App => host.App;
    private AutomationWorker Worker => App.GetRequiredService<AutomationWorker>();

    [Fact]
    public async Task A_greeting_missed_until_the_window_closed_is_skipped_with_a_timeline_line()
    {
        var channel = await WebhookChannel.CreateAsync(App, b => b.GreetingMessage = "Hi! An agent will be with you shortly.");
        // A conversation whose greeting never went out (the app was down) and whose window has closed since.
        var id = await ArrangeUngreetedAsync(channel, lastInbound: host.Clock.Now.AddHours(-25));

        await App.GetRequiredService<AutomatedMessages>().GreetPendingAsync();

        Assert.Equal(["Greeting not sent: the 24-hour window is closed"], await App.SystemLinesAsync(id));
        await using var db = await App.CreateDbContextAsync();
        Assert.False(await db.Messages.AnyAsync(m => m.ConversationId == id && m.Kind == MessageKind.Automated));
        Assert.NotNull((await App.ConversationAsync(id)).GreetedAt);

        // Dealt with once: a later sweep leaves it alone.
        await App.GetRequiredService<AutomatedMessages>().GreetPendingAsync();
        Assert.Single(await App.SystemLinesAsync(id));
    }

    [Fact]
    public async Task The_agent_assigned_message_is_skipped_when_the_customer_has_been_waiting_past_the_window()
    {
        var channel = await WebhookChannel.CreateAsync(App, b => b.AgentAssignedMessage = "You are now chatting with an agent.");
        await App.SetWorkstreamAsync(channel.WorkstreamId, w => w.AutoCloseAfterMinutes = 48 * 60);
        var id = await channel.OpenConversationAsync();
        host.Clock.Advance(TimeSpan.FromHours(25));

        var agent = await App.AddAgentAsync("Late Lou", [channel.QueueId]);

        await App.AssignedAsync(id, agent);
        await Eventually.GetAsync(() => App.SystemLinesAsync(id), lines => lines.Contains("Agent-assigned message not sent: the 24-hour window is closed"),
            what: "the skipped agent-assigned message");
    }

    [Fact]
    public async Task A_new_conversation_is_greeted_once_through_the_outbox()
    {
        var channel = await WebhookChannel.CreateAsync(App, b => b.GreetingMessage = "Hi! An agent will be with you shortly.");
        var customer = TestData.UniqueNumber();

        var id = await channel.OpenConversationAsync(customer);
        await channel.OpenConversationAsync(customer, "anyone?");

        var greetings = await Eventually.GetAsync(() => AutomatedAsync(id), m => m.Count > 0, what: "the greeting");
        Assert.Equal(["Hi! An agent will be with you shortly."], greetings);
        await Worker.Greetings.RunOnceAsync();
        Assert.Single(await AutomatedAsync(id));
        Assert.Empty(await App.SystemLinesAsync(id));
    }

    [Fact]
    public async Task More_new_conversations_than_one_batch_are_all_greeted_once_by_one_round()
    {
        var channel = await WebhookChannel.CreateAsync(App, b => b.GreetingMessage = "Hello from the batch.");
        var ids = await ArrangeUngreetedAsync(channel, lastInbound: host.Clock.Now, count: AutomatedMessages.GreetingBatch + 10);

        // Two rounds at once, as two instances' would be: each conversation is claimed by one of them.
        await Task.WhenAll(Worker.Greetings.RunOnceAsync(), App.GetRequiredService<AutomatedMessages>().GreetPendingAsync());

        await using var db = await App.CreateDbContextAsync();
        var greetings = await db.Messages.Where(m => ids.Contains(m.ConversationId) && m.Kind == MessageKind.Automated)
            .GroupBy(m => m.ConversationId).Select(g => new { g.Key, Count = g.Count(), Body = g.Max(m => m.Body) }).ToListAsync();
        Assert.Equal(ids.Count, greetings.Count);
        Assert.All(greetings, g => Assert.Equal((1, "Hello from the batch."), (g.Count, g.Body)));
        Assert.Equal(ids.Count, await db.Conversations.CountAsync(c => ids.Contains(c.Id) && c.GreetedAt != null));
        await CloseQuietlyAsync(ids);
    }

    [Fact]
    public async Task A_backlog_larger_than_one_round_is_worked_off_without_waiting_for_the_sweep()
    {
        // A channel without a greeting: each conversation is only marked as dealt with, which keeps the backlog cheap.
        var channel = await WebhookChannel.CreateAsync(App, b => b.GreetingMessage = null);
        var ids = await ArrangeUngreetedAsync(channel, lastInbound: host.Clock.Now, count: AutomatedMessages.GreetingsPerCall + 50);

        // One new conversation wakes the worker; the sweep is an hour away.
        await channel.OpenConversationAsync();

        await Eventually.GetAsync(async () =>
        {
            await using var db = await App.CreateDbContextAsync();
            return await db.Conversations.CountAsync(c => ids.Contains(c.Id) && c.GreetedAt == null);
        }, left => left == 0, TimeSpan.FromSeconds(30), "every conversation of the backlog dealt with");
        await using var check = await App.CreateDbContextAsync();
        Assert.False(await check.Messages.AnyAsync(m => ids.Contains(m.ConversationId) && m.Direction == MessageDirection.Outbound));
        await CloseQuietlyAsync(ids);
    }

    /// <summary>
    /// Closes a test's many conversations without closing messages, so that a later test of the class that moves the
    /// clock does not wait for the auto-close of a thousand of them.
    /// </summary>
    private async Task CloseQuietlyAsync(List<int> ids)
    {
        await using var db = await App.CreateDbContextAsync();
        await db.Conversations.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ConversationStatus.Closed));
    }

    [Fact]
    public async Task Outside_business_hours_the_channel_s_message_replaces_the_greeting()
    {
        // Hours that start an hour from now (on the host's clock) and last an hour: now is outside them.
        var opens = new TimeOnly(host.Clock.Now.Hour, 0).AddHours(1);
        var channel = await WebhookChannel.CreateAsync(App, b =>
        {
            b.GreetingMessage = "Hi!";
            b.OutsideBusinessHoursMessage = "We are closed; we answer from 11:00.";
            b.BusinessHoursStart = opens;
            b.BusinessHoursEnd = opens.AddHours(1);
            b.BusinessDays = OmniWhatsApp.Core.Workstreams.BusinessDays.All;
            b.TimeZoneId = "UTC";
        });

        var id = await channel.OpenConversationAsync();

        Assert.Equal(["We are closed; we answer from 11:00."], await Eventually.GetAsync(() => AutomatedAsync(id), m => m.Count > 0, what: "the outside-hours message"));
    }

    [Fact]
    public async Task Resolving_sends_the_closing_message_then_the_survey()
    {
        var channel = await WebhookChannel.CreateAsync(App, b =>
        {
            b.ConversationClosedMessage = "This conversation is closed.";
            b.SurveyEnabled = true;
            b.SurveyText = "How did we do? Reply 1 to 5.";
        });
        var agent = await App.AddAgentAsync("Surveyor", [channel.QueueId]);
        var id = await channel.OpenConversationAsync();
        await App.AssignedAsync(id, agent);

        Assert.True((await App.GetRequiredService<ConversationService>().ResolveAsync(id, OmniWhatsApp.Core.Users.Actor.Agent(agent))).Succeeded);

        Assert.Equal(["This conversation is closed.", "How did we do? Reply 1 to 5."], await AutomatedAsync(id));
    }

    private async Task<List<string>> AutomatedAsync(int conversationId)
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.Messages.Where(m => m.ConversationId == conversationId && m.Kind == MessageKind.Automated)
            .OrderBy(m => m.Id).Select(m => m.Body ?? "").ToListAsync();
    }

    private async Task<int> ArrangeUngreetedAsync(WebhookChannel channel, DateTimeOffset lastInbound) => (await ArrangeUngreetedAsync(channel, lastInbound, 1))[0];

    /// <summary>Open conversations whose greeting was never dealt with, stored directly (no event wakes the worker).</summary>
    private async Task<List<int>> ArrangeUngreetedAsync(WebhookChannel channel, DateTimeOffset lastInbound, int count)
    {
        await using var db = await App.CreateDbContextAsync();
        var customers = Enumerable.Range(0, count).Select(_ => new Customer { Phone = TestData.UniqueNumber(), ProfileName = "Missed Greeting" }).ToList();
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync();
        var conversations = customers.Select(customer => new Conversation
        {
            CustomerId = customer.Id, NumberId = channel.NumberId, WorkstreamId = channel.WorkstreamId, QueueId = channel.QueueId,
            Status = ConversationStatus.Waiting, CreatedAt = lastInbound, LastInboundAt = lastInbound, LastMessageAt = lastInbound,
            WindowEndsAt = ConversationRules.WindowEndsAt(lastInbound), QueuedAt = lastInbound,
        }).ToList();
        db.Conversations.AddRange(conversations);
        await db.SaveChangesAsync();
        db.Messages.AddRange(conversations.Select(conversation => new Message
        {
            ConversationId = conversation.Id, Direction = MessageDirection.Inbound, Kind = MessageKind.Text, Body = "hello?",
            Status = MessageStatus.Received, CreatedAt = lastInbound,
        }));
        await db.SaveChangesAsync();
        return conversations.Select(c => c.Id).ToList();
    }
}
