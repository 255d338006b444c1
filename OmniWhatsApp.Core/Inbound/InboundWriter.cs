using System.Data;
using System.Data.Common;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Messages;

namespace OmniWhatsApp.Core.Inbound;

/// <summary>One inbound message to store, with its account and the routing facts of its number.</summary>
internal sealed record InboundRow(Guid AccountId, InboundMessage Message, Accounts.ChannelNumber Number, DateTimeOffset ReceivedAt);

/// <summary>What storing one inbound message did.</summary>
internal sealed record InboundRowResult(bool Duplicate, int ConversationId, bool Opened, int? QueueId, string? AgentId, long MessageId, long? NoticeId)
{
    /// <summary>The number was removed, or its channel deleted, after the webhook looked it up: nothing was stored.</summary>
    public bool ChannelGone { get; init; }

    /// <summary>The number serves another workstream (or none) than the webhook's cached routing says: nothing was stored.</summary>
    public bool RoutingChanged { get; init; }

    public static readonly InboundRowResult Gone = new(false, 0, false, null, null, 0, null) { ChannelGone = true };
    public static readonly InboundRowResult Changed = new(false, 0, false, null, null, 0, null) { RoutingChanged = true };
}

/// <summary>
/// The hot path of the inbound webhook: plain SQL on one connection and transaction per batch, written in the
/// dialect SQLite and PostgreSQL share (quoted names, RETURNING, LIMIT). Customer ids and open conversation ids
/// are remembered between batches; a remembered conversation that has meanwhile closed is noticed by its UPDATE
/// touching no row, and looked up again.
/// </summary>
internal sealed class InboundWriter
{
    private const int Closed = (int)ConversationStatus.Closed;
    private const int MaxRemembered = 200_000;

    private readonly Dictionary<string, (int Id, string? ProfileName)> customers = new(StringComparer.Ordinal);
    private readonly Dictionary<(int NumberId, int CustomerId), int> openConversations = new();

    /// <summary>Forgets remembered ids, e.g. after a failed batch whose inserts were rolled back.</summary>
    public void Forget()
    {
        customers.Clear();
        openConversations.Clear();
    }

    public async Task<List<InboundRowResult>> WriteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<InboundRow> rows, CancellationToken ct)
    {
        if (customers.Count > MaxRemembered || openConversations.Count > MaxRemembered) Forget();
        await using var sql = new Commands(connection, transaction);
        var current = await CurrentRoutingAsync(connection, transaction, sql, rows, ct);
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
    /// the account or workstream for update (<see cref="Persistence.RowLocks"/>), either committed before this check or
    /// waits for the batch. On SQLite the transaction already holds the only write lock.
    /// </summary>
    private static async Task<Dictionary<int, int?>> CurrentRoutingAsync(DbConnection connection, DbTransaction transaction, Commands sql, IReadOnlyList<InboundRow> rows, CancellationToken ct)
    {
        var numberIds = rows.Select(r => r.Number.NumberId).Distinct().ToList();
        if (connection is Npgsql.NpgsqlConnection)
        {
            await LockForShareAsync(connection, transaction, """SELECT 1 FROM "Accounts" WHERE "Id" = ANY(@p0) ORDER BY "Id" FOR SHARE""",
                rows.Select(r => r.AccountId).Distinct().ToArray(), ct);
            await LockForShareAsync(connection, transaction,
                """SELECT 1 FROM "Workstreams" WHERE "Id" IN (SELECT "WorkstreamId" FROM "WhatsAppSetups" WHERE "NumberId" = ANY(@p0)) ORDER BY "Id" FOR SHARE""",
                numberIds.ToArray(), ct);
        }
        var current = new Dictionary<int, int?>();
        foreach (var numberId in numberIds)
        {
            await using var reader = await sql.ReaderAsync(sql.NumberRouting, ct, numberId);
            if (await reader.ReadAsync(ct)) current[numberId] = reader.IsDBNull(0) ? null : reader.GetInt32(0);
        }
        return current;
    }

    private static async Task LockForShareAsync<T>(DbConnection connection, DbTransaction transaction, string text, T[] ids, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        command.Parameters.Add(new Npgsql.NpgsqlParameter("p0", ids));
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<InboundRowResult> WriteAsync(Commands sql, InboundRow row, CancellationToken ct)
    {
        var m = row.Message;
        if (await sql.ScalarAsync(sql.FindSid, ct, m.MessageSid) is not null) return new InboundRowResult(true, 0, false, null, null, 0, null);

        var customerId = await CustomerAsync(sql, m, ct);
        var at = row.ReceivedAt.UtcTicks;
        var windowEnds = ConversationRules.WindowEndsAt(row.ReceivedAt)!.Value.UtcTicks;
        var key = (row.Number.NumberId, customerId);

        int? conversationId = null;
        int? queueId = null;
        string? agentId = null;
        var opened = false;
        if (!openConversations.TryGetValue(key, out var remembered))
        {
            remembered = await sql.ScalarAsync(sql.FindOpen, ct, row.Number.NumberId, customerId, Closed) is { } found ? Convert.ToInt32(found) : 0;
        }
        if (remembered != 0)
        {
            await using var reader = await sql.ReaderAsync(sql.Touch, ct, at, windowEnds, remembered, Closed);
            if (await reader.ReadAsync(ct))
            {
                conversationId = remembered;
                queueId = reader.IsDBNull(0) ? null : reader.GetInt32(0);
                agentId = reader.IsDBNull(1) ? null : reader.GetString(1);
            }
        }
        if (conversationId is null)
        {
            var workstream = row.Number.Workstream;
            queueId = workstream is null
                ? null
                : Routing.WorkClassification.PickQueue(workstream.Rules, workstream.FallbackQueueId, new Routing.RoutingFacts(row.Number.NumberId, workstream.Language, m.Body));
            conversationId = Convert.ToInt32(await sql.ScalarAsync(sql.OpenConversation, ct,
                customerId, row.Number.NumberId, workstream?.WorkstreamId, queueId, (int)ConversationStatus.Waiting, workstream?.Language, at, at, windowEnds, at));
            opened = true;
        }
        openConversations[key] = conversationId.Value;

        var messageId = Convert.ToInt64(await sql.ScalarAsync(sql.InsertMessage, ct,
            conversationId, (int)MessageDirection.Inbound, (int)MessageKind.Text, m.Body, m.MessageSid, (int)MessageStatus.Received, at, at, (int)DispatchState.None, null));
        if (m.Location is { } location)
        {
            await sql.ExecuteAsync(sql.SetLocation, ct, location.Latitude, location.Longitude, location.Label, location.Address, messageId);
        }

        var accepted = row.Number.Workstream?.CustomersCanSendAttachments == true;
        foreach (var media in m.Media)
        {
            await sql.ExecuteAsync(sql.InsertMedia, ct, messageId, media.Index, media.ContentType, media.Url, (int)(accepted ? MediaState.Pending : MediaState.Refused));
        }

        long? noticeId = null;
        if (m.Media.Count > 0 && !accepted && row.Number.Workstream?.AttachmentsRefusedMessage is { } notice)
        {
            // The window was opened by this very message, so the notice goes out as a session message.
            noticeId = Convert.ToInt64(await sql.ScalarAsync(sql.InsertMessage, ct,
                conversationId, (int)MessageDirection.Outbound, (int)MessageKind.Automated, notice, null, (int)MessageStatus.Queued, at, null, (int)DispatchState.Pending, at));
        }
        return new InboundRowResult(false, conversationId.Value, opened, queueId, agentId, messageId, noticeId);
    }

    private async Task<int> CustomerAsync(Commands sql, InboundMessage m, CancellationToken ct)
    {
        var phone = m.From.Value;
        if (customers.TryGetValue(phone, out var known))
        {
            if (m.ProfileName is not null && m.ProfileName != known.ProfileName)
            {
                await sql.ExecuteAsync(sql.RenameCustomer, ct, m.ProfileName, known.Id);
                customers[phone] = (known.Id, m.ProfileName);
            }
            return known.Id;
        }
        // Insert-or-update in one statement; RETURNING gives the id either way.
        var id = Convert.ToInt32(await sql.ScalarAsync(sql.UpsertCustomer, ct, phone, m.ProfileName));
        customers[phone] = (id, m.ProfileName);
        return id;
    }

    /// <summary>The batch's prepared statements.</summary>
    private sealed class Commands(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
    {
        public readonly DbCommand NumberRouting = Create(connection, transaction,
            """
            SELECT s."WorkstreamId" FROM "Numbers" AS n JOIN "Accounts" AS a ON a."Id" = n."AccountId"
            LEFT JOIN "WhatsAppSetups" AS s ON s."NumberId" = n."Id"
            WHERE n."Id" = @p0 AND n."RetiredAt" IS NULL AND a."DeletedAt" IS NULL
            """, 1);
        public readonly DbCommand FindSid = Create(connection, transaction, """SELECT 1 FROM "Messages" WHERE "TwilioSid" = @p0""", 1);
        public readonly DbCommand UpsertCustomer = Create(connection, transaction,
            """INSERT INTO "Customers" ("Phone", "ProfileName") VALUES (@p0, @p1) ON CONFLICT ("Phone") DO UPDATE SET "ProfileName" = COALESCE(excluded."ProfileName", "Customers"."ProfileName") RETURNING "Id" """, 2);
        public readonly DbCommand RenameCustomer = Create(connection, transaction, """UPDATE "Customers" SET "ProfileName" = @p0 WHERE "Id" = @p1""", 2);
        public readonly DbCommand FindOpen = Create(connection, transaction,
            """SELECT "Id" FROM "Conversations" WHERE "NumberId" = @p0 AND "CustomerId" = @p1 AND "Status" <> @p2 ORDER BY "Id" DESC LIMIT 1""", 3);
        public readonly DbCommand Touch = Create(connection, transaction,
            """
            UPDATE "Conversations" SET
              "LastInboundAt" = CASE WHEN "LastInboundAt" > @p0 THEN "LastInboundAt" ELSE @p0 END,
              "WindowEndsAt" = CASE WHEN "WindowEndsAt" > @p1 THEN "WindowEndsAt" ELSE @p1 END,
              "LastMessageAt" = CASE WHEN "LastMessageAt" > @p0 THEN "LastMessageAt" ELSE @p0 END
            WHERE "Id" = @p2 AND "Status" <> @p3
            RETURNING "QueueId", "AssignedAgentId"
            """, 4);
        public readonly DbCommand OpenConversation = Create(connection, transaction,
            """
            INSERT INTO "Conversations" ("CustomerId", "NumberId", "WorkstreamId", "QueueId", "Status", "Language", "CreatedAt", "LastInboundAt", "WindowEndsAt", "LastMessageAt", "QueuedAt")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p6) RETURNING "Id"
            """, 10);
        public readonly DbCommand InsertMessage = Create(connection, transaction,
            """
            INSERT INTO "Messages" ("ConversationId", "Direction", "Kind", "Body", "TwilioSid", "Status", "CreatedAt", "StatusAt", "Dispatch", "Attempts", "NextAttemptAt")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, 0, @p9) RETURNING "Id"
            """, 10);
        public readonly DbCommand SetLocation = Create(connection, transaction,
            """UPDATE "Messages" SET "Latitude" = @p0, "Longitude" = @p1, "LocationLabel" = @p2, "LocationAddress" = @p3 WHERE "Id" = @p4""", 5);
        public readonly DbCommand InsertMedia = Create(connection, transaction,
            """INSERT INTO "MessageMedia" ("MessageId", "Index", "ContentType", "SourceUrl", "State", "Attempts") VALUES (@p0, @p1, @p2, @p3, @p4, 0)""", 5);

        public async Task<object?> ScalarAsync(DbCommand command, CancellationToken ct, params object?[] values)
        {
            Bind(command, values);
            var result = await command.ExecuteScalarAsync(ct);
            return result is DBNull ? null : result;
        }

        public async Task ExecuteAsync(DbCommand command, CancellationToken ct, params object?[] values)
        {
            Bind(command, values);
            await command.ExecuteNonQueryAsync(ct);
        }

        public async Task<DbDataReader> ReaderAsync(DbCommand command, CancellationToken ct, params object?[] values)
        {
            Bind(command, values);
            return await command.ExecuteReaderAsync(CommandBehavior.SingleRow, ct);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in new[] { NumberRouting, FindSid, UpsertCustomer, RenameCustomer, FindOpen, Touch, OpenConversation, InsertMessage, SetLocation, InsertMedia })
            {
                await command.DisposeAsync();
            }
        }

        private static void Bind(DbCommand command, object?[] values)
        {
            for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        private static DbCommand Create(DbConnection connection, DbTransaction transaction, string text, int parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text;
            for (var i = 0; i < parameters; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                command.Parameters.Add(parameter);
            }
            return command;
        }
    }
}
