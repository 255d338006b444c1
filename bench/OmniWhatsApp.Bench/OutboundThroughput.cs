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
/// only the sender's rate holds the dispatcher back. The rate is checked where it counts: at the receiver.
/// </summary>
public static class OutboundThroughput
{
    public static async Task RunAsync(BenchApp app, int senders, int perSender)
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
                Name = "Outbound benchmark",
                AccountSid = emulator.AccountSid,
                ProtectedAuthToken = secrets.Protect(emulator.AuthToken),
                AuthTokenHint = SecretProtector.HintOf(emulator.AuthToken),
                CreatedAt = now,
                Numbers = Enumerable.Range(0, senders).Select(i => new WhatsAppNumber { DisplayName = $"Sender {i}", Number = $"+1555010{i:0000}" }).ToList(),
            };
            db.Accounts.Add(account);
            var conversations = new List<Conversation>();
            foreach (var number in account.Numbers)
            {
                for (var j = 0; j < perSender; j++)
                {
                    var customer = new Customer { Phone = $"+4478{number.Number[^4..]}{j:0000}" };
                    conversations.Add(new Conversation
                    {
                        Customer = customer,
                        Number = number,
                        Status = ConversationStatus.Active,
                        CreatedAt = now,
                        LastInboundAt = now,
                        WindowEndsAt = ConversationWindow.EndsAt(now),
                        LastMessageAt = now,
                    });
                    state.RecordInbound(number.Number, customer.Phone, now);
                }
            }
            db.Conversations.AddRange(conversations);
            await db.SaveChangesAsync();
            conversationIds.AddRange(conversations.Select(c => c.Id));
        }

        // The team's replies are sent by someone who may: the demo supervisor may send in any open conversation.
        Actor replier;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            replier = Actor.Supervisor(await db.Users.Where(u => u.Email == DemoData.Supervisor.Email).Select(u => u.Id).SingleAsync());
        }

        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        await using (var scope = services.CreateAsyncScope())
        {
            var outbound = scope.ServiceProvider.GetRequiredService<OutboundService>();
            foreach (var id in conversationIds)
            {
                var sent = await outbound.SendTextAsync(new SessionMessageInput(id, "Your order has shipped."), replier);
                if (!sent.Succeeded) throw new InvalidOperationException(sent.FirstMessage);
            }
        }
        var enqueued = clock.Elapsed;

        // Wait until every message is accepted by (the emulated) Twilio.
        var total = conversationIds.Count;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var accepted = await db.Messages.CountAsync(m => conversationIds.Contains(m.ConversationId) && m.Dispatch == DispatchState.Accepted);
            if (accepted == total) break;
            if (clock.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException($"only {accepted} of {total} accepted");
            await Task.Delay(20);
        }
        var elapsed = clock.Elapsed;

        var received = state.Messages.Where(m => m.IsOutbound && m.DateCreated >= started && m.From.StartsWith("whatsapp:+1555010", StringComparison.Ordinal)).ToList();
        var busiest = 0;
        var rates = new List<double>();
        foreach (var sender in received.GroupBy(m => m.From))
        {
            var times = sender.Select(m => m.DateCreated).Order().ToList();
            busiest = Math.Max(busiest, times.Max(t => times.Count(u => u >= t && u < t.AddSeconds(1))));
            if (times.Count > 1) rates.Add((times.Count - 1) / (times[^1] - times[0]).TotalSeconds);
        }

        Console.WriteLine($"Outbound dispatch: {senders} senders × {perSender} messages, configured {rate:0}/s per sender");
        Console.WriteLine($"  enqueued (stored in the outbox) in {enqueued.TotalMilliseconds:N0} ms; all accepted by Twilio after {elapsed.TotalMilliseconds:N0} ms");
        Console.WriteLine($"  throughput {total / elapsed.TotalSeconds:N0} msg/s overall   per sender {rates.Average():0.0}/s average, {rates.Min():0.0}–{rates.Max():0.0}/s   busiest second {busiest} (limit {rate:0})");
    }
}
