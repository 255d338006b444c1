using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Core.Outbound;

/// <summary>
/// The app stops in the middle of sending and starts again on the same data folder (database, keys, the
/// emulator's persisted state): every message is sent exactly once, counted in the emulator's persisted log.
/// </summary>
[Trait("Storage", "Both")]
public sealed class OutboxRestartTests
{
    [Fact]
    public async Task A_restart_with_sends_pending_and_in_flight_sends_each_exactly_once()
    {
        var folder = Path.Combine(Path.GetTempPath(), "omniwhatsapp-tests", Guid.NewGuid().ToString("N"));
        // A fixed public address, as in production: the callback URLs Twilio holds stay right across the restart
        // (each test host listens on a new port).
        void Settings(AppHostOptions o) => o
            .With("App:PublicBaseUrl", "https://support.example.com/")
            .With("Twilio:Timeout", "00:00:02")
            .With("Outbox:InFlightLease", "00:00:03");
        TestChannel channel;
        TestConversation a, b, c, d;
        long[] ids;

        await using (var first = await AppHost.StartAsync(o =>
        {
            Settings(o);
            o.DataFolder = folder;
            o.KeepDataFolder = true;
            // One send every five seconds per sender: after the first, the others of that sender wait in the outbox.
            o.With("Outbox:MessagesPerSecondPerSender", "0.2");
        }))
        {
            channel = await first.CreateChannelAsync(numbers: 2);
            (a, b, c) = (await first.OpenConversationAsync(channel), await first.OpenConversationAsync(channel), await first.OpenConversationAsync(channel));
            d = await first.OpenConversationAsync(channel, numberIndex: 1);
            var faults = first.GetRequiredService<EmulatorFaults>();
            // A reaches Twilio, which records it and never answers; D never gets past Twilio's front door.
            faults.Add(EmulatorFault.AcceptThenStall(TimeSpan.FromMinutes(1), to: a.Customer));
            faults.Add(EmulatorFault.Slow(TimeSpan.FromMinutes(1), to: d.Customer));

            ids = [await SendAsync(first, a, "A"), await SendAsync(first, b, "B"), await SendAsync(first, c, "C"), await SendAsync(first, d, "D")];

            // Both faults taken means A and D have reached the emulator, which recorded A.
            await Eventually.Get(() => faults.Pending, pending => pending == 0, what: "A and D at the emulator");
            Assert.Single(first.SentTo(a));
            Assert.Empty(first.SentTo(d));
            Assert.Equal([DispatchState.InFlight, DispatchState.Pending, DispatchState.Pending, DispatchState.InFlight], await DispatchOfAsync(first, ids));
        }
        // The first app has stopped: A's answer never arrived, D never reached Twilio, B and C were never tried.

        await using var second = await AppHost.StartAsync(o =>
        {
            Settings(o);
            o.DataFolder = folder;
        });
        foreach (var id in ids) await second.WaitForMessageAsync(id, m => m.Dispatch == DispatchState.Accepted, "accepted after the restart", TimeSpan.FromSeconds(15));

        var persisted = EmulatorState.ReadPersistedMessages(second.EmulatorPath).Where(m => m.Direction == EmulatorMessage.Outbound).ToList();
        foreach (var (conversation, body, id) in new[] { (a, "A", ids[0]), (b, "B", ids[1]), (c, "C", ids[2]), (d, "D", ids[3]) })
        {
            var sent = Assert.Single(persisted, m => m.To == "whatsapp:" + conversation.Customer);
            Assert.Equal(body, sent.Body);
            Assert.Equal(sent.Sid, (await second.MessageAsync(id)).TwilioSid);
        }
        Assert.Contains(second.Logs, l => l.Message.Contains($"Message {ids[0]} was already accepted by Twilio", StringComparison.Ordinal));
        // A still reaches read: its callbacks came while its SID was unknown (or were lost while the app stopped),
        // and the adopted copy at Twilio carries its latest status.
        await second.WaitForMessageAsync(ids[0], m => m.Status == MessageStatus.Read, "A read");
    }

    private static async Task<long> SendAsync(AppHost app, TestConversation conversation, string text)
    {
        var result = await app.SendTextAsync(new SessionMessageInput(conversation.Id, text));
        Assert.True(result.Succeeded, result.FirstMessage);
        return result.Value;
    }

    private static async Task<DispatchState[]> DispatchOfAsync(AppHost app, long[] ids)
    {
        await using var db = await app.CreateDbContextAsync();
        var states = await db.Messages.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Dispatch);
        return ids.Select(id => states[id]).ToArray();
    }
}
