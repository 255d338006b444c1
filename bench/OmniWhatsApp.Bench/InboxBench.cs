using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;

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
            await db.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.Capacity, 10));
            await db.AgentStatuses.ExecuteUpdateAsync(s => s.SetProperty(x => x.Presence, Presence.Available));
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
        await using var transaction = await db.Database.BeginTransactionAsync();
        // One session for the whole seed: each statement is compiled once and run many times.
        await using var sql = await Sql.OnAsync(db);

        var numberId = await sql.ScalarAsync<int>("""SELECT "Id" FROM "Numbers" ORDER BY "Id" LIMIT 1""");
        const string workstream =
            """INSERT INTO "Workstreams" ("Name", "DistributionMode", "CapacityPerConversation", "AutoCloseAfterMinutes") VALUES (@name, @mode, 1, 1440) RETURNING "Id" """;
        var push = await sql.ScalarAsync<int>(workstream, new { name = "Bench push", mode = DistributionMode.Push });
        var pick = await sql.ScalarAsync<int>(workstream, new { name = "Bench pick", mode = DistributionMode.Pick });
        var queueIds = new List<int>();
        for (var q = 0; q < Queues; q++)
        {
            queueIds.Add(await sql.ScalarAsync<int>("""INSERT INTO "Queues" ("Name") VALUES (@name) RETURNING "Id" """, new { name = $"Bench queue {q}" }));
        }
        // Queues 0-4 belong to the push workstream, 5-9 to the pick one.
        int WorkstreamOf(int queueIndex) => queueIndex < Queues / 2 ? push : pick;

        var agentIds = new List<string>();
        for (var a = 0; a < Agents; a++)
        {
            var id = Guid.NewGuid().ToString();
            agentIds.Add(id);
            var email = $"agent{a}@bench.local";
            await sql.ExecuteAsync(
                """
                INSERT INTO "AspNetUsers" ("Id", "DisplayName", "Capacity", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
                VALUES (@id, @name, 5, @email, @normalized, @email, @normalized, @yes, @no, @no, @yes, 0)
                """, new { id, name = $"Bench Agent {a}", email, normalized = email.ToUpperInvariant(), yes = true, no = false });
            const string member = """INSERT INTO "QueueMembers" ("QueueId", "UserId") VALUES (@queueId, @id)""";
            await sql.ExecuteAsync(member, new { queueId = queueIds[a % Queues], id });
            await sql.ExecuteAsync(member, new { queueId = queueIds[(a + 1) % Queues], id });
            var presence = (a % 10) switch { < 6 => Presence.Available, < 8 => Presence.Busy, 8 => Presence.Away, _ => Presence.Offline };
            await sql.ExecuteAsync(
                """INSERT INTO "AgentStatuses" ("UserId", "Presence", "Preferred", "ChangedAt", "LastAssignedAt") VALUES (@id, @presence, @presence, @at, @at)""",
                new { id, presence, at = now.AddMinutes(-a) });
        }

        var activeIds = new List<int>();
        var longConversationId = 0;
        long longMiddle = 0;
        long messages = 0;
        var random = new Random(42);
        for (var c = 0; c < conversations; c++)
        {
            var customerId = await sql.ScalarAsync<int>(
                """INSERT INTO "Customers" ("Phone", "ProfileName") VALUES (@phone, @name) RETURNING "Id" """, new { phone = $"+1555{c:0000000}", name = $"Customer {c}" });
            var active = c < Agents * ActivePerAgent;
            var waiting = !active && c < Agents * ActivePerAgent + Waiting;
            string? agent = active || !waiting ? agentIds[c % Agents] : null;
            var queueIndex = agent is null ? c % Queues : (c % Agents) % Queues;
            var status = active ? ConversationStatus.Active : waiting ? ConversationStatus.Waiting : ConversationStatus.Closed;
            // Open conversations are recent (nothing is due for auto-close); closed ones spread over a year.
            var created = active || waiting ? now.AddMinutes(-random.Next(30, 23 * 60 + 45)) : now.AddMinutes(-random.Next(24 * 60, 365 * 24 * 60));
            var count = c == 0 ? LongConversationMessages : messagesPerConversation;
            var lastInbound = created.AddMinutes(count);
            var answered = c % 3 != 0;
            var id = await sql.ScalarAsync<int>(
                """
                INSERT INTO "Conversations" ("CustomerId", "NumberId", "WorkstreamId", "QueueId", "AssignedAgentId", "Status", "Language", "CreatedAt", "LastInboundAt", "WindowEndsAt", "LastMessageAt", "LastOutboundAt", "QueuedAt", "AssignedAt", "ClosedAt", "GreetedAt")
                VALUES (@customerId, @numberId, @workstreamId, @queueId, @agent, @status, 'en', @created, @lastInbound, @windowEnds, @lastMessage, @lastOutbound, @queued, @assigned, @closed, @created) RETURNING "Id"
                """,
                new
                {
                    customerId, numberId, workstreamId = WorkstreamOf(queueIndex), queueId = queueIds[queueIndex], agent, status,
                    created, lastInbound, windowEnds = lastInbound.AddHours(24), lastMessage = lastInbound.AddMinutes(1),
                    lastOutbound = answered ? lastInbound.AddMinutes(1) : (DateTimeOffset?)null, queued = waiting ? created : (DateTimeOffset?)null,
                    assigned = agent is null ? null : (DateTimeOffset?)created.AddMinutes(1), closed = status == ConversationStatus.Closed ? lastInbound.AddHours(1) : (DateTimeOffset?)null,
                });
            long readUpTo = 0;
            for (var m = 0; m < count; m++)
            {
                var inbound = m % 2 == 0 || m == count - 1 && !answered;
                var messageId = await sql.ScalarAsync<long>(
                    """
                    INSERT INTO "Messages" ("ConversationId", "Direction", "Kind", "Body", "Status", "CreatedAt", "AuthorId", "Dispatch", "Attempts")
                    VALUES (@id, @direction, @kind, @body, @status, @at, @author, @dispatch, 0) RETURNING "Id"
                    """,
                    new
                    {
                        id, direction = inbound ? MessageDirection.Inbound : MessageDirection.Outbound, kind = MessageKind.Text,
                        body = inbound ? $"Customer question {m} about order {c}" : $"Agent answer {m}",
                        status = inbound ? MessageStatus.Received : MessageStatus.Delivered, at = created.AddMinutes(m), author = inbound ? null : agent, dispatch = DispatchState.None,
                    });
                if (m == count - 4) readUpTo = messageId;
                if (c == 0 && m == count / 2) longMiddle = messageId;
                messages++;
            }
            if (active)
            {
                activeIds.Add(id);
                await sql.ExecuteAsync("""UPDATE "Conversations" SET "LastReadMessageId" = @readUpTo WHERE "Id" = @id""", new { readUpTo, id });
            }
            if (c == 0) longConversationId = id;
        }
        await transaction.CommitAsync();

        var pickAgent = agentIds.First(a => agentIds.IndexOf(a) % Queues >= Queues / 2 && (agentIds.IndexOf(a) + 1) % Queues >= Queues / 2);
        return new Seed(agentIds, pickAgent, activeIds, longConversationId, longMiddle, messages);
    }
}
