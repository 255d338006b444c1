using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;
using Xunit.Abstractions;

namespace OmniWhatsApp.Tests.Core.Outbound;

/// <summary>Each sender number is kept at its rate, measured where it counts: when the emulated Twilio received each send.</summary>
[Trait("Storage", "Both")]
[Collection(TimingCollection.Name)]
public sealed class SenderRateTests(ITestOutputHelper output)
{
    private const int Rate = 10;
    private const int PerSender = 25;

    [Fact]
    public async Task Each_sender_stays_at_its_rate_while_senders_send_in_parallel()
    {
        // SQLite calls block their thread (Microsoft.Data.Sqlite has no real async I/O); on a machine with two cores
        // the thread pool then grows too slowly and requests wait a few hundred milliseconds for a thread, which
        // would show up here as transport jitter rather than pacing. More threads up front keep the measurement clean.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), io);
        await using var app = await AppHost.StartAsync(o => o.With("Outbox:MessagesPerSecondPerSender", Rate.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var channel = await app.CreateChannelAsync(numbers: 2);
        // One message per conversation, so only the sender's rate holds them back (a conversation sends in order, one at a time).
        var conversations = new List<TestConversation>();
        for (var i = 0; i < PerSender; i++)
        {
            conversations.Add(await app.OpenConversationAsync(channel, numberIndex: 0));
            conversations.Add(await app.OpenConversationAsync(channel, numberIndex: 1));
        }

        // Warm up each sender's path (first connection, first queries), so the measurement shows pacing, not start-up.
        foreach (var number in new[] { 0, 1 })
        {
            var warm = await app.OpenConversationAsync(channel, numberIndex: number);
            var sent = await app.SendTextAsync(new SessionMessageInput(warm.Id, "Warm-up"));
            await app.WaitForMessageAsync(sent.Value, m => m.Dispatch == DispatchState.Accepted, "warm-up accepted");
        }
        var started = DateTimeOffset.UtcNow;

        var ids = new List<long>();
        foreach (var conversation in conversations)
        {
            var sent = await app.SendTextAsync(new SessionMessageInput(conversation.Id, "Rate test"));
            ids.Add(sent.Value);
        }
        foreach (var id in ids) await app.WaitForMessageAsync(id, m => m.Dispatch == DispatchState.Accepted, "accepted", TimeSpan.FromSeconds(20));

        var received = app.GetRequiredService<EmulatorState>().Messages.Where(m => m.Direction == EmulatorMessage.Outbound && m.DateCreated >= started).ToList();
        var spans = new List<(DateTimeOffset First, DateTimeOffset Last)>();
        foreach (var number in channel.Numbers)
        {
            var times = received.Where(m => m.From == "whatsapp:" + number.Number).Select(m => m.DateCreated).Order().ToList();
            Assert.Equal(PerSender, times.Count);
            // Measured at the receiver, so each send's time carries transport jitter on a busy machine (a send delayed
            // into the next second's window): allow two sends more in the busiest second. Far below that is the burst
            // an unpaced sender makes (all 25 at once).
            var busiest = times.Max(t => times.Count(u => u >= t && u < t.AddSeconds(1)));
            var perSecond = (times.Count - 1) / (times[^1] - times[0]).TotalSeconds;
            output.WriteLine("gaps (ms): " + string.Join(" ", times.Zip(times.Skip(1), (x, y) => (y - x).TotalMilliseconds.ToString("0"))));
            output.WriteLine($"{number.Number}: {times.Count} sends in {(times[^1] - times[0]).TotalMilliseconds:0} ms ({perSecond:0.0}/s); busiest second {busiest}");
            Assert.True(busiest <= Rate + 2, $"{busiest} sends within one second");
            // …and near the rate: not throttled to a fraction of it.
            Assert.True(perSecond >= Rate / 2.0, $"only {perSecond:0.0} sends per second");
            spans.Add((times[0], times[^1]));
        }
        // The two senders ran side by side, not one after the other.
        Assert.True(spans[0].First < spans[1].Last && spans[1].First < spans[0].Last, "the senders did not overlap");
    }
}
