using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Security;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Web.Emulator;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Bench;

/// <summary>
/// Outbound dispatch against the emulator: many senders in parallel, each with one message per conversation so
/// only the sender's rate holds the dispatcher back. The messages are stored by several callers at once (agents and
/// automations), taking the senders in turn, so every sender has work from the start; enough callers that storing
/// (each call waits for its commit) outpaces the senders' 10 × 80/s, or the figure would measure storing, not sending.
/// The rate is checked where it counts: at the receiver.
/// </summary>
public static class OutboundThroughput
{
    /// <summary>How many callers store messages at the same time.</summary>
    public const int Callers = 16;

    public static async Task RunAsync(BenchApp app, int senders, int perSender)
    {
        // Warm up the outbound path (JIT, connection pools) on senders of its own, as the inbound sections do; as long
        // as the measured round, so the runtime has finished optimising the hot code (tiered compilation), as in a
        // server that has been up for a while: on a busy two-core machine that takes many seconds.
        await RoundAsync(app, "+1555020", senders, perSender: Math.Max(20, perSender), report: false);
        await RoundAsync(app, "+1555010", senders, perSender, report: true);
    }

    private static async Task RoundAsync(BenchApp app, string numberPrefix, int senders, int perSender, bool report)
    {
        var services = app.Services;
        var rate = services.GetRequiredService<IOptions<OutboxOptions>>().Value.MessagesPerSecondPerSender;
        var emulator = services.GetRequiredService<IOptions<EmulatorOptions>>().Value;
        var secrets = services.GetRequiredService<SecretProtector>();
        var dbFactory = services.GetRequiredService<IDbContextFactory<OmniDbContext>>();
        var state = services.GetRequiredService<EmulatorState>();
        var now = DateTimeOffset.UtcNow;

        // Arrange: one account with the senders, one open conversation per message, in the app and the emulator.
        var conversationIds = new List<int>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var account = new TwilioAccount
            {
                Id = Guid.NewGuid(),
                Name = "Outbound benchmark " + numberPrefix,
                AccountSid = emulator.AccountSid,
                ProtectedAuthToken = secrets.Protect(emulator.AuthToken),
                AuthTokenHint = SecretProtector.HintOf(emulator.AuthToken),
                CreatedAt = now,
                Numbers = Enumerable.Range(0, senders).Select(i => new WhatsAppNumber { DisplayName = $"Sender {i}", Number = $"{numberPrefix}{i:0000}" }).ToList(),
            };
            db.Accounts.Add(account);
            var conversations = new List<Conversation>();
            foreach (var number in account.Numbers)
            {
                for (var j = 0; j < perSender; j++)
                {
                    var customer = new Customer { Phone = $"+44{number.Number[5..7]}{number.Number[^4..]}{j:0000}" };
                    conversations.Add(new Conversation
                    {
                        Customer = customer,
                        Number = number,
                        Status = ConversationStatus.Active,
                        CreatedAt = now,
                        LastInboundAt = now,
                        WindowEndsAt = ConversationRules.WindowEndsAt(now),
                        LastMessageAt = now,
                        // Under way: the opening message was dealt with (else the automation worker greets each during the run).
                        GreetedAt = now,
                    });
                    state.RecordInbound(number.Number, customer.Phone, now);
                }
            }
            db.Conversations.AddRange(conversations);
            await db.SaveChangesAsync();
            // The senders in turn: the first conversation of each sender, then the second of each, …
            conversationIds.AddRange(conversations.Select((c, i) => (c.Id, Turn: i % perSender, Sender: i / perSender))
                .OrderBy(x => x.Turn).ThenBy(x => x.Sender).Select(x => x.Id));
        }

        // The team's replies are sent by someone who may: the demo supervisor may send in any open conversation.
        Actor replier;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            replier = Actor.Supervisor(await db.Users.Where(u => u.Email == DemoData.Supervisor.Email).Select(u => u.Id).SingleAsync());
        }

        long enqueueTicks = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(async _ =>
        {
            await using var scope = services.CreateAsyncScope();
            var outbound = scope.ServiceProvider.GetRequiredService<OutboundService>();
            int i;
            while ((i = Interlocked.Increment(ref next)) < conversationIds.Count)
            {
                var t0 = Stopwatch.GetTimestamp();
                var sent = await outbound.SendTextAsync(new SessionMessageInput(conversationIds[i], "Your order has shipped."), replier);
                Interlocked.Add(ref enqueueTicks, Stopwatch.GetTimestamp() - t0);
                if (!sent.Succeeded) throw new InvalidOperationException(sent.FirstMessage);
            }
        }));
        var enqueued = clock.Elapsed;

        // Wait until every message is accepted by (the emulated) Twilio. The round's conversations were stored together,
        // so their ids are one range: counting by it costs the app under test far less than sending a list of
        // thousands of ids with each of these 50 questions a second.
        var total = conversationIds.Count;
        var (first, last) = (conversationIds.Min(), conversationIds.Max());
        if (last - first + 1 != total) throw new InvalidOperationException("The round's conversation ids are not one range.");
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var accepted = await db.Messages.CountAsync(m => m.ConversationId >= first && m.ConversationId <= last && m.Dispatch == DispatchState.Accepted);
            if (accepted == total) break;
            if (clock.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException($"only {accepted} of {total} accepted");
            await Task.Delay(20);
        }
        var elapsed = clock.Elapsed;

        // …and until every status callback (queued, sent, delivered, read) is applied.
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var read = await db.Messages.CountAsync(m => m.ConversationId >= first && m.ConversationId <= last && m.Status == MessageStatus.Read);
            if (read == total) break;
            if (clock.Elapsed > TimeSpan.FromMinutes(4)) throw new TimeoutException($"only {read} of {total} read");
            await Task.Delay(20);
        }
        var allRead = clock.Elapsed;
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        if (!report) return;

        var received = state.Messages.Where(m => m.IsOutbound && m.DateCreated >= started && m.From.StartsWith("whatsapp:" + numberPrefix, StringComparison.Ordinal)).ToList();
        var busiest = 0;
        var rates = new List<double>();
        foreach (var sender in received.GroupBy(m => m.From))
        {
            var times = sender.Select(m => m.DateCreated).Order().ToList();
            busiest = Math.Max(busiest, times.Max(t => times.Count(u => u >= t && u < t.AddSeconds(1))));
            if (times.Count > 1) rates.Add((times.Count - 1) / (times[^1] - times[0]).TotalSeconds);
        }

        Console.WriteLine($"Outbound dispatch: {senders} senders × {perSender} messages, configured {rate:0}/s per sender (after a warm-up round)");
        Console.WriteLine($"  stored in the outbox by {Callers} callers in {enqueued.TotalMilliseconds:N0} ms ({total / enqueued.TotalSeconds:N0}/s, {enqueueTicks * 1000.0 / Stopwatch.Frequency / total:0.0} ms per call); all accepted by Twilio after {elapsed.TotalMilliseconds:N0} ms");
        Console.WriteLine($"  throughput {total / elapsed.TotalSeconds:N0} msg/s overall   per sender {rates.Average():0.0}/s average, {rates.Min():0.0}–{rates.Max():0.0}/s");
        Console.WriteLine($"  busiest second of one sender (limit {rate:0}): {Departures.BusiestSecond("whatsapp:" + numberPrefix)} as sent, {busiest} as received (the emulator's clock, after its own request handling)");
        Console.WriteLine($"  all read (4 status callbacks each applied) after {allRead.TotalMilliseconds:N0} ms   process CPU {cpuUsed.TotalMilliseconds / total:0.00} ms per message   load average {LoadAverage()}");
    }

    /// <summary>The machine's 1-minute load average (Linux), to judge how much else was running.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
