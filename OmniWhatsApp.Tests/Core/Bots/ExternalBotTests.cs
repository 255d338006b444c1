using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Bots;

/// <summary>
/// The external bot contract (docs/bot-api.md) against a bot on a real HTTP server: the app signs what it sends,
/// sends the bot's replies to the customer, follows its hand-off, and hands the conversation to the agents with the
/// reason whenever the bot fails: the customer is never left with a dead bot, and nothing is lost or sent twice.
/// </summary>
[Trait("Storage", "Both")]
public sealed class ExternalBotTests(ClockHost host) : IClassFixture<ClockHost>
{
    private AppHost App => host.App;

    private static object Reply(params string[] texts) => new { messages = texts.Select(t => new { text = t }).ToArray() };

    [Fact]
    public async Task The_bot_gets_a_signed_turn_and_its_replies_reach_the_customer()
    {
        await using var bot = await TestBot.StartAsync();
        bot.Answer = (_, context) => TestBot.ReplyAsync(context, Reply("Hello from the bot", "Your order 42 ships today."));
        var channel = await WebhookChannel.CreateAsync(App);
        await channel.UseExternalBotAsync(bot);
        var customer = TestData.UniqueNumber();

        var id = await channel.OpenConversationAsync(customer, "Where is my order 42?");

        Assert.Equal(["Hello from the bot", "Your order 42 ships today."],
            await Eventually.GetAsync(() => Task.FromResult(App.ReceivedBy(customer)), m => m.Count == 2, what: "the bot's replies at the customer"));
        Assert.Equal(["Hello from the bot", "Your order 42 ships today."], await App.BotMessagesAsync(id));
        var call = Assert.Single(bot.Calls);
        Assert.True(call.SignedWithTheSecret, "the request is signed with the shared secret");
        var conversation = await App.ConversationAsync(id);
        await using var db = await App.CreateDbContextAsync();
        var inbound = await db.Messages.SingleAsync(m => m.ConversationId == id && m.Direction == OmniWhatsApp.Core.Messages.MessageDirection.Inbound);
        var json = call.Json;
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.Equal(inbound.Id, json.GetProperty("turnId").GetInt64());
        Assert.Equal(id, json.GetProperty("conversationId").GetInt32());
        Assert.Equal(customer, json.GetProperty("customer").GetProperty("phone").GetString());
        Assert.Equal("Jane Customer", json.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal("en", json.GetProperty("language").GetString());
        var message = Assert.Single(json.GetProperty("messages").EnumerateArray());
        Assert.Equal(inbound.Id, message.GetProperty("id").GetInt64());
        Assert.Equal("Where is my order 42?", message.GetProperty("text").GetString());
        Assert.Empty(message.GetProperty("media").EnumerateArray());
        Assert.Equal(conversation.WindowEndsAt, message.GetProperty("at").GetDateTimeOffset().AddHours(24));
        Assert.Equal(conversation.WindowEndsAt, json.GetProperty("windowEndsAt").GetDateTimeOffset());
        // Still with the bot, which has seen the message; its replies are not the team's answer.
        Assert.Equal((ConversationStatus.WithBot, (long?)inbound.Id, (DateTimeOffset?)null), (conversation.Status, conversation.BotSeenMessageId, conversation.LastOutboundAt));
    }

    [Fact]
    public async Task The_bot_hands_off_to_the_queue_it_names_with_its_note()
    {
        await using var bot = await TestBot.StartAsync();
        var channel = await WebhookChannel.CreateAsync(App);
        var billingName = TestData.UniqueName("Billing");
        var billing = await App.WithServiceAsync((RoutingService s) => s.CreateQueueAsync(new QueueInput { Name = billingName }));
        var routed = await App.WithServiceAsync((RoutingService s) => s.SaveRoutingAsync(channel.WorkstreamId, new RoutingInput
        {
            FallbackQueueId = channel.QueueId,
            Rules = [new RoutingRuleInput { Name = "Billing", Keywords = "invoice", QueueId = billing.Value }],
        }));
        Assert.True(routed.Succeeded, routed.FirstMessage);
        await channel.UseExternalBotAsync(bot);
        bot.Answer = (_, context) => TestBot.ReplyAsync(context, new
        {
            messages = new[] { new { text = "Passing you to our billing team." } },
            handoff = new { queue = billingName.ToUpperInvariant(), note = "wants a refund for order 42" },
        });

        var id = await channel.OpenConversationAsync(body: "I was charged twice");

        var handed = await Eventually.GetAsync(() => App.ConversationAsync(id), c => c.Status == ConversationStatus.Waiting, what: "the hand-off");
        Assert.Equal(billing.Value, handed.QueueId);
        Assert.NotNull(handed.QueuedAt);
        Assert.Equal(["Passing you to our billing team."], await App.BotMessagesAsync(id));
        Assert.Equal(["Handed to the agents by the bot: the bot asked for it (“wants a refund for order 42”)"], await App.SystemLinesAsync(id));
    }

    [Fact]
    public async Task A_queue_the_workstream_does_not_have_leaves_the_conversation_in_its_own_queue_and_says_so()
    {
        await using var bot = await TestBot.StartAsync();
        bot.Answer = (_, context) => TestBot.ReplyAsync(context, new { handoff = new { queue = "Nowhere" } });
        var channel = await WebhookChannel.CreateAsync(App);
        await channel.UseExternalBotAsync(bot);

        var id = await channel.OpenConversationAsync(body: "Hello");

        var handed = await Eventually.GetAsync(() => App.ConversationAsync(id), c => c.Status == ConversationStatus.Waiting, what: "the hand-off");
        Assert.Equal(channel.QueueId, handed.QueueId);
        await using var db = await App.CreateDbContextAsync();
        var own = await db.Queues.Where(q => q.Id == channel.QueueId).Select(q => q.Name).SingleAsync();
        Assert.Equal([$"The bot asked for the queue “Nowhere”, which is not one of the workstream's: the conversation stays in {own}",
            "Handed to the agents by the bot: the bot asked for it"], await App.SystemLinesAsync(id));
    }

    public static TheoryData<string, string> Failures => new()
    {
        { "timeout", "Handed to the agents by the bot: bot error: timeout" },
        { "503", "Handed to the agents by the bot: bot error: server error 503" },
        { "404", "Handed to the agents by the bot: bot error: HTTP status 404" },
        { "bad json", "Handed to the agents by the bot: bot error: malformed reply" },
        { "bad signature", "Handed to the agents by the bot: bot error: bad signature on the reply" },
        { "no signature", "Handed to the agents by the bot: bot error: bad signature on the reply" },
        { "unreachable", "Handed to the agents by the bot: bot error: unreachable" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failing_bot_hands_the_conversation_to_the_agents_with_the_reason_and_nothing_is_lost(string failure, string line)
    {
        await using var bot = await TestBot.StartAsync();
        bot.Answer = (_, context) => failure switch
        {
            "timeout" => SlowAsync(context),
            "503" => TestBot.ReplyRawAsync(context, "{\"messages\":[{\"text\":\"never sent\"}]}"u8.ToArray(), status: 503),
            "404" => TestBot.ReplyRawAsync(context, "{}"u8.ToArray(), status: 404),
            "bad json" => TestBot.ReplyRawAsync(context, Encoding.UTF8.GetBytes("{\"messages\": [{\"text\": \"never sent\"")),
            "bad signature" => TestBot.ReplyAsync(context, Reply("never sent"), signature: "sha256=" + new string('0', 64)),
            _ => TestBot.ReplyAsync(context, Reply("never sent"), signature: ""),
        };
        var channel = await WebhookChannel.CreateAsync(App);
        await channel.UseExternalBotAsync(bot, timeoutSeconds: 1);
        if (failure == "unreachable") await channel.SetBotAsync(b => b.ExternalUrl = "http://127.0.0.1:1/bot");
        var customer = TestData.UniqueNumber();

        var id = await channel.OpenConversationAsync(customer, "Is anyone there?");

        var handed = await Eventually.GetAsync(() => App.ConversationAsync(id), c => c.Status == ConversationStatus.Waiting, what: "the hand-off");
        Assert.Equal(channel.QueueId, handed.QueueId);
        Assert.Equal([line], await App.SystemLinesAsync(id));
        Assert.Equal(["Is anyone there?"], await App.InboundMessagesAsync(id));
        Assert.Empty(await App.BotMessagesAsync(id));

        // Taken once: another look finds nothing to do, and the bot was asked once.
        await App.GetRequiredService<BotWorker>().RunOnceAsync();
        Assert.Equal([line], await App.SystemLinesAsync(id));
        Assert.Empty(await App.BotMessagesAsync(id));
        Assert.Equal(failure == "unreachable" ? 0 : 1, bot.Calls.Count);
        Assert.DoesNotContain(App.ReceivedBy(customer), m => m == "never sent");
        Assert.Contains(App.Logs, l => l.Message.Contains($"Bot handed conversation {id} to the agents: BotError", StringComparison.Ordinal));
        Assert.DoesNotContain(App.Logs, l => l.Message.Contains(TestBot.Secret, StringComparison.Ordinal));
    }

    private static async Task SlowAsync(Microsoft.AspNetCore.Http.HttpContext context)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await TestBot.ReplyAsync(context, Reply("never sent"));
    }

    [Fact]
    public async Task A_plain_http_bot_address_on_another_machine_is_refused()
    {
        var secrets = new OmniWhatsApp.Core.Security.SecretProtector(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        var client = new ExternalBotClient(null!, secrets, Microsoft.Extensions.Logging.Abstractions.NullLogger<ExternalBotClient>.Instance);
        var settings = new BotSettings { Mode = BotMode.External, ExternalUrl = "http://bot.example.com/turn", ProtectedSecret = secrets.Protect("s") };

        var result = await client.CallAsync(settings, new BotTurnRequest(1, 1, 1, new BotCustomer("+1", null), "en", [], null, DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.Equal(BotFailure.NotHttps, result.Failure);
    }
}
