using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Bench;

/// <summary>
/// The inbox and dashboard read models on a large SQLite database: 100,000 conversations (1,000 active, 9,000
/// waiting, the rest closed) with 1,000,000 messages, 10 queues, 200 agents. Each query runs in process, as the
/// Blazor pages call it; the figure is server-side time per call.
/// Usage: dotnet run -c Release --project bench/OmniWhatsApp.Bench -- --inbox [--quick]
/// </summary>
public static class InboxBench
{
    private const int Queues = 10;
    private const int Agents = 200;
    private const int ActivePerAgent = 5;
    private const int Waiting = 9_000;
    private const int LongConversationMessages = 2_000;

    public static async Task RunAsync(bool quick)
    {
        var conversations = quick ? 20_000 : 100_000;
        var messagesPerConversation = 10;
        Console.WriteLine($"Inbox read models · {Environment.ProcessorCount} cores · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · .NET {Environment.Version}");

        // The worker's safety-net sweep stays out of the way; nothing seeded is due for anything anyway.
        using var app = new BenchApp(new Dictionary<string, string?> { ["Distribution:SweepInterval"] = "01:00:00" });
        app.Start();
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<OmniDbContext>>();
        var now = DateTimeOffset.UtcNow;

        var seeding = Stopwatch.StartNew();
        var seed = await SeedAsync(dbFactory, conversations, messagesPerConversation, now);
        Console.WriteLine($"Seeded {conversations:N0} conversations and {seed.Messages:N0} messages in {seeding.Elapsed.TotalSeconds:0.0} s");

        var inbox = app.Services.GetRequiredService<InboxQueries>();
        var dashboard = app.Services.GetRequiredService<QueueDashboardQueries>();
        var distribution = app.Services.GetRequiredService<DistributionService>();
        var supervisor = Actor.Supervisor("bench-supervisor");
        var i = 0;

        Console.WriteLine();
        Console.WriteLine("Server-side time per call (100 calls after 10 warm-up calls)");
        await MeasureAsync("MyConversationsAsync (5 active, unread counts)", () => inbox.MyConversationsAsync(seed.AgentIds[i++ % Agents]));
        await MeasureAsync("MyConversationsAsync (agent with the 2,000-message one)", () => inbox.MyConversationsAsync(seed.AgentIds[0]));
        await MeasureAsync("WaitingInMyQueuesAsync (pick queues, 900 waiting each)", () => inbox.WaitingInMyQueuesAsync(seed.PickAgentId));
        await MeasureAsync("ConversationAsync (latest 50 of 2,000 messages)", () => inbox.ConversationAsync(seed.LongConversationId, Actor.Agent(seed.AgentIds[0])));
        await MeasureAsync("ConversationAsync (a page further back)", () => inbox.ConversationAsync(seed.LongConversationId, Actor.Agent(seed.AgentIds[0]), before: seed.LongConversationMiddleMessageId));
        await MeasureAsync("ConversationAsync (supervisor, any active one)", () => inbox.ConversationAsync(seed.ActiveIds[i++ % seed.ActiveIds.Count], supervisor));
        await MeasureAsync("MarkReadAsync", () => { var k = i++ % seed.ActiveIds.Count; return inbox.MarkReadAsync(seed.ActiveIds[k], Actor.Agent(seed.AgentIds[k % Agents])); });
        await MeasureAsync("QueueDashboardQueries.GetAsync", () => dashboard.GetAsync(supervisor));
        await MeasureAsync("DistributeAsync (a pass, everyone full)", () => distribution.DistributeAsync());

        // What the pages read when they open, call after call, as the inbox and the conversation view do.
        var access = app.Services.GetRequiredService<ConversationAccess>();
        using var scope = app.Services.CreateScope();
        var outbound = scope.ServiceProvider.GetRequiredService<OutboundService>();
        Console.WriteLine();
        Console.WriteLine("Server-side time per page opening (all of its reads in sequence)");
        await MeasureAsync("Inbox (queues, mine, 50 waiting; a pick-mode agent)", async () =>
        {
            await access.QueuesOfAsync(seed.PickAgentId);
            await inbox.MyConversationsAsync(seed.PickAgentId);
            return await inbox.WaitingInMyQueuesAsync(seed.PickAgentId, 50);
        });
        await MeasureAsync("Conversation (view, composer, mark read; 2,000 messages)", async () =>
        {
            var agent = Actor.Agent(seed.AgentIds[0]);
            var view = await inbox.ConversationAsync(seed.LongConversationId, agent);
            await outbound.ComposerOptionsAsync(seed.LongConversationId);
            return await inbox.MarkReadAsync(seed.LongConversationId, agent, view.Value!.Messages[^1].Id);
        });

        // Room for 1,000 more at once (every agent Available with capacity 10): the backlog drains in one call.
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AspNetUsers" SET "Capacity" = 10""");
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AgentStatuses" SET "Presence" = 0""");
        }
        var drain = Stopwatch.StartNew();
        var assigned = await distribution.DistributeAsync();
        drain.Stop();
        Console.WriteLine($"  {"DistributeAsync draining a backlog (each: update + line + event)",-58} {assigned:N0} assigned in {drain.Elapsed.TotalMilliseconds:N0} ms ({assigned / drain.Elapsed.TotalSeconds:N0}/s)");
    }

    private static async Task MeasureAsync<T>(string name, Func<Task<T>> call)
    {
        for (var w = 0; w < 10; w++) await call();
        var times = new List<double>(100);
        for (var n = 0; n < 100; n++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"  {name,-58} p50 {times[50],6:0.00} ms   p95 {times[95],6:0.00} ms   max {times[^1],6:0.00} ms");
    }

    private sealed record Seed(List<string> AgentIds, string PickAgentId, List<int> ActiveIds, int LongConversationId, long LongConversationMiddleMessageId, long Messages);

    private static async Task<Seed> SeedAsync(IDbContextFactory<OmniDbContext> dbFactory, int conversations, int messagesPerConversation, DateTimeOffset now)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync();

        var numberId = Convert.ToInt32(await ScalarAsync(connection, transaction, """SELECT "Id" FROM "Numbers" ORDER BY "Id" LIMIT 1"""));
        var push = Convert.ToInt32(await ScalarAsync(connection, transaction,
            """INSERT INTO "Workstreams" ("Name", "DistributionMode", "CapacityPerConversation", "AutoCloseAfterMinutes") VALUES ('Bench push', 0, 1, 1440) RETURNING "Id" """));
        var pick = Convert.ToInt32(await ScalarAsync(connection, transaction,
            """INSERT INTO "Workstreams" ("Name", "DistributionMode", "CapacityPerConversation", "AutoCloseAfterMinutes") VALUES ('Bench pick', 1, 1, 1440) RETURNING "Id" """));
        var queueIds = new List<int>();
        for (var q = 0; q < Queues; q++)
        {
            queueIds.Add(Convert.ToInt32(await ScalarAsync(connection, transaction, $"""INSERT INTO "Queues" ("Name") VALUES ('Bench queue {q}') RETURNING "Id" """)));
        }
        // Queues 0-4 belong to the push workstream, 5-9 to the pick one.
        int WorkstreamOf(int queueIndex) => queueIndex < Queues / 2 ? push : pick;

        var agentIds = new List<string>();
        await using (var user = Command(connection, transaction,
            """
            INSERT INTO "AspNetUsers" ("Id", "DisplayName", "Capacity", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            VALUES (@p0, @p1, 5, @p2, @p3, @p2, @p3, 1, 0, 0, 1, 0)
            """, 4))
        await using (var member = Command(connection, transaction, """INSERT INTO "QueueMembers" ("QueueId", "UserId") VALUES (@p0, @p1)""", 2))
        await using (var status = Command(connection, transaction,
            """INSERT INTO "AgentStatuses" ("UserId", "Presence", "Preferred", "ChangedAt", "LastAssignedAt") VALUES (@p0, @p1, @p1, @p2, @p2)""", 3))
        {
            for (var a = 0; a < Agents; a++)
            {
                var id = Guid.NewGuid().ToString();
                agentIds.Add(id);
                var email = $"agent{a}@bench.local";
                await ExecuteAsync(user, id, $"Bench Agent {a}", email, email.ToUpperInvariant());
                await ExecuteAsync(member, queueIds[a % Queues], id);
                await ExecuteAsync(member, queueIds[(a + 1) % Queues], id);
                var presence = (a % 10) switch { < 6 => Presence.Available, < 8 => Presence.Busy, 8 => Presence.Away, _ => Presence.Offline };
                await ExecuteAsync(status, id, (int)presence, now.AddMinutes(-a).UtcTicks);
            }
        }

        var activeIds = new List<int>();
        var longConversationId = 0;
        long longMiddle = 0;
        long messages = 0;
        await using var customer = Command(connection, transaction, """INSERT INTO "Customers" ("Phone", "ProfileName") VALUES (@p0, @p1) RETURNING "Id" """, 2);
        await using var conversation = Command(connection, transaction,
            """
            INSERT INTO "Conversations" ("CustomerId", "NumberId", "WorkstreamId", "QueueId", "AssignedAgentId", "Status", "Language", "CreatedAt", "LastInboundAt", "WindowEndsAt", "LastMessageAt", "LastOutboundAt", "QueuedAt", "AssignedAt", "ClosedAt", "GreetedAt")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, 'en', @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p6) RETURNING "Id"
            """, 14);
        await using var message = Command(connection, transaction,
            """
            INSERT INTO "Messages" ("ConversationId", "Direction", "Kind", "Body", "Status", "CreatedAt", "AuthorId", "Dispatch", "Attempts")
            VALUES (@p0, @p1, 0, @p2, @p3, @p4, @p5, 0, 0) RETURNING "Id"
            """, 6);
        await using var markRead = Command(connection, transaction, """UPDATE "Conversations" SET "LastReadMessageId" = @p0 WHERE "Id" = @p1""", 2);
        var random = new Random(42);
        for (var c = 0; c < conversations; c++)
        {
            var customerId = Convert.ToInt32(await ScalarAsync(customer, $"+1555{c:0000000}", $"Customer {c}"));
            var active = c < Agents * ActivePerAgent;
            var waiting = !active && c < Agents * ActivePerAgent + Waiting;
            string? agent = active || !waiting ? agentIds[c % Agents] : null;
            var queueIndex = agent is null ? c % Queues : (c % Agents) % Queues;
            var status = active ? 1 : waiting ? 0 : 2;
            // Open conversations are recent (nothing is due for auto-close); closed ones spread over a year.
            var created = active || waiting ? now.AddMinutes(-random.Next(30, 23 * 60 + 45)) : now.AddMinutes(-random.Next(24 * 60, 365 * 24 * 60));
            var count = c == 0 ? LongConversationMessages : messagesPerConversation;
            var lastInbound = created.AddMinutes(count);
            var answered = c % 3 != 0;
            var id = Convert.ToInt32(await ScalarAsync(conversation, customerId, numberId, WorkstreamOf(queueIndex), queueIds[queueIndex], agent, status,
                created.UtcTicks, lastInbound.UtcTicks, lastInbound.AddHours(24).UtcTicks, lastInbound.AddMinutes(1).UtcTicks,
                answered ? lastInbound.AddMinutes(1).UtcTicks : null, waiting ? created.UtcTicks : null,
                agent is null ? null : created.AddMinutes(1).UtcTicks, status == 2 ? lastInbound.AddHours(1).UtcTicks : null));
            long readUpTo = 0;
            for (var m = 0; m < count; m++)
            {
                var inbound = m % 2 == 0 || m == count - 1 && !answered;
                var messageId = Convert.ToInt64(await ScalarAsync(message, id, inbound ? 0 : 1, inbound ? $"Customer question {m} about order {c}" : $"Agent answer {m}",
                    inbound ? 0 : 4, created.AddMinutes(m).UtcTicks, inbound ? null : agent));
                if (m == count - 4) readUpTo = messageId;
                if (c == 0 && m == count / 2) longMiddle = messageId;
                messages++;
            }
            if (active)
            {
                activeIds.Add(id);
                await ExecuteAsync(markRead, readUpTo, id);
            }
            if (c == 0) longConversationId = id;
        }
        await transaction.CommitAsync();

        var pickAgent = agentIds.First(a => agentIds.IndexOf(a) % Queues >= Queues / 2 && (agentIds.IndexOf(a) + 1) % Queues >= Queues / 2);
        return new Seed(agentIds, pickAgent, activeIds, longConversationId, longMiddle, messages);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var p = 0; p < parameters; p++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{p}";
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql)
    {
        await using var command = Command(connection, transaction, sql, 0);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<object?> ScalarAsync(DbCommand command, params object?[] values)
    {
        for (var p = 0; p < values.Length; p++) command.Parameters[p].Value = values[p] ?? DBNull.Value;
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(DbCommand command, params object?[] values)
    {
        for (var p = 0; p < values.Length; p++) command.Parameters[p].Value = values[p] ?? DBNull.Value;
        await command.ExecuteNonQueryAsync();
    }
}
