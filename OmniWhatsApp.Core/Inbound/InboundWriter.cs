using System.Data.Common;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;

namespace OmniWhatsApp.Core.Inbound;

/// <summary>One inbound message to store, with its account and the routing facts of its number.</summary>
internal sealed record InboundRow(Guid AccountId, InboundMessage Message, Accounts.ChannelNumber Number, DateTimeOffset ReceivedAt);

/// <summary>What storing one inbound message did.</summary>
internal sealed record InboundRowResult(bool Duplicate, int ConversationId, bool Opened, int? QueueId, string? AgentId, long MessageId, long? NoticeId)
{
    /// <summary>The customer's choice moved the conversation to another queue: where it was, and the timeline line saying so.</summary>
    public ChoiceMove? Moved { get; init; }

    /// <summary>The number was removed, or its channel deleted, after the webhook looked it up: nothing was stored.</summary>
    public bool ChannelGone { get; init; }

    /// <summary>The number serves another workstream (or none) than the webhook's cached routing says: nothing was stored.</summary>
    public bool RoutingChanged { get; init; }

    /// <summary>The conversation is with the channel's bot after this message: the bot has a turn to take.</summary>
    public bool WithBot { get; init; }

    public static readonly InboundRowResult Gone = new(false, 0, false, null, null, 0, null) { ChannelGone = true };
    public static readonly InboundRowResult Changed = new(false, 0, false, null, null, 0, null) { RoutingChanged = true };
}

/// <summary>A conversation the customer's choice sent to <c>QueueId</c> of the result, from this queue and agent.</summary>
internal sealed record ChoiceMove(int? PreviousQueueId, string? PreviousAgentId, long LineId);

/// <summary>
/// The hot path of the inbound webhook: plain SQL on one connection and transaction per batch, written in the
/// dialect SQLite and PostgreSQL share (quoted names, RETURNING, LIMIT). Customer ids and open conversation ids
/// are remembered between batches; a remembered conversation that has meanwhile closed is noticed by its UPDATE
/// touching no row, and looked up again.
/// </summary>
internal sealed class InboundWriter(IStringLocalizer<Strings> L)
{
    private const int MaxRemembered = 200_000;

    /// <summary>The first key of the per-customer advisory locks (PostgreSQL), apart from every other advisory lock.</summary>
    private const int CustomerLockSpace = 0x1B_0001;

    private readonly Dictionary<string, (int Id, string? ProfileName)> customers = new(StringComparer.Ordinal);
    private readonly Dictionary<(int NumberId, int CustomerId), int> openConversations = new();

    /// <summary>Forgets remembered ids, e.g. after a failed batch whose inserts were rolled back.</summary>
    public void Forget()
    {
        customers.Clear();
        openConversations.Clear();
    }

    /// <summary>Stores <paramref name="rows"/> through <paramref name="sql"/>, a session in the batch's transaction.</summary>
    public async Task<List<InboundRowResult>> WriteAsync(Sql sql, IReadOnlyList<InboundRow> rows, CancellationToken ct)
    {
        if (customers.Count > MaxRemembered || openConversations.Count > MaxRemembered) Forget();
        var current = await CurrentRoutingAsync(sql, rows, ct);
        var results = new List<InboundRowResult>(rows.Count);
        foreach (var row in rows)
        {
            results.Add(!current.TryGetValue(row.Number.NumberId, out var workstreamId) ? InboundRowResult.Gone
                : workstreamId != row.Number.Workstream?.WorkstreamId ? InboundRowResult.Changed
                : await WriteAsync(sql, row, ct));
        }
        return results;
    }

    /// <summary>
    /// The batch's numbers that are still active on a connected account, each with the workstream it serves now. The
    /// webhook found them in a cache, which a delete of the channel, a removal of the number or a change of workstream
    /// may have overtaken. On PostgreSQL the batch first locks its accounts, then those numbers' workstreams, for share
    /// (each in id order, so two batches cannot deadlock) and keeps them until it commits: an admin change, which locks
    /// the account or workstream for update (<see cref="RowLocks"/>), either committed before this check or
    /// waits for the batch. On SQLite the transaction already holds the only write lock.
    /// </summary>
    private static async Task<Dictionary<int, int?>> CurrentRoutingAsync(Sql sql, IReadOnlyList<InboundRow> rows, CancellationToken ct)
    {
        var numbers = rows.Select(r => r.Number.NumberId).Distinct().Order().ToList();
        if (!sql.IsSqlite)
        {
            var accounts = rows.Select(r => r.AccountId).Distinct().Order().ToList();
            await sql.ExecuteAsync("""SELECT 1 FROM "Accounts" WHERE "Id" IN (@accounts) ORDER BY "Id" FOR SHARE""", new { accounts }, ct);
            await sql.ExecuteAsync(
                """SELECT 1 FROM "Workstreams" WHERE "Id" IN (SELECT "WorkstreamId" FROM "WhatsAppSetups" WHERE "NumberId" IN (@numbers)) ORDER BY "Id" FOR SHARE""",
                new { numbers }, ct);
            // One writer per customer at a time across instances: a customer's messages that land on two instances at
            // once must not both find no open conversation and both open one. The locks are taken in one order (of
            // the key), so two batches cannot deadlock on them; only inbound batches take them.
            var phones = rows.Select(r => r.Message.From.Value).Distinct(StringComparer.Ordinal).ToList();
            await sql.ExecuteAsync(
                """SELECT pg_advisory_xact_lock(@space, k) FROM (SELECT DISTINCT hashtext(p) AS k FROM unnest(ARRAY[@phones]) AS p ORDER BY k) AS keys""",
                new { space = CustomerLockSpace, phones }, ct);
        }
        var current = new Dictionary<int, int?>();
        foreach (var (numberId, workstreamId) in await sql.ListAsync(
                     """
                     SELECT n."Id", s."WorkstreamId" FROM "Numbers" AS n JOIN "Accounts" AS a ON a."Id" = n."AccountId"
                     LEFT JOIN "WhatsAppSetups" AS s ON s."NumberId" = n."Id"
                     WHERE n."Id" IN (@numbers) AND n."RetiredAt" IS NULL AND a."DeletedAt" IS NULL
                     """, new { numbers }, r => (r.GetInt32(0), r.GetNullableInt32(1)), ct))
        {
            current[numberId] = workstreamId;
        }
        return current;
    }

    private async Task<InboundRowResult> WriteAsync(Sql sql, InboundRow row, CancellationToken ct)
    {
        var m = row.Message;
        if (await sql.ScalarAsync<int?>("""SELECT 1 FROM "Messages" WHERE "TwilioSid" = @sid""", new { sid = m.MessageSid }, ct) is not null) return new InboundRowResult(true, 0, false, null, null, 0, null);

        var customerId = await CustomerAsync(sql, m, ct);
        var at = row.ReceivedAt;
        var windowEnds = ConversationRules.WindowEndsAt(row.ReceivedAt)!.Value;
        var key = (row.Number.NumberId, customerId);

        int? conversationId = null;
        int? queueId = null;
        string? agentId = null;
        var opened = false;
        var withBot = false;
        // The remembered conversation first; when it has closed meanwhile (or none is remembered), the open one in the
        // database, which another instance may have opened since.
        var cached = openConversations.TryGetValue(key, out var remembered);
        for (var look = cached ? 0 : 1; look < 2 && conversationId is null; look++)
        {
            if (look == 1)
            {
                remembered = await sql.ScalarAsync<int>(
                    """SELECT "Id" FROM "Conversations" WHERE "NumberId" = @numberId AND "CustomerId" = @customerId AND "Status" <> @closed ORDER BY "Id" DESC LIMIT 1""",
                    new { numberId = row.Number.NumberId, customerId, closed = ConversationStatus.Closed }, ct);
            }
            if (remembered == 0) continue;
            await using var reader = await sql.ReaderAsync(
                """
                UPDATE "Conversations" SET
                  "LastInboundAt" = CASE WHEN "LastInboundAt" > @at THEN "LastInboundAt" ELSE @at END,
                  "WindowEndsAt" = CASE WHEN "WindowEndsAt" > @windowEnds THEN "WindowEndsAt" ELSE @windowEnds END,
                  "LastMessageAt" = CASE WHEN "LastMessageAt" > @at THEN "LastMessageAt" ELSE @at END
                WHERE "Id" = @id AND "Status" <> @closed
                RETURNING "QueueId", "AssignedAgentId", "Status"
                """, new { at, windowEnds, id = remembered, closed = ConversationStatus.Closed }, ct);
            if (await reader.ReadAsync(ct))
            {
                conversationId = remembered;
                queueId = reader.IsDBNull(0) ? null : reader.GetInt32(0);
                agentId = reader.IsDBNull(1) ? null : reader.GetString(1);
                withBot = reader.GetInt32(2) == (int)ConversationStatus.WithBot;
            }
        }
        if (conversationId is null)
        {
            var workstream = row.Number.Workstream;
            // A choice that opens a conversation (a button of a template, tapped after the last one closed) goes where
            // its payload says, to the agents; any other first message by the keyword rules, and to the channel's bot
            // first when it has one (in the queue routing chose, where it goes at the hand-off).
            var choice = ChoiceRule(row);
            queueId = workstream is null
                ? null
                : choice?.QueueId
                  ?? Routing.WorkClassification.PickQueue(workstream.Rules, workstream.FallbackQueueId, new Routing.RoutingFacts(row.Number.NumberId, workstream.Language, m.Body));
            withBot = workstream is not null && workstream.Bot != Bots.BotMode.Off && choice is null;
            DateTimeOffset? queuedAt = withBot ? null : at;
            DateTimeOffset? botSince = withBot ? at : null;
            conversationId = await sql.ScalarAsync<int>(
                """
                INSERT INTO "Conversations" ("CustomerId", "NumberId", "WorkstreamId", "QueueId", "Status", "Language", "CreatedAt", "LastInboundAt", "WindowEndsAt", "LastMessageAt", "QueuedAt", "BotSince")
                VALUES (@customerId, @numberId, @workstreamId, @queueId, @status, @language, @at, @at, @windowEnds, @at, @queuedAt, @botSince) RETURNING "Id"
                """,
                new
                {
                    customerId, numberId = row.Number.NumberId, workstreamId = workstream?.WorkstreamId, queueId,
                    status = withBot ? ConversationStatus.WithBot : ConversationStatus.Waiting, language = workstream?.Language, at, windowEnds, queuedAt, botSince,
                }, ct);
            opened = true;
        }
        openConversations[key] = conversationId.Value;

        var messageId = await sql.ScalarAsync<long>(InsertMessage,
            new InsertedMessage(conversationId.Value, MessageDirection.Inbound, MessageKind.Text, m.Body, m.MessageSid, MessageStatus.Received, at, at, DispatchState.None, null), ct);
        if (m.Choice is not null || m.QuotedSid is not null)
        {
            // A quote points at the quoted message when it is in this conversation; the SID is kept either way.
            long? replyTo = m.QuotedSid is null ? null : await sql.ScalarAsync<long?>(
                """SELECT "Id" FROM "Messages" WHERE "TwilioSid" = @sid AND "ConversationId" = @conversationId""",
                new { sid = m.QuotedSid, conversationId = conversationId.Value }, ct);
            await sql.ExecuteAsync(
                """UPDATE "Messages" SET "ChoiceId" = @choiceId, "ChoiceTitle" = @choiceTitle, "QuotedSid" = @quoted, "ReplyToMessageId" = @replyTo WHERE "Id" = @messageId""",
                new { choiceId = m.Choice?.Payload, choiceTitle = m.Choice?.Title, quoted = m.QuotedSid, replyTo, messageId }, ct);
        }
        if (m.Location is { } location)
        {
            await sql.ExecuteAsync(
                """UPDATE "Messages" SET "Latitude" = @Latitude, "Longitude" = @Longitude, "LocationLabel" = @Label, "LocationAddress" = @Address WHERE "Id" = @messageId""",
                new { location.Latitude, location.Longitude, location.Label, location.Address, messageId }, ct);
        }

        // A shared contact card is a vCard file, but not an attachment the workstream can refuse: it is what the
        // customer's phone sends for "share contact", and the timeline shows it as a contact.
        var accepted = row.Number.Workstream?.CustomersCanSendAttachments == true;
        foreach (var media in m.Media)
        {
            await sql.ExecuteAsync(
                """INSERT INTO "MessageMedia" ("MessageId", "Index", "ContentType", "SourceUrl", "State", "Attempts") VALUES (@messageId, @Index, @ContentType, @Url, @state, 0)""",
                new { messageId, media.Index, media.ContentType, media.Url, state = accepted || VCard.IsContactCard(media.ContentType) ? MediaState.Pending : MediaState.Refused }, ct);
        }

        ChoiceMove? moved = null;
        if (!opened && ChoiceRule(row) is { } rule && rule.QueueId != queueId)
        {
            moved = await MoveByChoiceAsync(sql, conversationId.Value, rule.QueueId, queueId, agentId, m.Choice!.Title, withBot, at, ct);
            if (moved is not null) (queueId, agentId, withBot) = (rule.QueueId, null, false);
        }

        long? noticeId = null;
        if (m.Media.Any(media => !VCard.IsContactCard(media.ContentType)) && !accepted && row.Number.Workstream?.AttachmentsRefusedMessage is { } notice)
        {
            // The window was opened by this very message, so the notice goes out as a session message.
            noticeId = await sql.ScalarAsync<long>(InsertMessage,
                new InsertedMessage(conversationId.Value, MessageDirection.Outbound, MessageKind.Automated, notice, null, MessageStatus.Queued, at, null, DispatchState.Pending, at), ct);
        }
        return new InboundRowResult(false, conversationId.Value, opened, queueId, agentId, messageId, noticeId) { Moved = moved, WithBot = withBot };
    }

    /// <summary>The workstream's first rule (in order) that routes the message's choice, if the message is one.</summary>
    private static Routing.RoutingRule? ChoiceRule(InboundRow row) =>
        row.Message.Choice?.Payload is { } payload && row.Number.Workstream is { } workstream
            ? Routing.WorkClassification.PickByPayload(workstream.Rules, new Routing.RoutingFacts(row.Number.NumberId, workstream.Language, null), payload)
            : null;

    /// <summary>
    /// Sends the conversation back to waiting in <paramref name="queueId"/> as a transfer to a queue does (its agent's
    /// capacity is free at once), with a line in the timeline; null when it is no longer open or the queue is gone. From
    /// the bot, that is its hand-off to the agents, and the line says so.
    /// </summary>
    private async Task<ChoiceMove?> MoveByChoiceAsync(Sql sql, int conversationId, int queueId, int? previousQueueId, string? previousAgentId,
        string choiceTitle, bool fromBot, DateTimeOffset at, CancellationToken ct)
    {
        var queue = await sql.ScalarAsync<string?>("""SELECT "Name" FROM "Queues" WHERE "Id" = @queueId""", new { queueId }, ct);
        if (queue is null) return null;
        var changed = await sql.ExecuteAsync(
            """
            UPDATE "Conversations" SET "Status" = @waiting, "QueueId" = @queueId, "AssignedAgentId" = NULL, "AssignedAt" = NULL, "QueuedAt" = @at, "LastReadMessageId" = NULL
            WHERE "Id" = @conversationId AND "Status" <> @closed
            """, new { waiting = ConversationStatus.Waiting, queueId, at, conversationId, closed = ConversationStatus.Closed }, ct);
        if (changed == 0) return null;
        var line = SystemLines.New(conversationId, fromBot
            ? L.Line("Handed to the agents by the customer's choice “{1}”: routed to {0}", queue, choiceTitle)
            : L.Line("Routed to {0} by the customer's choice “{1}”", queue, choiceTitle), at);
        var lineId = await sql.ScalarAsync<long>(InsertMessage,
            new InsertedMessage(conversationId, line.Direction, line.Kind, line.Body, null, line.Status, at, null, line.Dispatch, null), ct);
        return new ChoiceMove(previousQueueId, previousAgentId, lineId);
    }

    private async Task<int> CustomerAsync(Sql sql, InboundMessage m, CancellationToken ct)
    {
        var phone = m.From.Value;
        if (customers.TryGetValue(phone, out var known))
        {
            if (m.ProfileName is not null && m.ProfileName != known.ProfileName)
            {
                await sql.ExecuteAsync("""UPDATE "Customers" SET "ProfileName" = @name WHERE "Id" = @id""", new { name = m.ProfileName, id = known.Id }, ct);
                customers[phone] = (known.Id, m.ProfileName);
            }
            return known.Id;
        }
        // Insert-or-update in one statement; RETURNING gives the id either way.
        var id = await sql.ScalarAsync<int>(
            """
            INSERT INTO "Customers" ("Phone", "ProfileName") VALUES (@phone, @name)
            ON CONFLICT ("Phone") DO UPDATE SET "ProfileName" = COALESCE(excluded."ProfileName", "Customers"."ProfileName") RETURNING "Id"
            """, new { phone, name = m.ProfileName }, ct);
        customers[phone] = (id, m.ProfileName);
        return id;
    }

    private const string InsertMessage =
        """
        INSERT INTO "Messages" ("ConversationId", "Direction", "Kind", "Body", "TwilioSid", "Status", "CreatedAt", "StatusAt", "Dispatch", "Attempts", "NextAttemptAt")
        VALUES (@ConversationId, @Direction, @Kind, @Body, @TwilioSid, @Status, @CreatedAt, @StatusAt, @Dispatch, 0, @NextAttemptAt) RETURNING "Id"
        """;

    private sealed record InsertedMessage(int ConversationId, MessageDirection Direction, MessageKind Kind, string? Body, string? TwilioSid, MessageStatus Status,
        DateTimeOffset CreatedAt, DateTimeOffset? StatusAt, DispatchState Dispatch, DateTimeOffset? NextAttemptAt);
}
