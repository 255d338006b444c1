using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.Outbound;

/// <summary>What one batch changed, acted on once it is committed.</summary>
internal sealed class BatchEffects
{
    /// <summary>Events to publish after the commit, in order.</summary>
    public List<ConversationEvent> Events { get; } = [];

    /// <summary>Messages that became due in this batch (the next of a conversation whose send finished).</summary>
    public List<DueMessage> Due { get; } = [];

    /// <summary>SIDs whose stored, not yet applied callbacks are applied at the end of the batch.</summary>
    public HashSet<string> PendingSids { get; } = new(StringComparer.Ordinal);

    /// <summary>SIDs stored by this batch, and SIDs with callbacks for a message not known yet: looked at again after the commit.</summary>
    public HashSet<string> Recheck { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The SQL of <see cref="OutboxStore"/>: every outbox and status write, on the batch's connection and transaction,
/// in the dialect SQLite and PostgreSQL share. Every change to a message that a dispatcher of another instance or
/// another callback could race with is a conditional UPDATE on the state it expects (the claim, the status it read),
/// so nothing depends on this process being the only writer.
/// </summary>
internal sealed class OutboxWriter(IStringLocalizer<Strings> L, ILogger logger)
{
    private const int Pending = (int)DispatchState.Pending;
    private const int InFlight = (int)DispatchState.InFlight;

    /// <summary>A message row with what status changes and their events need.</summary>
    private sealed class MessageRow
    {
        public long Id;
        public int ConversationId;
        public MessageStatus Status;
        public DateTimeOffset CreatedAt;
        public int? ErrorCode;
        public string? ErrorMessage;
        public int? QueueId;
        public string? AgentId;
        public DateTimeOffset? WindowEndsAt;
        public DateTimeOffset? LastInboundAt;
        public Guid AccountId;
    }

    private const string SelectRow =
        """
        SELECT m."Id", m."ConversationId", m."Status", m."CreatedAt", m."ErrorCode", m."ErrorMessage",
               c."QueueId", c."AssignedAgentId", c."WindowEndsAt", c."LastInboundAt", n."AccountId"
        FROM "Messages" AS m JOIN "Conversations" AS c ON c."Id" = m."ConversationId" JOIN "Numbers" AS n ON n."Id" = c."NumberId"
        """;

    /// <summary>No earlier message of the conversation is waiting or in flight (binds @pending and @inFlight).</summary>
    private const string OrderKept =
        """
        NOT EXISTS (SELECT 1 FROM "Messages" AS e WHERE e."ConversationId" = "Messages"."ConversationId" AND e."Id" < "Messages"."Id"
                    AND (e."Dispatch" = @pending OR e."Dispatch" = @inFlight))
        """;

    /// <summary>
    /// Stores a new outbound message (Pending) with its attachments and moves its conversation's last activity (and
    /// last reply, for a text or template), once the conversation is found (and its window open, if required) in the
    /// same transaction.
    /// </summary>
    public async Task<EnqueueResult> EnqueueAsync(Sql sql, Message m, bool requireOpenWindow, Actor? sender, CancellationToken ct)
    {
        int numberId;
        int? queueId;
        string? agentId;
        await using (var reader = await sql.ReaderAsync(
            """SELECT "NumberId", "QueueId", "AssignedAgentId", "WindowEndsAt", "Status" FROM "Conversations" WHERE "Id" = @id""", new { id = m.ConversationId }, ct))
        {
            if (!await reader.ReadAsync(ct)) return new EnqueueResult(EnqueueOutcome.NoConversation);
            (numberId, queueId, agentId) = (reader.GetInt32(0), reader.GetNullableInt32(1), reader.GetNullableString(2));
            // Decided on the conversation as this transaction reads it, so a transfer or close just before is seen.
            switch (ConversationRules.MaySend(sender, (ConversationStatus)reader.GetInt32(4), agentId))
            {
                case Permission.Closed: return new EnqueueResult(EnqueueOutcome.Closed);
                case Permission.NotHandler: return new EnqueueResult(EnqueueOutcome.NotAllowed);
            }
            if (requireOpenWindow && !ConversationRules.IsWindowOpen(reader.GetNullableInstant(3), m.CreatedAt)) return new EnqueueResult(EnqueueOutcome.WindowClosed);
        }

        var id = await sql.ScalarAsync<long>(
            """
            INSERT INTO "Messages" ("ConversationId", "Direction", "Kind", "Body", "TwilioSid", "Status", "ErrorCode", "ErrorMessage", "CreatedAt", "StatusAt",
                                    "AuthorId", "TemplateId", "TemplateValues", "ContentSid", "Dispatch", "Attempts", "NextAttemptAt", "AttemptStartedAt",
                                    "RichContent", "ReplyToMessageId")
            VALUES (@ConversationId, @Direction, @Kind, @Body, NULL, @Status, NULL, NULL, @CreatedAt, NULL,
                    @AuthorId, @TemplateId, @TemplateValues, @ContentSid, @Dispatch, 0, @NextAttemptAt, NULL,
                    @RichContent, @ReplyToMessageId) RETURNING "Id"
            """,
            new { m.ConversationId, m.Direction, m.Kind, m.Body, m.Status, m.CreatedAt, m.AuthorId, m.TemplateId, m.TemplateValues, m.ContentSid, m.Dispatch, m.NextAttemptAt,
                  m.RichContent, m.ReplyToMessageId }, ct);
        foreach (var media in m.Media)
        {
            await sql.ExecuteAsync(
                """
                INSERT INTO "MessageMedia" ("MessageId", "Index", "ContentType", "SourceUrl", "FileName", "Size", "StoragePath", "State", "Attempts", "NextAttemptAt", "Error")
                VALUES (@id, @Index, @ContentType, @SourceUrl, @FileName, @Size, @StoragePath, @State, 0, NULL, NULL)
                """, new { id, media.Index, media.ContentType, media.SourceUrl, media.FileName, media.Size, media.StoragePath, media.State }, ct);
        }
        // The inbox's "unanswered" compares the customer's last message with the team's last reply; an automated
        // message (greeting, agent assigned…) is not an answer. Both only ever move forward.
        await sql.ExecuteAsync(
            """
            UPDATE "Conversations"
            SET "LastMessageAt" = CASE WHEN "LastMessageAt" < @at THEN @at ELSE "LastMessageAt" END,
                "LastOutboundAt" = CASE WHEN @reply AND ("LastOutboundAt" IS NULL OR "LastOutboundAt" < @at) THEN @at ELSE "LastOutboundAt" END
            WHERE "Id" = @id
            """, new { at = m.CreatedAt, id = m.ConversationId, reply = m.Kind is MessageKind.Text or MessageKind.Template }, ct);
        return new EnqueueResult(EnqueueOutcome.Stored, id, numberId, queueId, agentId);
    }

    /// <summary>
    /// Claims the messages that are still as the dispatcher read them and still due, in one statement for the usual
    /// case (Pending, no earlier attempt of unknown outcome) and one per message otherwise. A message whose
    /// conversation has an earlier message still waiting or in flight is not claimed, so order is kept even when a
    /// message was offered before its predecessor finished.
    /// </summary>
    public async Task<List<ClaimedMessage>> ClaimAsync(Sql sql, IReadOnlyList<DueMessage> due, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken ct)
    {
        var byId = due.ToDictionary(d => d.Id);
        var attempts = new Dictionary<long, int>();

        var fresh = due.Where(d => d.Dispatch == DispatchState.Pending && d.AttemptStartedAt is null).Select(d => d.Id).ToList();
        if (fresh.Count > 0)
        {
            await using var reader = await sql.ReaderAsync(
                $"""
                UPDATE "Messages" SET "Dispatch" = @inFlight, "Attempts" = "Attempts" + 1, "AttemptStartedAt" = @now, "NextAttemptAt" = NULL
                WHERE "Id" IN ({Unlocked(sql, "@fresh", FreshState)}) AND "Dispatch" = @pending AND "AttemptStartedAt" IS NULL
                  AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= @now)
                  AND {OrderKept}
                RETURNING "Id", "Attempts"
                """, new { inFlight = InFlight, now, pending = Pending, fresh }, ct);
            while (await reader.ReadAsync(ct)) attempts[reader.GetInt64(0)] = reader.GetInt32(1);
        }

        foreach (var d in due.Where(d => !(d.Dispatch == DispatchState.Pending && d.AttemptStartedAt is null)))
        {
            if (d.AttemptStartedAt is not { } previous) continue;
            await using var reader = await sql.ReaderAsync(
                $"""
                UPDATE "Messages" SET "Dispatch" = @inFlight, "Attempts" = "Attempts" + 1, "AttemptStartedAt" = @now, "NextAttemptAt" = NULL
                WHERE "Id" IN ({Unlocked(sql, "@id", AsReadState)}) AND "Dispatch" = @dispatch AND "AttemptStartedAt" = @previous
                  AND (("Dispatch" = @pending AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= @now)) OR ("Dispatch" = @inFlight AND "AttemptStartedAt" < @staleBefore))
                  AND {OrderKept}
                RETURNING "Id", "Attempts"
                """, new { inFlight = InFlight, now, pending = Pending, id = d.Id, dispatch = d.Dispatch, previous, staleBefore }, ct);
            while (await reader.ReadAsync(ct)) attempts[reader.GetInt64(0)] = reader.GetInt32(1);
        }

        if (attempts.Count == 0) return [];

        // What they are sent with, read in the same transaction.
        var claimed = attempts.Keys.Order().ToList();
        var contents = new Dictionary<long, SendContent>();
        await using (var reader = await sql.ReaderAsync(
            """
            SELECT m."Id", m."Body", m."ContentSid", m."TemplateValues", m."RichContent",
                   (SELECT x."Id" FROM "MessageMedia" AS x WHERE x."MessageId" = m."Id" ORDER BY x."Index" LIMIT 1),
                   (SELECT x."SourceUrl" FROM "MessageMedia" AS x WHERE x."MessageId" = m."Id" ORDER BY x."Index" LIMIT 1),
                   (SELECT x."StoragePath" FROM "MessageMedia" AS x WHERE x."MessageId" = m."Id" ORDER BY x."Index" LIMIT 1),
                   (SELECT COUNT(*) FROM "MessageMedia" AS x WHERE x."MessageId" = m."Id"),
                   cu."Phone", n."Id", n."Number", n."RetiredAt", a."Id", a."AccountSid", a."ProtectedAuthToken", a."DeletedAt"
            FROM "Messages" AS m
            JOIN "Conversations" AS c ON c."Id" = m."ConversationId"
            JOIN "Customers" AS cu ON cu."Id" = c."CustomerId"
            JOIN "Numbers" AS n ON n."Id" = c."NumberId"
            JOIN "Accounts" AS a ON a."Id" = n."AccountId"
            WHERE m."Id" IN (@claimed)
            """, new { claimed }, ct))
        {
            while (await reader.ReadAsync(ct))
            {
                contents[reader.GetInt64(0)] = new SendContent(
                    Body: reader.GetNullableString(1),
                    ContentSid: reader.GetNullableString(2),
                    TemplateValues: reader.GetNullableString(3),
                    MediaId: reader.IsDBNull(5) ? null : reader.GetInt64(5),
                    MediaSourceUrl: reader.GetNullableString(6),
                    MediaStoragePath: reader.GetNullableString(7),
                    MediaCount: Convert.ToInt32(reader.GetValue(8), System.Globalization.CultureInfo.InvariantCulture),
                    CustomerPhone: reader.GetString(9),
                    NumberId: reader.GetInt32(10),
                    Number: reader.GetString(11),
                    NumberRetiredAt: reader.GetNullableInstant(12),
                    AccountId: reader.GetGuid(13),
                    AccountSid: reader.GetString(14),
                    ProtectedAuthToken: reader.GetString(15),
                    AccountDeletedAt: reader.GetNullableInstant(16),
                    RichContent: reader.GetNullableString(4));
            }
        }
        return claimed.Select(id => new ClaimedMessage(byId[id], attempts[id], now, contents[id])).ToList();
    }

    /// <summary>
    /// Twilio has the message: stores its SID if the claim still holds, applies the status Twilio reported, and
    /// marks its SID so callbacks that arrived before it are applied at the end of the batch.
    /// </summary>
    public async Task<bool> AcceptAsync(Sql sql, long messageId, DateTimeOffset claim, TwilioMessage accepted, DateTimeOffset now, BatchEffects effects, CancellationToken ct)
    {
        var rows = await sql.ExecuteAsync(
            """
            UPDATE "Messages" SET "Dispatch" = @accepted, "TwilioSid" = @sid, "AttemptStartedAt" = NULL, "NextAttemptAt" = NULL
            WHERE "Id" = @messageId AND "Dispatch" = @inFlight AND "AttemptStartedAt" = @claim
            """, new { accepted = DispatchState.Accepted, sid = accepted.Sid, messageId, inFlight = InFlight, claim }, ct);
        if (rows == 0)
        {
            logger.LogWarning("Message {MessageId} was taken over by another dispatcher before Twilio's SID {Sid} was stored", messageId, accepted.Sid);
            return false;
        }
        logger.LogInformation("Message {MessageId} accepted by Twilio as {Sid}", messageId, accepted.Sid);

        var row = (await ReadAsync(sql, """ WHERE m."Id" = @key""", messageId, ct))!;
        // Twilio's status: queued for a new message, possibly further on (or failed) for one adopted after a restart,
        // whose callbacks may have been lost while the app was down.
        var moved = MessageStatuses.Parse(accepted.Status) is { } status
            && await ApplyStatusAsync(sql, row, status, accepted.ErrorCode, accepted.ErrorMessage, now, effects, ct);
        if (!moved)
        {
            // The status did not move (still queued), but the message now has its SID: tell the views.
            effects.Events.Add(new MessageStatusChanged(row.ConversationId, row.QueueId, row.AgentId, now, row.Id, row.Status, row.ErrorCode, row.ErrorMessage));
        }
        effects.PendingSids.Add(accepted.Sid);
        effects.Recheck.Add(accepted.Sid);
        await NextInConversationAsync(sql, row, now, effects, ct);
        return true;
    }

    /// <summary>The Content SID created for a rich message, stored if the claim still holds.</summary>
    public async Task<bool> RememberContentAsync(Sql sql, long messageId, DateTimeOffset claim, string contentSid, CancellationToken ct) =>
        await sql.ExecuteAsync(
            """
            UPDATE "Messages" SET "ContentSid" = @contentSid
            WHERE "Id" = @messageId AND "Dispatch" = @inFlight AND "AttemptStartedAt" = @claim
            """, new { contentSid, messageId, inFlight = InFlight, claim }, ct) == 1;

    /// <summary>Back to Pending with a backoff, if the claim still holds; <paramref name="keep"/> remembers an attempt of unknown outcome.</summary>
    public async Task<bool> RetryAsync(Sql sql, long messageId, DateTimeOffset claim, DateTimeOffset nextAttemptAt, DateTimeOffset? keep, CancellationToken ct) =>
        await sql.ExecuteAsync(
            """
            UPDATE "Messages" SET "Dispatch" = @pending, "NextAttemptAt" = @nextAttemptAt, "AttemptStartedAt" = @keep
            WHERE "Id" = @messageId AND "Dispatch" = @inFlight AND "AttemptStartedAt" = @claim
            """, new { pending = Pending, nextAttemptAt, keep, messageId, inFlight = InFlight, claim }, ct) == 1;

    /// <summary>Failed for good, if the claim still holds: the outbox state and the message's status change together.</summary>
    public async Task<bool> FailAsync(Sql sql, long messageId, DateTimeOffset claim, int? errorCode, string reason, DateTimeOffset now, BatchEffects effects, CancellationToken ct)
    {
        var rows = await sql.ExecuteAsync(
            """
            UPDATE "Messages" SET "Dispatch" = @failed, "NextAttemptAt" = NULL, "AttemptStartedAt" = NULL
            WHERE "Id" = @messageId AND "Dispatch" = @inFlight AND "AttemptStartedAt" = @claim
            """, new { failed = DispatchState.Failed, messageId, inFlight = InFlight, claim }, ct);
        if (rows == 0) return false;
        var row = (await ReadAsync(sql, """ WHERE m."Id" = @key""", messageId, ct))!;
        // A status the send itself produced goes through the same rule as status callbacks: forward only, 63016 closes the window.
        await ApplyStatusAsync(sql, row, MessageStatus.Failed, errorCode, reason, now, effects, ct);
        await NextInConversationAsync(sql, row, now, effects, ct);
        return true;
    }

    /// <summary>
    /// Stores a status callback once per (MessageSid, Status) and applies it at once if its message is known.
    /// Callbacks that came before their message's SID was stored are applied when it is (<see cref="AcceptAsync"/>),
    /// so a known message has none waiting; one that another instance is storing at this very moment is caught by
    /// the look after the commit (<see cref="BatchEffects.Recheck"/>). A callback that came in on the URL of another
    /// account than the message's is ignored: one account's token must not move another account's messages; so one that
    /// has to wait keeps its account, and is applied only to a message of that account.
    /// </summary>
    public async Task RecordCallbackAsync(Sql sql, Guid accountId, string sid, string status, int? errorCode, DateTimeOffset receivedAt, BatchEffects effects, CancellationToken ct)
    {
        var row = await ReadAsync(sql, """ WHERE m."TwilioSid" = @key""", sid, ct);
        if (row is not null && row.AccountId != accountId)
        {
            logger.LogWarning("Status callback {Status} for {MessageSid} ignored: it came for account {AccountId}, the message belongs to another account", status, sid, accountId);
            return;
        }
        if (row is null)
        {
            await sql.ExecuteAsync(
                """
                INSERT INTO "StatusCallbacks" ("MessageSid", "Status", "ErrorCode", "ReceivedAt", "Applied", "AccountId")
                VALUES (@sid, @status, @errorCode, @receivedAt, @applied, @accountId)
                ON CONFLICT ("MessageSid", "Status") DO NOTHING
                """, new { sid, status, errorCode, receivedAt, applied = false, accountId }, ct);
            logger.LogInformation("Status callback for {MessageSid} kept until the message is known", sid);
            effects.Recheck.Add(sid);
            return;
        }
        if (MessageStatuses.Parse(status) is { } parsed) await ApplyStatusAsync(sql, row, parsed, errorCode, null, receivedAt, effects, ct);
        // Stored as applied; a repeat of one that had to wait is applied now too.
        await sql.ExecuteAsync(
            """
            INSERT INTO "StatusCallbacks" ("MessageSid", "Status", "ErrorCode", "ReceivedAt", "Applied", "AccountId")
            VALUES (@sid, @status, @errorCode, @receivedAt, @applied, @accountId)
            ON CONFLICT ("MessageSid", "Status") DO UPDATE SET "Applied" = excluded."Applied", "AccountId" = excluded."AccountId"
            """, new { sid, status, errorCode, receivedAt, applied = true, accountId }, ct);
    }

    /// <summary>
    /// Applies the stored, not yet applied callbacks of each SID in <see cref="BatchEffects.PendingSids"/>, oldest first:
    /// those that came on the URL of the message's account and are younger than <see cref="StatusCallbackRecord.PendingLifetime"/>.
    /// </summary>
    public async Task ApplyPendingAsync(Sql sql, DateTimeOffset now, BatchEffects effects, CancellationToken ct)
    {
        foreach (var sid in effects.PendingSids)
        {
            var pending = new List<(long Id, string Status, int? ErrorCode, Guid? AccountId)>();
            await using (var reader = await sql.ReaderAsync(
                """
                SELECT "Id", "Status", "ErrorCode", "AccountId" FROM "StatusCallbacks"
                WHERE "MessageSid" = @sid AND "Applied" = @applied AND "ReceivedAt" >= @since ORDER BY "Id"
                """, new { sid, applied = false, since = now - StatusCallbackRecord.PendingLifetime }, ct))
            {
                while (await reader.ReadAsync(ct)) pending.Add((reader.GetInt64(0), reader.GetString(1), reader.GetNullableInt32(2), reader.GetNullableGuid(3)));
            }
            if (pending.Count == 0) continue;

            var row = await ReadAsync(sql, """ WHERE m."TwilioSid" = @key""", sid, ct);
            if (row is null)
            {
                logger.LogInformation("Status callback for {MessageSid} kept until the message is known", sid);
                effects.Recheck.Add(sid);
                continue;
            }
            foreach (var callback in pending)
            {
                if (callback.AccountId != row.AccountId)
                {
                    // Left as it is: it expires with the others that never find their message.
                    logger.LogWarning("Status callback {Status} for {MessageSid} not applied: it came for account {AccountId}, the message belongs to another account",
                        callback.Status, sid, callback.AccountId);
                    continue;
                }
                if (MessageStatuses.Parse(callback.Status) is { } status) await ApplyStatusAsync(sql, row, status, callback.ErrorCode, null, now, effects, ct);
                await sql.ExecuteAsync("""UPDATE "StatusCallbacks" SET "Applied" = @applied WHERE "Id" = @id""", new { applied = true, id = callback.Id }, ct);
            }
        }
    }

    private DateTimeOffset nextExpiry = DateTimeOffset.MinValue;

    /// <summary>
    /// Removes the callbacks still waiting for their message <see cref="StatusCallbackRecord.PendingLifetime"/> after they
    /// arrived; looked for at most every ten minutes of <paramref name="now"/>, by the batch that comes then.
    /// </summary>
    public async Task ExpirePendingAsync(Sql sql, DateTimeOffset now, CancellationToken ct)
    {
        if (now < nextExpiry) return;
        nextExpiry = now + TimeSpan.FromMinutes(10);
        var removed = await sql.ExecuteAsync("""DELETE FROM "StatusCallbacks" WHERE "Applied" = @applied AND "ReceivedAt" < @before""",
            new { applied = false, before = now - StatusCallbackRecord.PendingLifetime }, ct);
        if (removed > 0) logger.LogInformation("Removed {Count} status callbacks whose message was still unknown after {Lifetime}", removed, StatusCallbackRecord.PendingLifetime);
    }

    /// <summary>
    /// Moves the message to <paramref name="status"/> if that is forward (<see cref="MessageStatuses.CanMove"/>); a 63016
    /// failure also closes the conversation's window unless the customer has written since the message was created.
    /// The UPDATE names the status it replaces, so a change made meanwhile by another instance is read again and
    /// decided again rather than overwritten.
    /// </summary>
    private async Task<bool> ApplyStatusAsync(Sql sql, MessageRow row, MessageStatus status, int? errorCode, string? twilioMessage,
        DateTimeOffset now, BatchEffects effects, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (!MessageStatuses.CanMove(row.Status, status)) return false;
            var failure = status.IsFinalFailure();
            var message = failure ? TwilioErrorCodes.Describe(L, errorCode, twilioMessage) : null;
            var rows = failure
                ? await sql.ExecuteAsync(
                    """UPDATE "Messages" SET "Status" = @status, "StatusAt" = @now, "ErrorCode" = @errorCode, "ErrorMessage" = @message WHERE "Id" = @id AND "Status" = @was""",
                    new { status, now, errorCode, message, id = row.Id, was = row.Status }, ct)
                : await sql.ExecuteAsync(
                    """UPDATE "Messages" SET "Status" = @status, "StatusAt" = @now WHERE "Id" = @id AND "Status" = @was""",
                    new { status, now, id = row.Id, was = row.Status }, ct);
            if (rows == 1)
            {
                row.Status = status;
                if (failure)
                {
                    row.ErrorCode = errorCode;
                    row.ErrorMessage = message;
                }
                break;
            }
            if (attempt == 3) throw new InvalidOperationException($"The status of message {row.Id} kept changing while it was being updated.");
            var fresh = await ReadAsync(sql, """ WHERE m."Id" = @key""", row.Id, ct)
                ?? throw new InvalidOperationException($"Message {row.Id} disappeared while its status was being updated.");
            (row.Status, row.ErrorCode, row.ErrorMessage, row.WindowEndsAt, row.LastInboundAt) = (fresh.Status, fresh.ErrorCode, fresh.ErrorMessage, fresh.WindowEndsAt, fresh.LastInboundAt);
        }

        effects.Events.Add(new MessageStatusChanged(row.ConversationId, row.QueueId, row.AgentId, now, row.Id, row.Status, row.ErrorCode, row.ErrorMessage));
        // A late 63016 closes the window only if the customer has not written since the message was created.
        if (status.IsFinalFailure() && errorCode == TwilioErrorCodes.OutsideWindow
            && ConversationRules.IsWindowOpen(row.WindowEndsAt, now) && !(row.LastInboundAt > row.CreatedAt))
        {
            var closed = await sql.ExecuteAsync(
                """
                UPDATE "Conversations" SET "WindowEndsAt" = @now
                WHERE "Id" = @id AND "WindowEndsAt" > @now AND ("LastInboundAt" IS NULL OR "LastInboundAt" <= @createdAt)
                """, new { now, id = row.ConversationId, createdAt = row.CreatedAt }, ct);
            if (closed == 1)
            {
                row.WindowEndsAt = now;
                effects.Events.Add(new WindowClosed(row.ConversationId, row.QueueId, row.AgentId, now));
            }
        }
        return true;
    }

    /// <summary>
    /// The messages among <paramref name="ids"/> still in the state the claim expects (<paramref name="state"/>, on alias
    /// l) that no other transaction holds. On PostgreSQL a claim skips a row that
    /// another dispatcher (another instance's writer) is claiming or changing at this moment, rather than waiting for
    /// it: waiting would only find it changed, and two writers claiming overlapping groups in different orders would
    /// deadlock. A skipped message that is still due is offered again by the next look at the database. SQLite has
    /// one writer: nothing to skip.
    /// </summary>
    private const string FreshState = """l."Dispatch" = @pending AND l."AttemptStartedAt" IS NULL""";
    private const string AsReadState = """l."Dispatch" = @dispatch AND l."AttemptStartedAt" = @previous""";

    private static string Unlocked(Sql sql, string ids, string state) =>
        sql.IsSqlite ? ids : $"""SELECT l."Id" FROM "Messages" AS l WHERE l."Id" IN ({ids}) AND {state} ORDER BY l."Id" FOR UPDATE SKIP LOCKED""";

    /// <summary>The conversation's next message, if it is now due: offered to the dispatcher after the commit.</summary>
    private static async Task NextInConversationAsync(Sql sql, MessageRow row, DateTimeOffset now, BatchEffects effects, CancellationToken ct)
    {
        await using var reader = await sql.ReaderAsync(
            """
            SELECT m."Id", c."NumberId", m."Dispatch", m."AttemptStartedAt", m."NextAttemptAt"
            FROM "Messages" AS m JOIN "Conversations" AS c ON c."Id" = m."ConversationId"
            WHERE m."ConversationId" = @conversationId AND m."Id" > @id AND (m."Dispatch" = @pending OR m."Dispatch" = @inFlight)
            ORDER BY m."Id" LIMIT 1
            """, new { conversationId = row.ConversationId, id = row.Id, pending = Pending, inFlight = InFlight }, ct);
        if (!await reader.ReadAsync(ct)) return;
        var dispatch = (DispatchState)reader.GetInt32(2);
        var nextAttemptAt = reader.GetNullableInstant(4);
        if (dispatch == DispatchState.Pending && !(nextAttemptAt > now))
        {
            effects.Due.Add(new DueMessage(reader.GetInt64(0), reader.GetInt32(1), dispatch, reader.GetNullableInstant(3)));
        }
    }

    /// <summary>The message row <paramref name="where"/> finds, by @key.</summary>
    private static async Task<MessageRow?> ReadAsync<T>(Sql sql, string where, T key, CancellationToken ct)
    {
        await using var reader = await sql.ReaderAsync(SelectRow + where, new { key }, ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new MessageRow
        {
            Id = reader.GetInt64(0),
            ConversationId = reader.GetInt32(1),
            Status = (MessageStatus)reader.GetInt32(2),
            CreatedAt = reader.GetInstant(3),
            ErrorCode = reader.GetNullableInt32(4),
            ErrorMessage = reader.GetNullableString(5),
            QueueId = reader.GetNullableInt32(6),
            AgentId = reader.GetNullableString(7),
            WindowEndsAt = reader.GetNullableInstant(8),
            LastInboundAt = reader.GetNullableInstant(9),
            AccountId = reader.GetGuid(10),
        };
    }
}
