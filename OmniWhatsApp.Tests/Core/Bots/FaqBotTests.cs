using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Bots;

/// <summary>
/// The built-in FAQ bot end to end: a customer's message opens the conversation with the bot, the bot's answers go
/// through the outbox to the customer, and the conversation goes to the agents (with the channel's greeting then)
/// when the customer asks, when the bot keeps finding no answer, or when the bot is switched off.
/// </summary>
[Trait("Storage", "Both")]
public sealed class FaqBotTests(ClockHost host) : IClassFixture<ClockHost>
{
    private AppHost App => host.App;

    private const string ChannelGreeting = "Hi! An agent will be with you shortly.";
    private const string Fallback = "I'll connect you with a colleague.";

    private async Task<WebhookChannel> FaqChannelAsync(Action<BotSettings>? change = null)
    {
        var channel = await WebhookChannel.CreateAsync(App, b => b.GreetingMessage = ChannelGreeting);
        await channel.SetBotAsync(b =>
        {
            b.Mode = BotMode.Faq;
            b.Greeting = "Hello, I am the help bot.";
            b.Fallback = Fallback;
            change?.Invoke(b);
        }, ("en", "opening hours, are you open", "We are open 9 to 5."), ("tr", "iade", "İade 14 gün içinde yapılır."));
        return channel;
    }

    [Fact]
    public async Task The_bot_answers_first_and_the_channel_greeting_waits_for_the_hand_off()
    {
        var channel = await FaqChannelAsync();
        var customer = TestData.UniqueNumber();

        var id = await channel.OpenConversationAsync(customer, "What are your OPENING hours?");

        var opened = await App.ConversationAsync(id);
        Assert.Equal(ConversationStatus.WithBot, opened.Status);
        Assert.Equal(channel.QueueId, opened.QueueId);
        Assert.Null(opened.QueuedAt);
        Assert.NotNull(opened.BotSince);
        Assert.Equal(["Hello, I am the help bot.", "We are open 9 to 5."],
            await Eventually.GetAsync(() => App.BotMessagesAsync(id), m => m.Count == 2, what: "the bot's greeting and answer"));
        Assert.Equal(["Hello, I am the help bot.", "We are open 9 to 5."],
            await Eventually.GetAsync(() => Task.FromResult(App.ReceivedBy(customer)), m => m.Count == 2, what: "the customer receiving them"));
        // The channel's greeting is not for a conversation the bot holds.
        await App.GetRequiredService<AutomationWorker>().Greetings.RunOnceAsync();
        Assert.Empty(await App.AutomatedMessagesAsync(id));
        var withBot = await App.ConversationAsync(id);
        Assert.Null(withBot.LastOutboundAt);

        Assert.Equal(id, await channel.OpenConversationAsync(customer, "Are you open on Sunday?"));
        Assert.Equal(["Hello, I am the help bot.", "We are open 9 to 5.", "We are open 9 to 5."],
            await Eventually.GetAsync(() => App.BotMessagesAsync(id), m => m.Count == 3, what: "the second answer, without the greeting"));

        await channel.OpenConversationAsync(customer, "AGENT please");

        var handed = await Eventually.GetAsync(() => App.ConversationAsync(id), c => c.Status == ConversationStatus.Waiting, what: "the hand-off");
        Assert.Equal(channel.QueueId, handed.QueueId);
        Assert.NotNull(handed.QueuedAt);
        Assert.Equal(opened.BotSince, handed.BotSince);
        Assert.Equal(["Handed to the agents by the bot: the customer asked for an agent"], await App.SystemLinesAsync(id));
        Assert.Equal(Fallback, (await App.BotMessagesAsync(id))[^1]);
        Assert.Equal([ChannelGreeting], await Eventually.GetAsync(() => App.AutomatedMessagesAsync(id), m => m.Count > 0, what: "the channel's greeting after the hand-off"));
        Assert.Equal(["What are your OPENING hours?", "Are you open on Sunday?", "AGENT please"], await App.InboundMessagesAsync(id));
    }

    [Fact]
    public async Task After_N_messages_without_an_answer_the_bot_says_its_fallback_and_hands_off()
    {
        var channel = await FaqChannelAsync(b => (b.Greeting, b.HandoffAfterMisses) = (null, 2));
        var customer = TestData.UniqueNumber();

        var id = await channel.OpenConversationAsync(customer, "My parcel is broken");
        Assert.Equal(["Sorry, I did not understand. Could you say it in other words, or type “agent” to talk to a person?"],
            await Eventually.GetAsync(() => App.BotMessagesAsync(id), m => m.Count == 1, what: "the request to rephrase"));
        Assert.Equal(1, (await App.ConversationAsync(id)).BotMisses);

        await channel.OpenConversationAsync(customer, "The box arrived damaged");

        var handed = await Eventually.GetAsync(() => App.ConversationAsync(id), c => c.Status == ConversationStatus.Waiting, what: "the hand-off");
        Assert.Equal(2, handed.BotMisses);
        Assert.Equal(Fallback, (await App.BotMessagesAsync(id))[^1]);
        Assert.Equal(["Handed to the agents by the bot: no answer found"], await App.SystemLinesAsync(id));
    }

    [Fact]
    public async Task The_built_in_request_to_rephrase_is_in_the_conversation_s_language()
    {
        var channel = await FaqChannelAsync(b => b.Greeting = null);
        await using (var db = await App.CreateDbContextAsync())
        {
            await db.WhatsAppSetups.Where(s => s.WorkstreamId == channel.WorkstreamId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Language, "tr"));
        }
        App.GetRequiredService<OmniWhatsApp.Core.Accounts.ChannelDirectory>().Invalidate();

        var id = await channel.OpenConversationAsync(body: "Kargom nerede?");

        Assert.Equal(["Üzgünüm, anlayamadım. Başka kelimelerle söyleyebilir misiniz? Bir kişiyle konuşmak için “temsilci” yazın."],
            await Eventually.GetAsync(() => App.BotMessagesAsync(id), m => m.Count == 1, what: "the Turkish request to rephrase"));
    }

    [Fact]
    public async Task A_conversation_still_with_the_bot_goes_to_the_agents_when_the_bot_is_switched_off()
    {
        var channel = await FaqChannelAsync();
        var id = await channel.OpenConversationAsync(body: "opening hours?");
        await Eventually.GetAsync(() => App.BotMessagesAsync(id), m => m.Count == 2, what: "the bot's answer");

        await channel.SetBotAsync(b => b.Mode = BotMode.Off);
        await App.GetRequiredService<BotWorker>().RunOnceAsync();

        var handed = await App.ConversationAsync(id);
        Assert.Equal(ConversationStatus.Waiting, handed.Status);
        Assert.Equal(["Handed to the agents by the bot: the bot was switched off"], await App.SystemLinesAsync(id));

        // A new customer of the channel goes straight to the queue.
        var next = await App.ConversationAsync(await channel.OpenConversationAsync(body: "opening hours?"));
        Assert.Equal(ConversationStatus.Waiting, next.Status);
        Assert.Null(next.BotSince);
    }
}
