using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Core.Outbound;

/// <summary>
/// Every outbound WhatsApp message goes through here: agents' replies and templates, and the system's automated
/// messages. The WhatsApp rules are checked on the server whatever the UI shows; an accepted message is stored
/// (outbox, Pending) and sent by <see cref="OutboxDispatcher"/>, so a crash or a Twilio outage loses nothing.
/// </summary>
public sealed class OutboundService(
    IDbContextFactory<OmniDbContext> dbFactory,
    IConversationEvents events,
    OutboxSignal signal,
    IOptions<TwilioOptions> twilio,
    TimeProvider clock,
    IStringLocalizer<Strings> L,
    ILogger<OutboundService> logger)
{
    /// <summary>Twilio's limit for one message body.</summary>
    public const int MaxBodyLength = 1600;

    /// <summary>Free-form text and/or one attachment, only while the customer's 24-hour window is open.</summary>
    public async Task<Result<long>> SendTextAsync(SessionMessageInput input, CancellationToken ct = default)
    {
        var text = string.IsNullOrWhiteSpace(input.Text) ? null : input.Text.Trim();
        if (text is null && input.Attachment is null) return Result<long>.Fail(L["Write a message first."], nameof(input.Text));
        if (text?.Length > MaxBodyLength) return Result<long>.Fail(L["A WhatsApp message has at most {0} characters.", MaxBodyLength], nameof(input.Text));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == input.ConversationId, ct);
        if (conversation is null) return Result<long>.Fail(L["The conversation does not exist."]);

        var now = clock.GetUtcNow();
        if (!conversation.IsWindowOpen(now)) return Result<long>.Fail(WindowClosedMessage());

        MessageMedia? media = null;
        if (input.Attachment is { } attachment)
        {
            var behaviours = await BehavioursAsync(db, conversation, ct);
            if (behaviours is not { AttachmentsEnabled: true, AgentsCanSendAttachments: true })
            {
                return Result<long>.Fail(L["Agents cannot send attachments on this channel."], nameof(input.Attachment));
            }
            if (!Uri.TryCreate(attachment.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                return Result<long>.Fail(L["An attachment needs an http(s) address Twilio can fetch it from."], nameof(input.Attachment));
            }
            if (string.IsNullOrWhiteSpace(attachment.ContentType))
            {
                return Result<long>.Fail(L["An attachment needs its content type."], nameof(input.Attachment));
            }
            media = new MessageMedia
            {
                Index = 0,
                ContentType = attachment.ContentType.Trim(),
                SourceUrl = attachment.Url,
                FileName = attachment.FileName,
                Size = attachment.Size,
                State = MediaState.Stored,
            };
        }

        var message = NewMessage(conversation, MessageKind.Text, text, input.AuthorId, now);
        if (media is not null) message.Media.Add(media);
        return Result<long>.Ok(await StoreAsync(db, conversation, message, now, ct));
    }

    /// <summary>
    /// An approved template with exactly its number of values (none empty), at any time. Outside the window in
    /// live mode WhatsApp takes a template only by its Content SID, so one without is refused before sending.
    /// </summary>
    public async Task<Result<long>> SendTemplateAsync(TemplateMessageInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == input.ConversationId, ct);
        if (conversation is null) return Result<long>.Fail(L["The conversation does not exist."]);

        var workstreamId = await WorkstreamIdAsync(db, conversation, ct);
        var template = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == input.TemplateId, ct);
        if (template is null || template.WorkstreamId != workstreamId)
        {
            return Result<long>.Fail(L["This template is not one of the conversation's channel."], nameof(input.TemplateId));
        }
        if (!string.IsNullOrWhiteSpace(input.Language) && input.Language != template.Language)
        {
            var name = template.Name;
            template = await db.Templates.AsNoTracking()
                .FirstOrDefaultAsync(t => t.WorkstreamId == workstreamId && t.Name == name && t.Language == input.Language, ct);
            if (template is null)
            {
                return Result<long>.Fail(L["Template {0} has no approved version in {1}.", name, Languages.LabelOf(input.Language)], nameof(input.Language));
            }
        }

        var expected = TemplatePlaceholders.Scan(template.Body).VariableCount;
        var values = input.Values ?? [];
        if (values.Count != expected)
        {
            return Result<long>.Fail(L["Template {0} takes {1} value(s); {2} were given.", template.Name, expected, values.Count], nameof(input.Values));
        }
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]))
            {
                return Result<long>.Fail(L["Fill in value {0} of template {1}.", "{{" + (i + 1) + "}}", template.Name], $"{nameof(input.Values)}[{i}]");
            }
        }
        var trimmed = values.Select(v => v.Trim()).ToList();
        var body = TemplatePlaceholders.Fill(template.Body, trimmed);
        if (body.Length > MaxBodyLength) return Result<long>.Fail(L["A WhatsApp message has at most {0} characters.", MaxBodyLength], nameof(input.Values));

        var now = clock.GetUtcNow();
        var contentSid = string.IsNullOrWhiteSpace(template.ContentSid) ? null : template.ContentSid.Trim();
        if (twilio.Value.Live && contentSid is null && !conversation.IsWindowOpen(now))
        {
            return Result<long>.Fail(L["Outside the 24-hour window WhatsApp accepts template {0} only by its Content SID. Ask an admin to add the template's Content SID (HX…) to the workstream.", template.Name]);
        }

        var message = NewMessage(conversation, MessageKind.Template, body, input.AuthorId, now);
        message.TemplateId = template.Id;
        message.TemplateValues = JsonSerializer.Serialize(trimmed);
        message.ContentSid = contentSid;
        return Result<long>.Ok(await StoreAsync(db, conversation, message, now, ct));
    }

    /// <summary>
    /// An automated message (greeting, agent assigned, closed, survey…): inside the window only. A closed window
    /// is reported, not worked around; the caller decides what to do (skip it, note it, use a template).
    /// </summary>
    public async Task<Result<long>> SendAutomatedAsync(int conversationId, string text, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text)) return Result<long>.Fail(L["Write a message first."]);
        if (text.Trim().Length > MaxBodyLength) return Result<long>.Fail(L["A WhatsApp message has at most {0} characters.", MaxBodyLength]);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null) return Result<long>.Fail(L["The conversation does not exist."]);

        var now = clock.GetUtcNow();
        if (!conversation.IsWindowOpen(now)) return Result<long>.Fail(L["The customer's 24-hour window is closed, so the automated message was not sent."]);

        var message = NewMessage(conversation, MessageKind.Automated, text.Trim(), authorId: null, now);
        return Result<long>.Ok(await StoreAsync(db, conversation, message, now, ct));
    }

    private string WindowClosedMessage() =>
        L["The customer's 24-hour window is closed: free-form messages are allowed only within 24 hours of the customer's last message. Send an approved template instead."];

    private static Message NewMessage(Conversation conversation, MessageKind kind, string? body, string? authorId, DateTimeOffset now) => new()
    {
        ConversationId = conversation.Id,
        Direction = MessageDirection.Outbound,
        Kind = kind,
        Body = body,
        AuthorId = authorId,
        Status = MessageStatus.Queued,
        CreatedAt = now,
        Dispatch = DispatchState.Pending,
        NextAttemptAt = now,
    };

    private async Task<long> StoreAsync(OmniDbContext db, Conversation conversation, Message message, DateTimeOffset now, CancellationToken ct)
    {
        db.Messages.Add(message);
        if (conversation.LastMessageAt < now) conversation.LastMessageAt = now;
        // The inbox's "unanswered" compares the customer's last message with the team's last reply; an
        // automated message (greeting, agent assigned…) is not an answer.
        if (message.Kind is MessageKind.Text or MessageKind.Template) conversation.LastOutboundAt = now;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Outbound {Kind} message {MessageId} of conversation {ConversationId} stored for sending",
            message.Kind, message.Id, conversation.Id);
        events.Publish(new MessageAdded(conversation.Id, conversation.QueueId, conversation.AssignedAgentId, now, message.Id, MessageDirection.Outbound, message.Kind));
        signal.Notify();
        return message.Id;
    }

    /// <summary>The conversation's workstream: its own, or the one whose WhatsApp setup uses its number.</summary>
    private static async Task<int?> WorkstreamIdAsync(OmniDbContext db, Conversation conversation, CancellationToken ct) =>
        conversation.WorkstreamId
        ?? await db.WhatsAppSetups.Where(s => s.NumberId == conversation.NumberId).Select(s => (int?)s.WorkstreamId).FirstOrDefaultAsync(ct);

    private static async Task<Behaviours?> BehavioursAsync(OmniDbContext db, Conversation conversation, CancellationToken ct)
    {
        var workstreamId = await WorkstreamIdAsync(db, conversation, ct);
        return workstreamId is null ? null
            : await db.WhatsAppSetups.AsNoTracking().Where(s => s.WorkstreamId == workstreamId).Select(s => s.Behaviours).FirstOrDefaultAsync(ct);
    }
}
