using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Core.Inbox;

/// <summary>
/// The agent inbox's read models: my conversations in the order they need attention, my queues' waiting
/// conversations (pick mode), one conversation with a page of its messages; and marking read. Each is a few indexed
/// queries on short-lived contexts, cheap enough to run again on every live event.
/// </summary>
public sealed class InboxQueries(
    IDbContextFactory<OmniDbContext> dbFactory,
    ConversationAccess access,
    IConversationEvents events,
    TimeProvider clock,
    IStringLocalizer<Strings> L)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    private const int PreviewLength = 120;

    /// <summary>
    /// The active conversations assigned to <paramref name="agentId"/>: unanswered ones first (the customer wrote
    /// after the last agent reply), then by the window closing soonest (closed windows last), then oldest first.
    /// </summary>
    public async Task<IReadOnlyList<InboxItem>> MyConversationsAsync(string agentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var rows = await db.Conversations.AsNoTracking()
            .Where(c => c.AssignedAgentId == agentId && c.Status == ConversationStatus.Active)
            .Select(c => new InboxItem(
                c.Id,
                c.Customer!.Phone,
                c.Customer.ProfileName,
                c.QueueId,
                c.Queue == null ? null : c.Queue.Name,
                c.WindowEndsAt,
                c.LastInboundAt,
                c.LastOutboundAt,
                c.LastMessageAt,
                c.AssignedAt,
                c.LastInboundAt != null && (c.LastOutboundAt == null || c.LastInboundAt > c.LastOutboundAt),
                db.Messages.Count(m => m.ConversationId == c.Id && m.Direction == MessageDirection.Inbound
                    && (c.LastReadMessageId == null || m.Id > c.LastReadMessageId)),
                db.Messages.Where(m => m.ConversationId == c.Id && (m.Kind == MessageKind.Text || m.Kind == MessageKind.Template || m.Kind == MessageKind.Automated || m.Kind == MessageKind.Bot))
                    .OrderByDescending(m => m.Id).Select(m => m.ChoiceTitle != null ? "🔘 " + m.ChoiceTitle : m.Body ?? (m.ContactName != null ? "👤 " + m.ContactName : m.Latitude == null ? null : m.LocationLabel == null ? "📍" : "📍 " + m.LocationLabel))
                    .FirstOrDefault(),
                db.Media.Where(x => x.MessageId == db.Messages
                        .Where(m => m.ConversationId == c.Id && (m.Kind == MessageKind.Text || m.Kind == MessageKind.Template || m.Kind == MessageKind.Automated || m.Kind == MessageKind.Bot))
                        .OrderByDescending(m => m.Id).Select(m => m.Id).FirstOrDefault())
                    .OrderBy(x => x.Index).Select(x => x.ContentType).FirstOrDefault()))
            .ToListAsync(ct);
        return rows
            .Select(r => r with { LastMessagePreview = Preview(r.LastMessagePreview) })
            .OrderByDescending(r => r.Unanswered)
            .ThenBy(r => ConversationRules.IsWindowOpen(r.WindowEndsAt, now) ? 0 : 1)
            .ThenBy(r => r.WindowEndsAt)
            .ThenBy(r => r.ConversationId)
            .ToList();
    }

    /// <summary>
    /// The conversations waiting in <paramref name="agentId"/>'s queues whose workstream is in pick mode, oldest
    /// first (at most <paramref name="limit"/>), with the total count.
    /// </summary>
    public async Task<WaitingList> WaitingInMyQueuesAsync(string agentId, int limit = 100, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, 1000);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var queues = await db.QueueMembers.Where(m => m.UserId == agentId).Select(m => new { m.QueueId, m.Queue!.Name }).ToListAsync(ct);
        var items = new List<WaitingItem>();
        var total = 0;
        // One ordered index range per queue, merged here: no sort over a long backlog.
        foreach (var queue in queues)
        {
            var waiting = db.Conversations.AsNoTracking().Where(c => c.Status == ConversationStatus.Waiting && c.QueueId == queue.QueueId
                && c.Workstream != null && c.Workstream.DistributionMode == DistributionMode.Pick);
            total += await waiting.CountAsync(ct);
            items.AddRange(await waiting.OrderBy(c => c.QueuedAt).ThenBy(c => c.Id).Take(limit)
                .Select(c => new WaitingItem(
                    c.Id,
                    c.Customer!.Phone,
                    c.Customer.ProfileName,
                    queue.QueueId,
                    queue.Name,
                    c.QueuedAt ?? c.CreatedAt,
                    c.WindowEndsAt,
                    c.Workstream!.CapacityPerConversation,
                    db.Messages.Where(m => m.ConversationId == c.Id && (m.Kind == MessageKind.Text || m.Kind == MessageKind.Template))
                        .OrderByDescending(m => m.Id).Select(m => m.ChoiceTitle != null ? "🔘 " + m.ChoiceTitle : m.Body ?? (m.ContactName != null ? "👤 " + m.ContactName : m.Latitude == null ? null : m.LocationLabel == null ? "📍" : "📍 " + m.LocationLabel))
                    .FirstOrDefault(),
                    db.Media.Where(x => x.MessageId == db.Messages
                            .Where(m => m.ConversationId == c.Id && (m.Kind == MessageKind.Text || m.Kind == MessageKind.Template))
                            .OrderByDescending(m => m.Id).Select(m => m.Id).FirstOrDefault())
                        .OrderBy(x => x.Index).Select(x => x.ContentType).FirstOrDefault()))
                .ToListAsync(ct));
        }
        return new WaitingList(
            items.OrderBy(i => i.QueuedAt).ThenBy(i => i.ConversationId).Take(limit).Select(i => i with { LastMessagePreview = Preview(i.LastMessagePreview) }).ToList(),
            total);
    }

    /// <summary>
    /// A conversation with its latest <paramref name="take"/> messages (oldest first), or the ones before message
    /// <paramref name="before"/> for scrolling back. Agents see the conversations assigned to them and those of
    /// their queues; supervisors and admins every one. Reading does not mark read: call <see cref="MarkReadAsync"/>.
    /// </summary>
    public async Task<Result<ConversationView>> ConversationAsync(int conversationId, Actor viewer, int take = DefaultPageSize, long? before = null, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxPageSize);
        if (!await access.CanViewAsync(viewer, conversationId, ct))
        {
            return Result<ConversationView>.Fail(L["You cannot see this conversation."]);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var c = await db.Conversations.AsNoTracking().Where(x => x.Id == conversationId)
            .Select(x => new
            {
                x.Id, x.Status, x.Customer!.Phone, x.Customer.ProfileName, Number = x.Number!.Number, NumberName = x.Number.DisplayName,
                x.WorkstreamId, WorkstreamName = x.Workstream == null ? null : x.Workstream.Name,
                Mode = x.Workstream == null ? DistributionMode.Push : x.Workstream.DistributionMode,
                x.QueueId, QueueName = x.Queue == null ? null : x.Queue.Name,
                x.AssignedAgentId, AgentName = x.AssignedAgent == null ? null : x.AssignedAgent.DisplayName,
                x.Language, x.CreatedAt, x.QueuedAt, x.AssignedAt, x.ClosedAt, x.LastInboundAt, x.WindowEndsAt, x.LastReadMessageId,
                InMyQueue = db.QueueMembers.Any(m => m.QueueId == x.QueueId && m.UserId == viewer.UserId),
            })
            .FirstOrDefaultAsync(ct);
        if (c is null) return Result<ConversationView>.Fail(L["The conversation no longer exists."]);

        var isMine = ConversationRules.IsHandler(viewer.UserId, c.Status, c.AssignedAgentId);
        var header = new ConversationHeader(
            c.Id, c.Status, c.Phone, c.ProfileName, c.Number, c.NumberName, c.WorkstreamId, c.WorkstreamName, c.QueueId, c.QueueName,
            c.AssignedAgentId, c.AgentName, c.Language, c.CreatedAt, c.QueuedAt, c.AssignedAt, c.ClosedAt, c.LastInboundAt, c.WindowEndsAt,
            ConversationRules.IsWindowOpen(c.WindowEndsAt, now), c.LastReadMessageId,
            IsMine: isMine,
            CanAct: ConversationRules.MayAct(viewer, c.Status, c.AssignedAgentId) == Permission.Allowed,
            CanTake: c.Status == ConversationStatus.Waiting && c.Mode == DistributionMode.Pick && c.InMyQueue);

        var page = db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId);
        if (before is { } cursor) page = page.Where(m => m.Id < cursor);
        var messages = await page.OrderByDescending(m => m.Id).Take(take + 1)
            .Select(m => new
            {
                m.Id, m.Direction, m.Kind, m.Body, m.Status, m.Dispatch, m.ErrorCode, m.ErrorMessage, m.CreatedAt, m.StatusAt, m.AuthorId,
                AuthorName = m.Author == null ? null : m.Author.DisplayName,
                m.Latitude, m.Longitude, m.LocationLabel, m.LocationAddress,
                m.ChoiceId, m.ChoiceTitle, m.QuotedSid, m.ReplyToMessageId, m.ContactName, m.ContactPhone,
                HasContactCard = m.Media.Any(x => x.ContentType == "text/vcard" || x.ContentType == "text/x-vcard"),
                m.RichContent,
            })
            .ToListAsync(ct);
        var hasOlder = messages.Count > take;
        if (hasOlder) messages.RemoveAt(messages.Count - 1);
        var ids = messages.Select(m => m.Id).ToList();
        var media = (await db.Media.AsNoTracking().Where(x => ids.Contains(x.MessageId)).OrderBy(x => x.Index)
                .Select(x => new { x.MessageId, x.Id, x.ContentType, x.FileName, x.Size, x.State, x.Error, x.StoragePath, x.SourceUrl })
                .ToListAsync(ct))
            .ToLookup(x => x.MessageId);

        var quotedIds = messages.Where(m => m.ReplyToMessageId is not null).Select(m => m.ReplyToMessageId!.Value).Distinct().ToList();
        var quoted = quotedIds.Count == 0 ? new Dictionary<long, MessageQuote>() : (await db.Messages.AsNoTracking().Where(m => quotedIds.Contains(m.Id))
                .Select(m => new
                {
                    m.Id, m.Direction, m.Kind, m.Body, m.ChoiceTitle, m.ContactName, m.Latitude, m.LocationLabel,
                    AuthorName = m.Author == null ? null : m.Author.DisplayName,
                    MediaType = m.Media.OrderBy(x => x.Index).Select(x => x.ContentType).FirstOrDefault(),
                })
                .ToListAsync(ct))
            .ToDictionary(m => m.Id, m => new MessageQuote(m.Id, m.Direction,
                m.Direction == MessageDirection.Inbound ? c.ProfileName ?? c.Phone : m.AuthorName,
                Preview(m.ChoiceTitle ?? m.Body ?? (m.ContactName is { } contact ? L["Contact: {0}", contact].Value
                    : m.Latitude is null ? null : m.LocationLabel ?? L["Shared location"].Value)),
                m.MediaType));

        var views = messages.AsEnumerable().Reverse().Select(m => new MessageView(
                m.Id, m.Direction, m.Kind, m.Body, m.Status, m.Dispatch, m.ErrorCode, m.ErrorMessage, m.CreatedAt, m.StatusAt, m.AuthorId, m.AuthorName,
                media[m.Id].Select(x => new MediaView(x.Id, x.ContentType, x.FileName, x.Size, x.State, x.Error,
                    x.State == MediaState.Stored && x.StoragePath != null ? $"media/{x.Id}"
                    : m.Direction == MessageDirection.Outbound ? x.SourceUrl : null)).ToList(),
                m.Latitude is { } latitude && m.Longitude is { } longitude ? new MessageLocation(latitude, longitude, m.LocationLabel, m.LocationAddress) : null,
                m.ChoiceTitle is { } choice ? new MessageChoice(choice, m.ChoiceId) : null,
                m.ReplyToMessageId is { } replyTo && quoted.TryGetValue(replyTo, out var quote) ? quote
                    : m.QuotedSid is not null ? new MessageQuote(null, null, null, null) : null,
                m.ContactName is not null || m.ContactPhone is not null || m.HasContactCard ? new MessageContact(m.ContactName, m.ContactPhone) : null)
            {
                Rich = RichContentJson.Deserialize(m.RichContent),
            })
            .ToList();
        return Result<ConversationView>.Ok(new ConversationView(header, views, hasOlder));
    }

    /// <summary>
    /// The conversation's agent has seen everything up to <paramref name="upToMessageId"/> (null: its latest
    /// message). Only the assigned agent's reading counts; anyone else's is accepted and changes nothing. The mark
    /// never moves back.
    /// </summary>
    public async Task<Result> MarkReadAsync(int conversationId, Actor viewer, long? upToMessageId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Conversations.AsNoTracking().Where(x => x.Id == conversationId)
            .Select(x => new { x.AssignedAgentId, x.Status, x.QueueId, x.LastReadMessageId }).FirstOrDefaultAsync(ct);
        if (c is null) return Result.Fail(L["The conversation no longer exists."]);
        if (!ConversationRules.IsHandler(viewer.UserId, c.Status, c.AssignedAgentId)) return Result.Ok();
        var upTo = upToMessageId ?? await db.Messages.Where(m => m.ConversationId == conversationId).MaxAsync(m => (long?)m.Id, ct);
        if (upTo is null) return Result.Ok();
        var changed = await db.Conversations
            .Where(x => x.Id == conversationId && x.AssignedAgentId == viewer.UserId && (x.LastReadMessageId == null || x.LastReadMessageId < upTo))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastReadMessageId, upTo), ct);
        if (changed > 0) events.Publish(new ConversationRead(conversationId, c.QueueId, viewer.UserId, clock.GetUtcNow(), upTo.Value));
        return Result.Ok();
    }

    /// <summary>
    /// The queues and agents the viewer can transfer the conversation to, for the transfer dialog; refused for
    /// viewers who may not act on it (an agent on a conversation that is not theirs).
    /// </summary>
    public async Task<Result<TransferTargets>> TransferTargetsAsync(int conversationId, Actor viewer, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await Assignments.TargetAsync(db, conversationId, ct);
        if (target is null) return Result<TransferTargets>.Fail(L["The conversation no longer exists."]);
        switch (ConversationRules.MayAct(viewer, target.Status, target.AgentId))
        {
            case Permission.Closed: return Result<TransferTargets>.Fail(L["The conversation is closed."]);
            case Permission.NotHandler: return Result<TransferTargets>.Fail(L["Only the agent handling this conversation, or a supervisor, can do that."]);
        }
        var queues = await db.Queues.AsNoTracking().OrderBy(q => q.Name)
            .Select(q => new QueueOption(q.Id, q.Name, q.Id == target.QueueId)).ToListAsync(ct);
        var members = await db.QueueMembers.AsNoTracking().Where(m => m.QueueId == target.QueueId && m.UserId != target.AgentId)
            .Select(m => new { m.UserId, m.User!.DisplayName }).ToListAsync(ct);
        var loads = (await Assignments.LoadsAsync(db, members.Select(m => m.UserId).ToList(), ct)).ToDictionary(l => l.AgentId);
        var agents = members
            .Select(m => (m.DisplayName, Load: loads[m.UserId]))
            .Select(m => new AgentOption(m.Load.AgentId, m.DisplayName, m.Load.Presence, m.Load.Used, m.Load.Capacity,
                viewer.SeesEverything || (m.Load.Presence != Presence.Offline && m.Load.Free >= target.Needed)))
            .OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        return Result<TransferTargets>.Ok(new TransferTargets(queues, agents, target.Needed));
    }

    private static string? Preview(string? body) =>
        body is null ? null : body.Length <= PreviewLength ? body : body[..(PreviewLength - 1)] + "…";
}
