using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Outbound;

/// <summary>
/// Two dispatchers (two instances' outbox writers, each with its own connection and transactions) claiming the same
/// messages at the same moment: each message is claimed by one of them, once, and a claim another dispatcher holds is
/// taken over only when its lease has run out, again by one of them.
/// </summary>
[Trait("Storage", "Both")]
public sealed class OutboxClaimRaceTests(QuietOutboxHost host) : IClassFixture<QuietOutboxHost>
{
    private AppHost App => host.App;

    [Fact]
    public async Task Two_dispatchers_claiming_the_same_messages_at_once_never_both_claim_one()
    {
        var due = await StoreAsync(60, DispatchState.Pending, claim: null);

        var (first, second) = await RaceAsync(due);

        Assert.Empty(first.Intersect(second));
        Assert.Equal(due.Select(d => d.Id).Order(), first.Concat(second).Order());
        await using var db = await App.CreateDbContextAsync();
        var ids = due.Select(d => d.Id).ToList();
        Assert.All(await db.Messages.Where(m => ids.Contains(m.Id)).ToListAsync(), m => Assert.Equal((DispatchState.InFlight, 1), (m.Dispatch, m.Attempts)));
    }

    [Fact]
    public async Task An_abandoned_claim_is_taken_over_once_its_lease_is_over_and_a_live_one_is_left_alone()
    {
        var lease = App.GetRequiredService<IOptions<OutboxOptions>>().Value.InFlightLease;
        var abandoned = await StoreAsync(20, DispatchState.InFlight, claim: DateTimeOffset.UtcNow - lease - TimeSpan.FromSeconds(5));
        var live = await StoreAsync(20, DispatchState.InFlight, claim: DateTimeOffset.UtcNow - lease + TimeSpan.FromSeconds(30));

        var (first, second) = await RaceAsync([.. abandoned, .. live]);

        Assert.Empty(first.Intersect(second));
        Assert.Equal(abandoned.Select(d => d.Id).Order(), first.Concat(second).Order());
        await using var db = await App.CreateDbContextAsync();
        var ids = abandoned.Select(d => d.Id).ToList();
        Assert.All(await db.Messages.Where(m => ids.Contains(m.Id)).ToListAsync(), m => Assert.Equal(2, m.Attempts));
    }

    /// <summary>Both writers claim every message, in small groups in opposite orders, all at once; the ids each got.</summary>
    private async Task<(List<long> First, List<long> Second)> RaceAsync(IReadOnlyList<DueMessage> due)
    {
        var a = NewStore();
        var b = NewStore();
        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);
        try
        {
            using var start = new ManualResetEventSlim();
            Task<List<ClaimedMessage>> Claim(OutboxStore store, IReadOnlyList<DueMessage> group) => Task.Run(async () =>
            {
                start.Wait();
                return await store.ClaimAsync(group);
            });
            var groups = due.Chunk(5).ToList();
            var firsts = groups.Select(g => Claim(a, g)).ToList();
            var seconds = Enumerable.Reverse(groups).Select(g => Claim(b, g.Reverse().ToList())).ToList();
            start.Set();
            var first = (await Task.WhenAll(firsts).WaitAsync(TimeSpan.FromSeconds(60))).SelectMany(c => c).Select(c => c.Due.Id).ToList();
            var second = (await Task.WhenAll(seconds).WaitAsync(TimeSpan.FromSeconds(60))).SelectMany(c => c).Select(c => c.Due.Id).ToList();
            return (first, second);
        }
        finally
        {
            await a.StopAsync(CancellationToken.None);
            await b.StopAsync(CancellationToken.None);
            a.Dispose();
            b.Dispose();
        }
    }

    /// <summary><paramref name="count"/> messages, each the only one of its conversation, as a dispatcher reads them.</summary>
    private async Task<List<DueMessage>> StoreAsync(int count, DispatchState dispatch, DateTimeOffset? claim)
    {
        var channel = await App.CreateChannelAsync();
        var ids = new List<long>();
        await using var db = await App.CreateDbContextAsync();
        for (var i = 0; i < count; i++)
        {
            var conversation = await App.OpenConversationAsync(channel, tellEmulator: false);
            var message = new Message
            {
                ConversationId = conversation.Id,
                Direction = MessageDirection.Outbound,
                Kind = MessageKind.Text,
                Body = $"Race {i}",
                Status = MessageStatus.Queued,
                CreatedAt = DateTimeOffset.UtcNow,
                Dispatch = dispatch,
                AttemptStartedAt = claim,
                Attempts = claim is null ? 0 : 1,
            };
            db.Messages.Add(message);
            await db.SaveChangesAsync();
            ids.Add(message.Id);
        }
        return await db.Messages.Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id)
            .Select(m => new DueMessage(m.Id, m.Conversation!.NumberId, m.Dispatch, m.AttemptStartedAt)).ToListAsync();
    }

    private OutboxStore NewStore() => new(
        App.GetRequiredService<IDbContextFactory<OmniDbContext>>(),
        App.GetRequiredService<IConversationEvents>(),
        App.GetRequiredService<OutboxSignal>(),
        new InFlightCutoff(App.GetRequiredService<IOptions<OutboxOptions>>()),
        App.GetRequiredService<TimeProvider>(),
        App.GetRequiredService<IStringLocalizer<Strings>>(),
        App.GetRequiredService<ILogger<OutboxStore>>());
}
