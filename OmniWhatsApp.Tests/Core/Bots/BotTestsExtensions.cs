using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Core.Bots;

internal static class BotTestsExtensions
{
    /// <summary>The bot's messages of a conversation, oldest first.</summary>
    public static async Task<List<string>> BotMessagesAsync(this AppHost app, int conversationId)
    {
        await using var db = await app.CreateDbContextAsync();
        return await db.Messages.Where(m => m.ConversationId == conversationId && m.Kind == MessageKind.Bot)
            .OrderBy(m => m.Id).Select(m => m.Body ?? "").ToListAsync();
    }

    /// <summary>The channel's automated messages (greeting…) of a conversation.</summary>
    public static async Task<List<string>> AutomatedMessagesAsync(this AppHost app, int conversationId)
    {
        await using var db = await app.CreateDbContextAsync();
        return await db.Messages.Where(m => m.ConversationId == conversationId && m.Kind == MessageKind.Automated)
            .OrderBy(m => m.Id).Select(m => m.Body ?? "").ToListAsync();
    }

    /// <summary>The customer's own messages of a conversation.</summary>
    public static async Task<List<string>> InboundMessagesAsync(this AppHost app, int conversationId)
    {
        await using var db = await app.CreateDbContextAsync();
        return await db.Messages.Where(m => m.ConversationId == conversationId && m.Direction == MessageDirection.Inbound)
            .OrderBy(m => m.Id).Select(m => m.Body ?? "").ToListAsync();
    }

    /// <summary>
    /// What WhatsApp (the emulator) delivered to the customer, in text order: with the test clock standing still the
    /// emulator cannot tell which came first (the order is checked on the stored messages).
    /// </summary>
    public static List<string> ReceivedBy(this AppHost app, string customer) =>
        app.GetRequiredService<EmulatorState>().Messages
            .Where(m => m.Direction == EmulatorMessage.Outbound && m.To == PhoneNumber.WhatsAppPrefix + customer)
            .Select(m => m.Body ?? "").Order(StringComparer.Ordinal).ToList();
}
