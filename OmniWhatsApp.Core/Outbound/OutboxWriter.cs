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

    private const string OrderKept =
        """
        NOT EXISTS (SELECT 1 FROM "Messages" AS e WHERE e."ConversationId" = "Messages"."ConversationId" AND e."Id" < "Messages"."Id"
                    AND (e."Dispatch" = @p2 OR e."Dispatch" = @p0))
        """;

    /// <summary>
    /// Stores a new outbound message (Pending) with its attachments and moves its conversation's last activity (and
    /// last reply, for a text or template), once the conversation is found (and its window open, if required) in the
    /// same transaction.
    /// </summary>
    public async Task<EnqueueResult> EnqueueAsync(SqlCommands sql, Message m, bool requireOpenWindow, Actor? sender, CancellationToken ct)
    {
        int numberId;
        int? queueId;
        string? agentId;
        await using (var reader = await sql.ReaderAsync(
            """SELECT "NumberId", "QueueId", "AssignedAgentId", "WindowEndsAt", "Status" FROM "Conversations" WHERE "Id" = @p0""", ct, m.ConversationId))
        {
            if (!await reader.ReadAsync(ct)) return new EnqueueResult(EnqueueOutcome.NoConversation);
            (numberId, queueId, agentId) = (reader.GetInt32(0), SqlCommands.NullableInt(reader, 1), SqlCommands.NullableString(reader, 2));
            // Decided on the conversation as this transaction reads it, so a transfer or close just before is seen.
            switch (ConversationRules.MaySend(sender, (ConversationStatus)reader.GetInt32(4), agentId))
            {
                case Permission.Closed: return new EnqueueResult(EnqueueOutcome.Closed);
                case Permission.NotHandler: return new EnqueueResult(EnqueueOutcome.NotAllowed);
            }
            if (requireOpenWindow && !ConversationRules.IsWindowOpen(SqlCommands.NullableInstant(reader, 3), m.CreatedAt)) return new EnqueueResult(EnqueueOutcome.WindowClosed);
        }

        var id = Convert.ToInt64(await sql.ScalarAsync(
            """
            INSERT INTO "Messages" ("ConversationId", "Direction", "Kind", "Body", "TwilioSid", "Status", "ErrorCode", "ErrorMessage", "CreatedAt", "StatusAt",
                                    "AuthorId", "TemplateId", "TemplateValues", "ContentSid", "Dispatch", "Attempts", "NextAttemptAt", "AttemptStartedAt")
            VALUES (@p0, @p1, @p2, @p3, NULL, @p4, NULL, NULL, @p5, NULL, @p6, @p7, @p8, @p9, @p10, 0, @p11, NULL) RETURNING "Id"
            """, ct,
            m.ConversationId, m.Direction, m.Kind, m.Body, m.Status, m.CreatedAt, m.AuthorId, m.TemplateId, m.TemplateValues, m.ContentSid, m.Dispatch, m.NextAttemptAt),
            System.Globalization.CultureInfo.InvariantCulture);
        foreach (var media in m.Media)
        {
            await sql.ExecuteAsync(
                """
                INSERT INTO "MessageMedia" ("MessageId", "Index", "ContentType", "SourceUrl", "FileName", "Size", "StoragePath", "State", "Attempts", "NextAttemptAt", "Error")
                VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, 0, NULL, NULL)
                """, ct, id, media.Index, media.ContentType, media.SourceUrl, media.FileName, media.Size, media.StoragePath, media.State);
        }
        // The inbox's "unanswered" compares the customer's last message with the team's last reply; an automated
        // message (greeting, agent assigned…) is not an answer. Both only ever move forward.
        await sql.ExecuteAsync(
            """
            UPDATE "Conversations"
            SET "LastMessageAt" = CASE WHEN "LastMessageAt" < @p0 THEN @p0 ELSE "LastMessageAt" END,
                "LastOutboundAt" = CASE WHEN @p2 AND ("LastOutboundAt" IS NULL OR "LastOutboundAt" < @p0) THEN @p0 ELSE "LastOutboundAt" END
            WHERE "Id" = @p1
            """, ct, m.CreatedAt, m.ConversationId, m.Kind is MessageKind.Text or MessageKind.Template);
        return new EnqueueResult(EnqueueOutcome.Stored, id, numberId, queueId, agentId);
    }

    /// <summary>
    /// Claims the messages that are still as the dispatcher read them and still due, in one statement for the usual
    /// case (Pending, no earlier attempt of unknown outcome) and one per message otherwise. A message whose
    /// conversation has an earlier message still waiting or in flight is not claimed, so order is kept even when a
    /// message was offered before its predecessor finished.
    /// </summary>
    public async Task<List<ClaimedMessage>> ClaimAsync(SqlCommands sql, IReadOnlyList<DueMessage> due, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken ct)
    {
        var byId = due.ToDictionary(d => d.Id);
        var attempts = new Dictionary<long, int>();

        var fresh = due.Where(d => d.Dispatch == DispatchState.Pending && d.AttemptStartedAt is null).Select(d => d.Id).ToList();
        if (fresh.Count > 0)
        {
            var values = new object?[] { InFlight, now, Pending }.Concat(fresh.Cast<object?>()).ToArray();
            await using var reader = await sql.ReaderAsync(
                $"""
                UPDATE "Messages" SET "Dispatch" = @p0, "Attempts" = "Attempts" + 1, "AttemptStartedAt" = @p1, "NextAttemptAt" = NULL
                WHERE "Id" IN ({SqlCommands.Parameters(3, fresh.Count)}) AND "Dispatch" = @p2 AND "AttemptStartedAt" IS NULL
                  AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= @p1)
                  AND {OrderKept}
                RETURNING "Id", "Attempts"
                """, ct, values);
            while (await reader.ReadAsync(ct)) attempts[reader.GetInt64(0)] = reader.GetInt32(1);
        }

        foreach (var d in due.Where(d => !(d.Dispatch == DispatchState.Pending && d.AttemptStartedAt is null)))
        {
            if (d.AttemptStartedAt is not { } previous) continue;
            await using var reader = await sql.ReaderAsync(
                $"""
                UPDATE "Messages" SET "Dispatch" = @p0, "Attempts" = "Attempts" + 1, "AttemptStartedAt" = @p1, "NextAttemptAt" = NULL
                WHERE "Id" = @p3 AND "Dispatch" = @p4 AND "AttemptStartedAt" = @p5
                  AND (("Dispatch" = @p2 AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= @p1)) OR ("Dispatch" = @p0 AND "AttemptStartedAt" < @p6))
                  AND {OrderKept}
                RETURNING "Id", "Attempts"
                """, ct, InFlight, now, Pending, d.Id, d.Dispatch, previous, staleBefore);
            while (await reader.ReadAsync(ct)) attempts[reader.GetInt64(0)] = reader.GetInt32(1);
        }

        if (attempts.Count == 0) return [];

        // What they are sent with, read in the same transaction.
        var claimed = attempts.Keys.Order().ToList();
        var contents = new Dictionary<long, SendContent>();
        await using (var reader = await sql.ReaderAsync(
            $"""
            SELECT m."Id", m."Body", m."ContentSid", m."TemplateValues",
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
            WHERE m."Id" IN ({SqlCommands.Parameters(0, claimed.Count)})
            """, ct, claimed.Cast<object?>().ToArray()))
        {
            while (await reader.ReadAsync(ct))
            {
                contents[reader.GetInt64(0)] = new SendContent(
                    Body: SqlCommands.NullableString(reader, 1),
                    ContentSid: SqlCommands.NullableString(reader, 2),
                    TemplateValues: SqlCommands.NullableString(reader, 3),
                    MediaId: reader.IsDBNull(4) ? null : reader.GetInt64(4),
                    MediaSourceUrl: SqlCommands.NullableString(reader, 5),
                    MediaStoragePath: SqlCommands.NullableString(reader, 6),
                    MediaCount: Convert.ToInt32(reader.GetValue(7), System.Globalization.CultureInfo.InvariantCulture),
                    CustomerPhone: reader.GetString(8),
                    NumberId: reader.GetInt32(9),
                    Number: reader.GetString(10),
                    NumberRetiredAt: SqlCommands.NullableInstant(reader, 11),
                    AccountId: reader.GetGuid(12),
                    AccountSid: reader.GetString(13),
                    ProtectedAuthToken: reader.GetString(14),
                    AccountDeletedAt: SqlCommands.NullableInstant(reader, 15));
            }
        }
        return claimed.Select(id => new ClaimedMessage(byId[id], attempts[id], now, contents[id])).ToList();
    }

    /// <summary>
    /// Twilio has the message: stores its SID if the claim still holds, applies the status Twilio reported, and
    /// marks its SID so callbacks that arrived before it are applied at the end of the batch.
    /// </summary>
    public async Task<bool> AcceptAsync(SqlCommands sql, long messageId, DateTimeOffset claim, TwilioMessage accepted, DateTimeOffset now, BatchEffects effects, CancellationToken ct)
    {
        var rows = await sql.ExecuteAsync(
            """
            UPDATE "Messages" SET "Dispatch" = @p0, "TwilioSid" = @p1, "AttemptStartedAt" = NULL, "NextAttemptAt" = NULL
            WHERE "Id" = @p2 AND "Dispatch" = @p3 AND "AttemptStartedAt" = @p4
            """, ct, DispatchState.Accepted, accepted.Sid, messageId, InFlight, claim);
        if (rows == 0)
        {
            logger.LogWarning("Message {MessageId} was taken over by another dispatcher before Twilio's SID {Sid} was stored", messageId, accepted.Sid);
            return false;
        }
        logger.LogInformation("Message {MessageId} accepted by Twilio as {Sid}", messageId, accepted.Sid);

        var row = (await ReadAsync(sql, """ WHERE m."Id" = @p0""", messageId, ct))!;
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

    /// <summary>Back to Pending with a backoff, if the claim still holds; <paramref name="keep"/> remembers an attempt of unknown outcome.</summary>
    public async Task<bool> RetryAsync(SqlCommands sql, long messageId, DateTimeOffset claim, DateTimeOffset nextAttemptAt, DateTimeOffset? keep, CancellationToken ct) =>
        await sql.ExecuteAsync(
            """
            UPDATE "Messages" SET "Dispatch" = @p0, "NextAttemptAt" = @p1, "AttemptStartedAt" = @p2
            WHERE "Id" = @p3 AND "Dispatch" = @p4 AND "AttemptStartedAt" = @p5
            """, ct, Pending, nextAttemptAt, keep, messageId, InFlight, claim) == 1;

    /// <summary>Failed for good, if the claim still holds: the outbox state and the message's status change together.</summary>
    public async Task<bool> FailAsync(SqlCommands sql, long messageId, DateTimeOffset claim, int? errorCode, string reason, DateTimeOffset now, BatchEffects effects, CancellationToken ct)
    {
        var rows = await sql.ExecuteAsync(
            """
            UPDATE "Messages" SET "Dispatch" = @p0, "NextAttemptAt" = NULL, "AttemptStartedAt" = NULL
            WHERE "Id" = @p1 AND "Dispatch" = @p2 AND "AttemptStartedAt" = @p3
            """, ct, DispatchState.Failed, messageId, InFlight, claim);
        if (rows == 0) return false;
        var row = (await ReadAsync(sql, """ WHERE m."Id" = @p0""", messageId, ct))!;
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
    public async Task RecordCallbackAsync(SqlCommands sql, Guid accountId, string sid, string status, int? errorCode, DateTimeOffset receivedAt, BatchEffects effects, CancellationToken ct)
    {
        var row = await ReadAsync(sql, """ WHERE m."TwilioSid" = @p0""", sid, ct);
        if (row is not null && row.AccountId != accountId)
        {
            logger.LogWarning("Status callback {Status} for {MessageSid} ignored: it came for account {AccountId}, the message belongs to another account", status, sid, accountId);
            return;
        }
        if (row is null)
        {
            await sql.ExecuteAsync(
                """
                INSERT INTO "StatusCallbacks" ("MessageSid", "Status", "ErrorCode", "ReceivedAt", "Applied", "AccountId") VALUES (@p0, @p1, @p2, @p3, @p4, @p5)
                ON CONFLICT ("MessageSid", "Status") DO NOTHING
                """, ct, sid, status, errorCode, receivedAt, false, accountId);
            logger.LogInformation("Status callback for {MessageSid} kept until the message is known", sid);
            effects.Recheck.Add(sid);
            return;
        }
        if (MessageStatuses.Parse(status) is { } parsed) await ApplyStatusAsync(sql, row, parsed, errorCode, null, receivedAt, effects, ct);
        // Stored as applied; a repeat of one that had to wait is applied now too.
        await sql.ExecuteAsync(
            """
            INSERT INTO "StatusCallbacks" ("MessageSid", "Status", "ErrorCode", "ReceivedAt", "Applied", "AccountId") VALUES (@p0, @p1, @p2, @p3, @p4, @p5)
            ON CONFLICT ("MessageSid", "Status") DO UPDATE SET "Applied" = excluded."Applied", "AccountId" = excluded."AccountId"
            """, ct, sid, status, errorCode, receivedAt, true, accountId);
    }

    /// <summary>
    /// Applies the stored, not yet applied callbacks of each SID in <see cref="BatchEffects.PendingSids"/>, oldest first:
    /// those that came on the URL of the message's account and are younger than <see cref="StatusCallbackRecord.PendingLifetime"/>.
    /// </summary>
    public async Task ApplyPendingAsync(SqlCommands sql, DateTimeOffset now, BatchEffects effects, CancellationToken ct)
    {
        foreach (var sid in effects.PendingSids)
        {
            var pending = new List<(long Id, string Status, int? ErrorCode, Guid? AccountId)>();
            await using (var reader = await sql.ReaderAsync(
                """
                SELECT "Id", "Status", "ErrorCode", "AccountId" FROM "StatusCallbacks"
                WHERE "MessageSid" = @p0 AND "Applied" = @p1 AND "ReceivedAt" >= @p2 ORDER BY "Id"
                """, ct, sid, false, now - StatusCallbackRecord.PendingLifetime))
            {
                while (await reader.ReadAsync(ct)) pending.Add((reader.GetInt64(0), reader.GetString(1), SqlCommands.NullableInt(reader, 2), reader.IsDBNull(3) ? null : reader.GetGuid(3)));
            }
            if (pending.Count == 0) continue;

            var row = await ReadAsync(sql, """ WHERE m."TwilioSid" = @p0""", sid, ct);
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
                await sql.ExecuteAsync("""UPDATE "StatusCallbacks" SET "Applied" = @p0 WHERE "Id" = @p1""", ct, true, callback.Id);
            }
        }
    }

    private DateTimeOffset nextExpiry = DateTimeOffset.MinValue;

    /// <summary>
    /// Removes the callbacks still waiting for their message <see cref="StatusCallbackRecord.PendingLifetime"/> after they
    /// arrived; looked for at most every ten minutes of <paramref name="now"/>, by the batch that comes then.
    /// </summary>
    public async Task ExpirePendingAsync(SqlCommands sql, DateTimeOffset now, CancellationToken ct)
    {
        if (now < nextExpiry) return;
        nextExpiry = now + TimeSpan.FromMinutes(10);
        var removed = await sql.ExecuteAsync("""DELETE FROM "StatusCallbacks" WHERE "Applied" = @p0 AND "ReceivedAt" < @p1""", ct,
            false, now - StatusCallbackRecord.PendingLifetime);
        if (removed > 0) logger.LogInformation("Removed {Count} status callbacks whose message was still unknown after {Lifetime}", removed, StatusCallbackRecord.PendingLifetime);
    }

    /// <summary>
    /// Moves the message to <paramref name="status"/> if that is forward (<see cref="MessageStatuses.CanMove"/>); a 63016
    /// failure also closes the conversation's window unless the customer has written since the message was created.
    /// The UPDATE names the status it replaces, so a change made meanwhile by another instance is read again and
    /// decided again rather than overwritten.
    /// </summary>
    private async Task<bool> ApplyStatusAsync(SqlCommands sql, MessageRow row, MessageStatus status, int? errorCode, string? twilioMessage,
        DateTimeOffset now, BatchEffects effects, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (!MessageStatuses.CanMove(row.Status, status)) return false;
            var failure = status.IsFinalFailure();
            var message = failure ? TwilioErrorCodes.Describe(L, errorCode, twilioMessage) : null;
            var rows = failure
                ? await sql.ExecuteAsync(
                    """UPDATE "Messages" SET "Status" = @p0, "StatusAt" = @p1, "ErrorCode" = @p2, "ErrorMessage" = @p3 WHERE "Id" = @p4 AND "Status" = @p5""", ct,
                    status, now, errorCode, message, row.Id, row.Status)
                : await sql.ExecuteAsync(
                    """UPDATE "Messages" SET "Status" = @p0, "StatusAt" = @p1 WHERE "Id" = @p2 AND "Status" = @p3""", ct,
                    status, now, row.Id, row.Status);
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
            var fresh = await ReadAsync(sql, """ WHERE m."Id" = @p0""", row.Id, ct)
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
                UPDATE "Conversations" SET "WindowEndsAt" = @p0
                WHERE "Id" = @p1 AND "WindowEndsAt" > @p0 AND ("LastInboundAt" IS NULL OR "LastInboundAt" <= @p2)
                """, ct, now, row.ConversationId, row.CreatedAt);
            if (closed == 1)
            {
                row.WindowEndsAt = now;
                effects.Events.Add(new WindowClosed(row.ConversationId, row.QueueId, row.AgentId, now));
            }
        }
        return true;
    }

    /// <summary>The conversation's next message, if it is now due: offered to the dispatcher after the commit.</summary>
    private static async Task NextInConversationAsync(SqlCommands sql, MessageRow row, DateTimeOffset now, BatchEffects effects, CancellationToken ct)
    {
        await using var reader = await sql.ReaderAsync(
            """
            SELECT m."Id", c."NumberId", m."Dispatch", m."AttemptStartedAt", m."NextAttemptAt"
            FROM "Messages" AS m JOIN "Conversations" AS c ON c."Id" = m."ConversationId"
            WHERE m."ConversationId" = @p0 AND m."Id" > @p1 AND (m."Dispatch" = @p2 OR m."Dispatch" = @p3)
            ORDER BY m."Id" LIMIT 1
            """, ct, row.ConversationId, row.Id, Pending, InFlight);
        if (!await reader.ReadAsync(ct)) return;
        var dispatch = (DispatchState)reader.GetInt32(2);
        var nextAttemptAt = SqlCommands.NullableInstant(reader, 4);
        if (dispatch == DispatchState.Pending && !(nextAttemptAt > now))
        {
            effects.Due.Add(new DueMessage(reader.GetInt64(0), reader.GetInt32(1), dispatch, SqlCommands.NullableInstant(reader, 3)));
        }
    }

    private static async Task<MessageRow?> ReadAsync(SqlCommands sql, string where, object key, CancellationToken ct)
    {
        await using var reader = await sql.ReaderAsync(SelectRow + where, ct, key);
        if (!await reader.ReadAsync(ct)) return null;
        return new MessageRow
        {
            Id = reader.GetInt64(0),
            ConversationId = reader.GetInt32(1),
            Status = (MessageStatus)reader.GetInt32(2),
            CreatedAt = SqlCommands.Instant(reader, 3),
            ErrorCode = SqlCommands.NullableInt(reader, 4),
            ErrorMessage = SqlCommands.NullableString(reader, 5),
            QueueId = SqlCommands.NullableInt(reader, 6),
            AgentId = SqlCommands.NullableString(reader, 7),
            WindowEndsAt = SqlCommands.NullableInstant(reader, 8),
            LastInboundAt = SqlCommands.NullableInstant(reader, 9),
            AccountId = reader.GetGuid(10),
        };
    }
}
