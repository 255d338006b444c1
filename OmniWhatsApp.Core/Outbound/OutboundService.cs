using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Inbound;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Core.Outbound;

/// <summary>
/// Every outbound WhatsApp message goes through here: agents' replies and templates, and the system's automated
/// messages. The WhatsApp rules are checked on the server whatever the UI shows; an accepted message is stored
/// (outbox, Pending, through <see cref="OutboxStore"/>) and sent by <see cref="OutboxDispatcher"/>, so a crash or a
/// Twilio outage loses nothing.
/// <para>
/// The team's texts and templates are sent by an <see cref="Actor"/>, its author: an agent only in a conversation
/// assigned to them, a supervisor or admin in any open one; nobody in a closed one. Automated messages are the
/// system's and go out after a close too (the closing message and the survey).
/// </para>
/// </summary>
public sealed class OutboundService(
    IDbContextFactory<OmniDbContext> dbFactory,
    IConversationEvents events,
    OutboxStore store,
    OutboxSignal signal,
    MediaStorage storage,
    IOptions<MediaOptions> mediaOptions,
    IOptions<TwilioOptions> twilio,
    TimeProvider clock,
    IStringLocalizer<Strings> L,
    ILogger<OutboundService> logger)
{
    /// <summary>Twilio's limit for one message body.</summary>
    public const int MaxBodyLength = 1600;

    // Read only: the message itself is stored by the outbox's writer.
    private static readonly Func<OmniDbContext, int, CancellationToken, Task<Conversation?>> ConversationById =
        EF.CompileAsyncQuery((OmniDbContext db, int id, CancellationToken ct) => db.Conversations.AsNoTracking().FirstOrDefault(c => c.Id == id));

    /// <summary>Free-form text and/or one attachment, only while the customer's 24-hour window is open.</summary>
    public async Task<Result<long>> SendTextAsync(SessionMessageInput input, Actor actor, CancellationToken ct = default)
    {
        var text = string.IsNullOrWhiteSpace(input.Text) ? null : input.Text.Trim();
        if (input.Attachment is not null && input.Upload is not null) return Result<long>.Fail(L["WhatsApp takes one file per message."], nameof(input.Attachment));
        if (text is null && input.Attachment is null && input.Upload is null) return Result<long>.Fail(L["Write a message first."], nameof(input.Text));
        if (text?.Length > MaxBodyLength) return Result<long>.Fail(L["A WhatsApp message has at most {0} characters.", MaxBodyLength], nameof(input.Text));

        // Plain text needs nothing but the conversation: the outbox's writer checks it (there, who may send, and the
        // window) in the transaction that stores the message. A file needs the channel's behaviours first.
        if (input.Attachment is null && input.Upload is null)
        {
            return await StoreAsync(NewMessage(input.ConversationId, MessageKind.Text, text, actor.UserId, clock.GetUtcNow()), WindowClosedMessage(), actor, ct);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await ConversationById(db, input.ConversationId, ct);
        if (conversation is null) return Result<long>.Fail(L["The conversation does not exist."]);
        if (Refuse(conversation, actor) is { } refused) return Result<long>.Fail(refused);

        var now = clock.GetUtcNow();
        if (!conversation.IsWindowOpen(now)) return Result<long>.Fail(WindowClosedMessage());

        var behaviours = await BehavioursAsync(db, conversation, ct);
        if (behaviours is not { AttachmentsEnabled: true, AgentsCanSendAttachments: true })
        {
            return Result<long>.Fail(L["Agents cannot send attachments on this channel."], nameof(input.Attachment));
        }
        var message = NewMessage(conversation.Id, MessageKind.Text, text, actor.UserId, now);
        if (input.Attachment is { } attachment)
        {
            if (!Uri.TryCreate(attachment.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                return Result<long>.Fail(L["An attachment needs an http(s) address Twilio can fetch it from."], nameof(input.Attachment));
            }
            if (string.IsNullOrWhiteSpace(attachment.ContentType))
            {
                return Result<long>.Fail(L["An attachment needs its content type."], nameof(input.Attachment));
            }
            message.Media.Add(new MessageMedia
            {
                Index = 0,
                ContentType = attachment.ContentType.Trim(),
                SourceUrl = attachment.Url,
                FileName = attachment.FileName,
                Size = attachment.Size,
                State = MediaState.Stored,
            });
            return await StoreAsync(message, WindowClosedMessage(), actor, ct);
        }

        var upload = input.Upload!;
        if (CheckUpload(upload) is { } problem) return Result<long>.Fail(problem, nameof(input.Upload));
        message.Media.Add(new MessageMedia
        {
            Index = 0,
            ContentType = upload.ContentType.Trim().ToLowerInvariant(),
            FileName = FileNameOf(upload.FileName),
            Size = upload.Content.LongLength,
            // Stored (its file is written in the same transaction); no SourceUrl: the dispatcher signs a link to it.
            State = MediaState.Stored,
        });
        return await StoreWithUploadAsync(message, upload.Content, actor, ct);
    }

    /// <summary>
    /// What the composer of a conversation offers: the templates in the conversation's language (its channel's when the
    /// conversation has none), each with why it cannot be sent now or outside the window (<see cref="TemplateAvailability"/>),
    /// and whether agents may attach files, with WhatsApp's size limits.
    /// </summary>
    public async Task<ComposerOptions?> ComposerOptionsAsync(int conversationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null) return null;
        var workstreamId = await WorkstreamIdAsync(db, conversation, ct);
        var setup = workstreamId is null ? null
            : await db.WhatsAppSetups.AsNoTracking().Where(s => s.WorkstreamId == workstreamId).Select(s => new { s.Language, s.Behaviours }).FirstOrDefaultAsync(ct);
        var language = conversation.Language ?? setup?.Language;
        var templates = workstreamId is null ? []
            : (await db.Templates.AsNoTracking().Where(t => t.WorkstreamId == workstreamId && (language == null || t.Language == language))
                .OrderBy(t => t.Name).ToListAsync(ct))
            .Select(t =>
            {
                var count = TemplatePlaceholders.Scan(t.Body).VariableCount;
                return new TemplateOption(t.Id, t.Name, t.Language, t.Body, count, TemplatePlaceholders.Samples(t.SampleValues, count))
                {
                    Category = t.Category,
                    Unavailable = BlockReason(TemplateAvailability.Always(t), t),
                    UnavailableOutsideWindow = BlockReason(TemplateAvailability.OutsideWindow(t, twilio.Value.Live), t),
                };
            })
            .ToList();
        var limits = mediaOptions.Value;
        return new ComposerOptions(language, templates, setup?.Behaviours is { AttachmentsEnabled: true, AgentsCanSendAttachments: true },
            limits.MaxImageBytes, limits.MaxFileBytes);
    }

    /// <summary>
    /// An approved template with exactly its number of values (none empty), at any time. Outside the window in
    /// live mode WhatsApp takes a template only by its Content SID, so one without is refused before sending.
    /// </summary>
    public async Task<Result<long>> SendTemplateAsync(TemplateMessageInput input, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await ConversationById(db, input.ConversationId, ct);
        if (conversation is null) return Result<long>.Fail(L["The conversation does not exist."]);
        if (Refuse(conversation, actor) is { } refused) return Result<long>.Fail(refused);

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
            return Result<long>.Fail(L["Template {0} needs a different number of values: {1} expected, {2} given.", template.Name, expected, values.Count], nameof(input.Values));
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
        if (Refuse(template, conversation.WindowEndsAt, now) is { } blocked) return Result<long>.Fail(blocked);

        var message = NewMessage(conversation.Id, MessageKind.Template, body, actor.UserId, now);
        message.TemplateId = template.Id;
        message.TemplateValues = JsonSerializer.Serialize(trimmed);
        message.ContentSid = contentSid;
        return await StoreAsync(message, windowClosed: null, actor, ct);
    }

    /// <summary>
    /// An automated message (greeting, agent assigned, closed, survey…): inside the window only. A closed window
    /// is reported, not worked around; the caller decides what to do (skip it, note it, use a template).
    /// </summary>
    public async Task<Result<long>> SendAutomatedAsync(int conversationId, string text, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text)) return Result<long>.Fail(L["Write a message first."]);
        if (text.Trim().Length > MaxBodyLength) return Result<long>.Fail(L["A WhatsApp message has at most {0} characters.", MaxBodyLength]);

        var message = NewMessage(conversationId, MessageKind.Automated, text.Trim(), authorId: null, clock.GetUtcNow());
        return await StoreAsync(message, L["The customer's 24-hour window is closed, so the automated message was not sent."], sender: null, ct);
    }

    /// <summary>
    /// A template the system sends in place of an automated message (the closing message, the survey) when the window
    /// is closed: the channel's template of that name, in the conversation's language when it has one there, else in
    /// the channel's. Only a template without placeholders (nobody fills them in). Like
    /// <see cref="SendAutomatedAsync"/> it has no author and goes out after a close too; like
    /// <see cref="SendTemplateAsync"/>, in live mode outside the window only by its Content SID.
    /// </summary>
    public async Task<Result<long>> SendAutomatedTemplateAsync(int conversationId, string templateName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await ConversationById(db, conversationId, ct);
        if (conversation is null) return Result<long>.Fail(L["The conversation does not exist."]);

        var workstreamId = await WorkstreamIdAsync(db, conversation, ct);
        var channelLanguage = workstreamId is null ? null
            : await db.WhatsAppSetups.AsNoTracking().Where(s => s.WorkstreamId == workstreamId).Select(s => s.Language).FirstOrDefaultAsync(ct);
        var name = templateName.Trim();
        var candidates = await db.Templates.AsNoTracking().Where(t => t.WorkstreamId == workstreamId && t.Name == name).ToListAsync(ct);
        var template = candidates.FirstOrDefault(t => t.Language == conversation.Language)
            ?? candidates.FirstOrDefault(t => t.Language == channelLanguage);
        if (template is null) return Result<long>.Fail(L["Template {0} is no longer one of the channel's templates.", name]);
        if (TemplatePlaceholders.Scan(template.Body).VariableCount > 0)
        {
            return Result<long>.Fail(L["Template {0} has placeholders that nobody would fill in.", name]);
        }

        var now = clock.GetUtcNow();
        var contentSid = string.IsNullOrWhiteSpace(template.ContentSid) ? null : template.ContentSid.Trim();
        if (Refuse(template, conversation.WindowEndsAt, now) is { } blocked) return Result<long>.Fail(blocked);

        var message = NewMessage(conversation.Id, MessageKind.Template, template.Body.Trim(), authorId: null, now);
        message.TemplateId = template.Id;
        message.TemplateValues = "[]";
        message.ContentSid = contentSid;
        return await StoreAsync(message, windowClosed: null, sender: null, ct);
    }

    /// <summary>Why <paramref name="template"/> may not go out now (<see cref="TemplateAvailability"/>), or null when it may.</summary>
    private string? Refuse(MessageTemplate template, DateTimeOffset? windowEndsAt, DateTimeOffset now)
    {
        var open = ConversationRules.IsWindowOpen(windowEndsAt, now);
        return TemplateAvailability.For(template, twilio.Value.Live, open) switch
        {
            TemplateBlock.None => null,
            TemplateBlock.NeedsContentSid => L["Outside the 24-hour window WhatsApp accepts template {0} only by its Content SID. Ask an admin to add the template's Content SID (HX…) to the workstream.", template.Name].Value,
            var block when open || TemplateAvailability.Always(template) != TemplateBlock.None => L["Template {0} cannot be sent: {1}.", template.Name, BlockReason(block, template)!].Value,
            var block => L["Outside the 24-hour window only approved templates can be sent; template {0} is {1}.", template.Name, BlockReason(block, template)!].Value,
        };
    }

    /// <summary>The picker's words for why a template is not offered; null for none.</summary>
    private string? BlockReason(TemplateBlock block, MessageTemplate template) => block switch
    {
        TemplateBlock.None => null,
        TemplateBlock.NotSubmitted => L["not submitted for approval yet"],
        TemplateBlock.RemovedAtTwilio => L["removed at Twilio"],
        TemplateBlock.PendingApproval => L["pending approval"],
        TemplateBlock.Rejected => string.IsNullOrWhiteSpace(template.RejectionReason) ? L["rejected"].Value : L["rejected: {0}", template.RejectionReason].Value,
        TemplateBlock.Paused => L["paused"],
        TemplateBlock.Disabled => L["disabled"],
        TemplateBlock.NeedsContentSid => L["without a Content SID (HX…), it cannot go out after 24 hours"],
        _ => null,
    };

    /// <summary>Why <paramref name="actor"/> may not send in the conversation, or null when they may.</summary>
    private string? Refuse(Conversation conversation, Actor actor) => ConversationRules.MaySend(actor, conversation.Status, conversation.AssignedAgentId) switch
    {
        Permission.Closed => L["The conversation is closed."],
        Permission.NotHandler => NotAllowedMessage(),
        _ => null,
    };

    private string NotAllowedMessage() => L["Only the agent handling this conversation, or a supervisor, can send messages in it."];

    /// <summary>WhatsApp's types and sizes, and a file whose first bytes are what its type says (for the types that have a signature).</summary>
    private string? CheckUpload(AttachmentUpload upload)
    {
        var type = upload.ContentType?.Trim().ToLowerInvariant() ?? "";
        if (!MediaOptions.IsAllowed(type)) return L["WhatsApp does not accept files of type {0}.", type.Length == 0 ? "?" : type];
        if (upload.Content is not { Length: > 0 }) return L["The file is empty."];
        var limit = mediaOptions.Value.LimitFor(type);
        if (upload.Content.LongLength > limit) return L["The file is larger than {0} MB.", limit / (1024 * 1024)];
        if (!LooksLike(type, upload.Content)) return L["The file's content is not {0}.", type];
        return null;
    }

    private static bool LooksLike(string type, byte[] content) => type switch
    {
        "image/jpeg" => content.AsSpan().StartsWith((byte[])[0xFF, 0xD8, 0xFF]),
        "image/png" => content.AsSpan().StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        "application/pdf" => content.AsSpan().StartsWith("%PDF-"u8),
        _ => true,
    };

    private static string? FileNameOf(string? name)
    {
        // Only the name: browsers on Windows may send a whole path, with either separator.
        var plain = string.IsNullOrWhiteSpace(name) ? null : name.Trim()[(name.Trim().LastIndexOfAny(['/', '\\']) + 1)..];
        if (string.IsNullOrWhiteSpace(plain)) return null;
        return plain is { Length: > 255 } ? plain[^255..] : plain;
    }

    private string WindowClosedMessage() =>
        L["The customer's 24-hour window is closed: free-form messages are allowed only within 24 hours of the customer's last message. Send an approved template instead."];

    private static Message NewMessage(int conversationId, MessageKind kind, string? body, string? authorId, DateTimeOffset now) => new()
    {
        ConversationId = conversationId,
        Direction = MessageDirection.Outbound,
        Kind = kind,
        Body = body,
        AuthorId = authorId,
        Status = MessageStatus.Queued,
        CreatedAt = now,
        Dispatch = DispatchState.Pending,
        NextAttemptAt = now,
    };

    /// <summary>
    /// Stores the message through the outbox's writer, which commits it together with whatever else is being written
    /// and checks in the same transaction that the conversation exists, that <paramref name="sender"/> (when the team
    /// sends, not the system) may send in it, and, unless <paramref name="windowClosed"/> is null, that its window is
    /// still open (refusing with that text otherwise). Then the dispatcher is handed it.
    /// </summary>
    private async Task<Result<long>> StoreAsync(Message message, string? windowClosed, Actor? sender, CancellationToken ct)
    {
        var stored = await store.EnqueueAsync(message, requireOpenWindow: windowClosed is not null, sender, ct);
        switch (stored.Outcome)
        {
            case EnqueueOutcome.NoConversation:
                return Result<long>.Fail(L["The conversation does not exist."]);
            case EnqueueOutcome.Closed:
                return Result<long>.Fail(L["The conversation is closed."]);
            case EnqueueOutcome.NotAllowed:
                return Result<long>.Fail(NotAllowedMessage());
            case EnqueueOutcome.WindowClosed:
                return Result<long>.Fail(windowClosed!);
        }
        message.Id = stored.MessageId;
        logger.LogInformation("Outbound {Kind} message {MessageId} of conversation {ConversationId} stored for sending",
            message.Kind, message.Id, message.ConversationId);
        events.Publish(new MessageAdded(message.ConversationId, stored.QueueId, stored.AgentId, message.CreatedAt, message.Id, MessageDirection.Outbound, message.Kind));
        signal.Offer(new DueMessage(message.Id, stored.NumberId, DispatchState.Pending, null));
        return Result<long>.Ok(message.Id);
    }

    /// <summary>
    /// A message with an agent's uploaded file, stored through EF rather than the writer: the file is named after its
    /// media id and written before the commit, which must not hold up the writer's batch. Who may send and the window
    /// are checked again on the conversation as this transaction reads it.
    /// </summary>
    private async Task<Result<long>> StoreWithUploadAsync(Message message, byte[] upload, Actor sender, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == message.ConversationId, ct);
        if (conversation is null) return Result<long>.Fail(L["The conversation does not exist."]);
        if (Refuse(conversation, sender) is { } refused) return Result<long>.Fail(refused);
        var now = message.CreatedAt;
        if (!conversation.IsWindowOpen(now)) return Result<long>.Fail(WindowClosedMessage());
        db.Messages.Add(message);
        if (conversation.LastMessageAt < now) conversation.LastMessageAt = now;
        if (conversation.LastOutboundAt is null || conversation.LastOutboundAt < now) conversation.LastOutboundAt = now;
        await db.SaveChangesAsync(ct);
        var media = message.Media[0];
        media.StoragePath = await storage.SaveAsync(media.Id, media.ContentType, upload, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        logger.LogInformation("Outbound {Kind} message {MessageId} of conversation {ConversationId} stored for sending",
            message.Kind, message.Id, message.ConversationId);
        events.Publish(new MessageAdded(conversation.Id, conversation.QueueId, conversation.AssignedAgentId, now, message.Id, MessageDirection.Outbound, message.Kind));
        signal.Offer(new DueMessage(message.Id, conversation.NumberId, DispatchState.Pending, null));
        return Result<long>.Ok(message.Id);
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
