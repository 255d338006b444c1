using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Messages;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>Conversations held by the bot, written straight into the database: the views' tests do not depend on the bot engine.</summary>
public static class BotConversationTestData
{
    /// <summary>
    /// Hands a waiting conversation to the bot as the engine would have kept it: WithBot, not queued, the bot holding it
    /// since now, and (unless null) one reply of the bot's, sent and delivered. Returns the reply's id (0 without one).
    /// </summary>
    public static async Task<long> HandToBotAsync(this AppHost app, int conversationId, string? botReply = "Hi! I am the bot. Ask me about opening hours.")
    {
        var now = app.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var db = await app.CreateDbContextAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId);
        Assert.Equal(ConversationStatus.Waiting, conversation.Status);
        conversation.Status = ConversationStatus.WithBot;
        conversation.QueuedAt = null;
        conversation.BotSince = now;
        // The bot has dealt with what the customer wrote, and the channel's bot is on: the bot worker leaves it as it is
        // (it hands off a conversation whose channel has no bot, and takes a turn on unanswered messages).
        conversation.BotSeenMessageId = await db.Messages.Where(m => m.ConversationId == conversationId && m.Direction == MessageDirection.Inbound)
            .MaxAsync(m => (long?)m.Id);
        if (conversation.WorkstreamId is { } workstreamId
            && await db.WhatsAppSetups.SingleOrDefaultAsync(s => s.WorkstreamId == workstreamId) is { } setup && setup.Bot.Mode == BotMode.Off)
        {
            setup.Bot.Mode = BotMode.Faq;
        }
        Message? reply = null;
        if (botReply is not null)
        {
            reply = new Message
            {
                ConversationId = conversationId, Direction = MessageDirection.Outbound, Kind = MessageKind.Bot, Body = botReply,
                Status = MessageStatus.Delivered, Dispatch = DispatchState.Accepted, TwilioSid = $"SM{Guid.NewGuid():N}",
                CreatedAt = now, StatusAt = now,
            };
            db.Messages.Add(reply);
            conversation.LastMessageAt = now;
        }
        await db.SaveChangesAsync();
        return reply?.Id ?? 0;
    }

    /// <summary>The bot answers in the conversation: one bot message, sent and delivered. Returns its id.</summary>
    public static async Task<long> BotSaysAsync(this AppHost app, int conversationId, string text)
    {
        var now = app.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var db = await app.CreateDbContextAsync();
        var reply = new Message
        {
            ConversationId = conversationId, Direction = MessageDirection.Outbound, Kind = MessageKind.Bot, Body = text,
            Status = MessageStatus.Delivered, Dispatch = DispatchState.Accepted, TwilioSid = $"SM{Guid.NewGuid():N}",
            CreatedAt = now, StatusAt = now,
        };
        db.Messages.Add(reply);
        await db.SaveChangesAsync();
        return reply.Id;
    }

    /// <summary>
    /// The customer writes to a conversation the bot holds, written straight into the database with the bot's mark of
    /// what it has dealt with moved past it: the bot worker takes no turn, so the customer's message stays the last one.
    /// </summary>
    public static async Task<long> CustomerWritesToBotAsync(this AppHost app, int conversationId, string text)
    {
        var now = app.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var db = await app.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var message = new Message
        {
            ConversationId = conversationId, Direction = MessageDirection.Inbound, Kind = MessageKind.Text, Body = text,
            Status = MessageStatus.Received, TwilioSid = $"SM{Guid.NewGuid():N}", CreatedAt = now, StatusAt = now,
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId);
        (conversation.BotSeenMessageId, conversation.LastInboundAt, conversation.LastMessageAt) = (message.Id, now, now);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return message.Id;
    }

    /// <summary>The bot hands the conversation to the agents, as the engine does it: waiting in its queue from now.</summary>
    public static async Task BotHandsOffAsync(this AppHost app, int conversationId)
    {
        var now = app.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var db = await app.CreateDbContextAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId);
        conversation.Status = ConversationStatus.Waiting;
        conversation.QueuedAt = now;
        await db.SaveChangesAsync();
    }
}
