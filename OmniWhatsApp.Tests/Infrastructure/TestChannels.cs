using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Security;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>An account on the emulator with its numbers and one workstream with WhatsApp set up on the first number.</summary>
public sealed record TestChannel(Guid AccountId, int WorkstreamId, IReadOnlyList<TestNumber> Numbers, IReadOnlyList<MessageTemplate> Templates)
{
    public TestNumber Number => Numbers[0];
    public MessageTemplate Template(string name) => Templates.Single(t => t.Name == name);
}

public sealed record TestNumber(int Id, string Number);

/// <summary>Arranges messaging data directly in the app's database (and the emulator's window), without the UI.</summary>
public static class TestChannels
{
    public static readonly TemplateSpec FollowUp = new("follow_up", "Hello {{1}}, we are following up on your request {{2}}.");

    public sealed record TemplateSpec(string Name, string Body, string? ContentSid = null, string Language = "en");

    /// <summary>
    /// A channel with <paramref name="numbers"/> WhatsApp numbers, attachments allowed for agents, and the given
    /// templates (by default <see cref="FollowUp"/>).
    /// </summary>
    public static async Task<TestChannel> CreateChannelAsync(this AppHost app, int numbers = 1, TemplateSpec[]? templates = null, bool withWhatsApp = true,
        bool agentsCanSendAttachments = true)
    {
        var credentials = app.EmulatorCredentials();
        var secrets = app.GetRequiredService<SecretProtector>();
        await using var db = await app.CreateDbContextAsync();
        var account = new TwilioAccount
        {
            Id = Guid.NewGuid(),
            Name = TestData.UniqueName("Account"),
            AccountSid = credentials.AccountSid,
            ProtectedAuthToken = secrets.Protect(credentials.AuthToken),
            AuthTokenHint = SecretProtector.HintOf(credentials.AuthToken),
            CreatedAt = DateTimeOffset.UtcNow,
            Numbers = Enumerable.Range(1, numbers).Select(i => new WhatsAppNumber { DisplayName = $"Line {i}", Number = TestData.UniqueNumber() }).ToList(),
        };
        var workstream = new Workstream
        {
            Name = TestData.UniqueName("Workstream"),
            WhatsApp = withWhatsApp
                ? new WhatsAppSetup
                {
                    Number = account.Numbers[0],
                    Language = "en",
                    Behaviours = new Behaviours
                    {
                        AttachmentsEnabled = true,
                        CustomersCanSendAttachments = true,
                        AgentsCanSendAttachments = agentsCanSendAttachments,
                    },
                }
                : null,
            Templates = (templates ?? [FollowUp])
                .Select(t => new MessageTemplate { Name = t.Name, Language = t.Language, Body = t.Body, ContentSid = t.ContentSid })
                .ToList(),
        };
        db.AddRange(account, workstream);
        await db.SaveChangesAsync();
        // As the app does for accounts saved through it: the numbers' WhatsApp senders point at the account's webhooks.
        // Asked again while it fails: hosts with a short Twilio timeout (one second) meet it on a busy machine.
        await Eventually.GetAsync(() => app.WithServiceAsync((SenderWebhooks s) => s.SyncAsync(account.Id)), configured => configured,
            what: "the emulator's senders to be configured");
        return new TestChannel(account.Id, workstream.Id, account.Numbers.Select(n => new TestNumber(n.Id, n.Number)).ToList(), workstream.Templates);
    }

    /// <summary>An active conversation (not yet saved) of a new customer who last wrote to <paramref name="number"/> at <paramref name="at"/>.</summary>
    public static Conversation NewConversation(TestChannel channel, TestNumber number, DateTimeOffset at) => new()
    {
        Customer = new Customer { Phone = TestData.UniqueNumber(), ProfileName = "Test Customer" },
        NumberId = number.Id,
        WorkstreamId = channel.WorkstreamId,
        Status = ConversationStatus.Active,
        Language = "en",
        CreatedAt = at,
        LastInboundAt = at,
        WindowEndsAt = ConversationRules.WindowEndsAt(at),
        LastMessageAt = at,
    };

    /// <summary>
    /// A conversation whose customer last wrote at <paramref name="lastInboundAt"/> (default: now on the app's
    /// clock). The emulated Twilio learns of that message too, so both agree on the 24-hour window, unless
    /// <paramref name="tellEmulator"/> is false.
    /// </summary>
    public static async Task<TestConversation> OpenConversationAsync(this AppHost app, TestChannel channel, int numberIndex = 0,
        DateTimeOffset? lastInboundAt = null, bool tellEmulator = true)
    {
        var number = channel.Numbers[numberIndex];
        var at = lastInboundAt ?? app.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var db = await app.CreateDbContextAsync();
        var conversation = NewConversation(channel, number, at);
        var customer = conversation.Customer!;
        db.Add(conversation);
        await db.SaveChangesAsync();
        if (tellEmulator) app.GetRequiredService<EmulatorState>().RecordInbound(number.Number, customer.Phone, at);
        return new TestConversation(conversation.Id, number.Number, customer.Phone);
    }

    /// <summary>
    /// The emulated Twilio holds <paramref name="body"/> as an approved WhatsApp template (created and approved through
    /// its Content API, as an admin does in Twilio's console), so a message with that text passes outside the 24-hour
    /// window, as in the sandbox. Its Content SID.
    /// </summary>
    public static string ApproveOnEmulator(this AppHost app, string name, string body, string language = "en") =>
        app.GetRequiredService<EmulatorContent>().AddApproved(name, language, body).Sid;

    public static async Task<Message> MessageAsync(this AppHost app, long id)
    {
        await using var db = await app.CreateDbContextAsync();
        return await db.Messages.AsNoTracking().Include(m => m.Media).SingleAsync(m => m.Id == id);
    }

    public static async Task<Conversation> ConversationAsync(this AppHost app, int id)
    {
        await using var db = await app.CreateDbContextAsync();
        return await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    /// <summary>Waits until the message satisfies <paramref name="done"/>.</summary>
    public static Task<Message> WaitForMessageAsync(this AppHost app, long id, Func<Message, bool> done, string what, TimeSpan? timeout = null) =>
        Eventually.GetAsync(() => app.MessageAsync(id), done, timeout, $"message {id}: {what}");

    /// <summary>
    /// Sends a text through <see cref="OutboundService"/> as <paramref name="actor"/>; by default the demo supervisor,
    /// who may send in any open conversation (for tests about sending rather than about who sends).
    /// </summary>
    public static async Task<Result<long>> SendTextAsync(this AppHost app, SessionMessageInput input, Actor? actor = null)
    {
        actor ??= await app.SupervisorAsync();
        return await app.WithServiceAsync((OutboundService s) => s.SendTextAsync(input, actor));
    }

    /// <summary>Sends a template as <paramref name="actor"/> (by default the demo supervisor).</summary>
    public static async Task<Result<long>> SendTemplateAsync(this AppHost app, TemplateMessageInput input, Actor? actor = null)
    {
        actor ??= await app.SupervisorAsync();
        return await app.WithServiceAsync((OutboundService s) => s.SendTemplateAsync(input, actor));
    }

    /// <summary>What the emulated Twilio has from the business number to this customer.</summary>
    public static IReadOnlyList<EmulatorMessage> SentTo(this AppHost app, TestConversation conversation) =>
        app.GetRequiredService<EmulatorState>().Messages
            .Where(m => m.Direction == EmulatorMessage.Outbound && m.To == PhoneNumber.WhatsAppPrefix + conversation.Customer)
            .ToList();
}

public sealed record TestConversation(int Id, string BusinessNumber, string Customer);
