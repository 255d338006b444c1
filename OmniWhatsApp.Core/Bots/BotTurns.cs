using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Persistence;

namespace OmniWhatsApp.Core.Bots;

/// <summary>
/// One bot turn of a conversation the bot holds: the customer's inbound messages after
/// <see cref="Conversation.BotSeenMessageId"/> go to the channel's bot (the FAQ rules, or the external bot over
/// HTTP), and what it decided is committed in one transaction: its replies (through the outbox's writer, so the
/// 24-hour window holds), the messages it has now seen, its misses and, on a hand-off, the move to Waiting in the
/// queue with the reason in the timeline. The commit is a conditional update on the conversation as the turn read it
/// (still with the bot, same messages seen), so a turn is applied once even when two instances, or a restart, run it
/// twice; a turn that was not committed is simply taken again.
/// </summary>
public sealed class BotTurns(
    IDbContextFactory<OmniDbContext> dbFactory,
    ExternalBotClient external,
    PublicMediaLinks links,
    IConversationEvents events,
    OutboxSignal outboxSignal,
    DistributionSignal distributionSignal,
    TimeProvider clock,
    IStringLocalizer<Strings> L,
    ILogger<BotTurns> logger)
{
    /// <summary>The most customer messages one turn takes; more wait for the next turn.</summary>
    public const int MaxMessagesPerTurn = 20;

    private readonly OutboxWriter writer = new(L, logger);

    /// <summary>
    /// Conversations with the bot that have a turn to take (new customer messages), or whose channel's bot is off now,
    /// except <paramref name="except"/> (turns running); oldest first.
    /// </summary>
    public async Task<List<int>> DueAsync(int limit, IReadOnlyCollection<int> except, CancellationToken ct = default)
    {
        var skip = except.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Conversations
            .Where(c => c.Status == ConversationStatus.WithBot && !skip.Contains(c.Id)
                        && (db.Messages.Any(m => m.ConversationId == c.Id && m.Direction == MessageDirection.Inbound && m.Id > (c.BotSeenMessageId ?? 0))
                            || !db.WhatsAppSetups.Any(s => s.WorkstreamId == c.WorkstreamId && s.Bot.Mode != BotMode.Off)))
            .OrderBy(c => c.Id).Select(c => c.Id).Take(limit).ToListAsync(ct);
    }

    /// <summary>What the bot decided for a turn.</summary>
    private sealed record Decision(long? Seen, int Misses, IReadOnlyList<string> Replies, HandoffReason? Handoff)
    {
        public string? Note { get; init; }
        public string? Queue { get; init; }
        public BotFailure? Failure { get; init; }
        public int? Status { get; init; }
    }

    private sealed record Inbound(long Id, string? Body, string? ChoiceId, string? ChoiceTitle, DateTimeOffset At, List<(long Id, string ContentType, MediaState State)> Media);

    /// <summary>Takes the conversation's turn, if it is still with the bot and has one; false when there was nothing to do or another took it.</summary>
    public async Task<bool> TakeTurnAsync(int conversationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Conversations.AsNoTracking().Where(x => x.Id == conversationId)
            .Select(x => new
            {
                x.Status, x.NumberId, x.WorkstreamId, x.QueueId, x.Language, x.BotSeenMessageId, x.BotMisses, x.WindowEndsAt,
                x.Customer!.Phone, x.Customer.ProfileName,
            })
            .FirstOrDefaultAsync(ct);
        if (c is null || c.Status != ConversationStatus.WithBot) return false;

        var bot = c.WorkstreamId is null ? null
            : await db.WhatsAppSetups.AsNoTracking().Where(s => s.WorkstreamId == c.WorkstreamId).Select(s => s.Bot).FirstOrDefaultAsync(ct);
        var seen = c.BotSeenMessageId ?? 0;
        var inbound = (await db.Messages.AsNoTracking()
                .Where(m => m.ConversationId == conversationId && m.Direction == MessageDirection.Inbound && m.Id > seen)
                .OrderBy(m => m.Id).Take(MaxMessagesPerTurn)
                .Select(m => new { m.Id, m.Body, m.ChoiceId, m.ChoiceTitle, m.CreatedAt, Media = m.Media.OrderBy(x => x.Index).Select(x => new { x.Id, x.ContentType, x.State }).ToList() })
                .ToListAsync(ct))
            .Select(m => new Inbound(m.Id, m.Body, m.ChoiceId, m.ChoiceTitle, m.CreatedAt, m.Media.Select(x => (x.Id, x.ContentType, x.State)).ToList()))
            .ToList();
        var newest = inbound.Count > 0 ? inbound[^1].Id : c.BotSeenMessageId;

        Decision decision;
        if (bot is null || bot.Mode == BotMode.Off)
        {
            decision = new Decision(newest, c.BotMisses, [], HandoffReason.SwitchedOff);
        }
        else if (inbound.Count == 0)
        {
            return false;
        }
        else if (bot.Mode == BotMode.Faq)
        {
            var entries = await db.BotFaqEntries.AsNoTracking().Where(e => e.WorkstreamId == c.WorkstreamId).ToListAsync(ct);
            var spoken = await db.Messages.AnyAsync(m => m.ConversationId == conversationId && m.Kind == MessageKind.Bot, ct);
            var turn = FaqTurn.Take(bot, entries, c.Language, inbound.Select(m => m.Body ?? m.ChoiceTitle).ToList(), c.BotMisses, spoken,
                () => Rephrase(bot, c.Language));
            decision = new Decision(newest, turn.Misses, turn.Replies, turn.Handoff);
        }
        else
        {
            var request = new BotTurnRequest(BotContract.Version, newest!.Value, conversationId, new BotCustomer(c.Phone, c.ProfileName), c.Language,
                inbound.Select(m => new BotInboundMessage(m.Id, m.Body,
                    m.Media.Where(x => x.State != MediaState.Refused).Select(x => new BotMedia(links.Create(x.Id).ToString(), x.ContentType)).ToList(),
                    m.ChoiceId is null && m.ChoiceTitle is null ? null : new BotChoice(m.ChoiceId, m.ChoiceTitle), m.At)).ToList(),
                c.WindowEndsAt, clock.GetUtcNow());
            var result = await external.CallAsync(bot, request, ct);
            decision = result.Reply is { } reply
                ? new Decision(newest, 0, [.. (reply.Messages ?? []).Select(m => m.Text!.Trim())], reply.Handoff is null ? null : HandoffReason.BotAsked)
                {
                    Note = Trimmed(reply.Handoff?.Note, 500), Queue = Trimmed(reply.Handoff?.Queue, 200),
                }
                : new Decision(newest, c.BotMisses, [], HandoffReason.BotError) { Failure = result.Failure, Status = result.StatusCode };
        }

        return await ApplyAsync(conversationId, c.NumberId, c.WorkstreamId, c.QueueId, c.BotSeenMessageId, decision, ct);
    }

    /// <summary>Commits the turn if the conversation is still as the turn read it; then tells the outbox, the live screens and distribution.</summary>
    private async Task<bool> ApplyAsync(int conversationId, int numberId, int? workstreamId, int? queueId, long? previous, Decision decision, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var handoff = decision.Handoff is not null;
        var lines = new List<string>();
        var target = queueId;
        if (decision.Queue is { } asked)
        {
            var (found, stays) = await QueueOfWorkstreamAsync(workstreamId, queueId, asked, ct);
            if (found is not null) target = found;
            else lines.Add(L.Line("The bot asked for the queue “{0}”, which is not one of the workstream's: the conversation stays in {1}", asked, stays ?? "—"));
        }

        var stored = new List<long>();
        var lineIds = new List<long>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await using var sql = await Sql.OnAsync(db, ct);
            var claimed = await sql.ExecuteAsync(
                """
                UPDATE "Conversations" SET "BotSeenMessageId" = @seen, "BotMisses" = @misses,
                  "Status" = CASE WHEN @handoff THEN @waiting ELSE "Status" END,
                  "QueueId" = CASE WHEN @handoff THEN @target ELSE "QueueId" END,
                  "QueuedAt" = CASE WHEN @handoff THEN @now ELSE "QueuedAt" END
                WHERE "Id" = @id AND "Status" = @withBot AND "BotSeenMessageId" IS NOT DISTINCT FROM @previous
                """,
                new
                {
                    seen = decision.Seen, misses = decision.Misses, handoff, waiting = ConversationStatus.Waiting, target, now,
                    id = conversationId, withBot = ConversationStatus.WithBot, previous,
                }, ct);
            if (claimed == 0)
            {
                // Taken over by a supervisor, or the same turn committed by another instance meanwhile: nothing to do.
                logger.LogDebug("Bot turn of conversation {ConversationId} not applied: the conversation changed meanwhile", conversationId);
                return false;
            }

            var windowClosed = false;
            foreach (var text in decision.Replies)
            {
                var message = new Message
                {
                    ConversationId = conversationId, Direction = MessageDirection.Outbound, Kind = MessageKind.Bot, Body = text,
                    Status = MessageStatus.Queued, CreatedAt = now, Dispatch = DispatchState.Pending, NextAttemptAt = now,
                };
                var result = await writer.EnqueueAsync(sql, message, requireOpenWindow: true, sender: null, ct);
                if (result.Outcome == EnqueueOutcome.Stored) stored.Add(result.MessageId);
                else windowClosed = true;
            }
            if (windowClosed) lines.Insert(0, L.Line("Bot reply not sent: the 24-hour window is closed"));
            if (decision.Handoff is { } reason) lines.Add(HandoffLine(reason, decision));
            foreach (var text in lines)
            {
                var line = SystemLines.New(conversationId, text, now);
                db.Messages.Add(line);
                await db.SaveChangesAsync(ct);
                lineIds.Add(line.Id);
            }
            await transaction.CommitAsync(ct);
        }

        if (decision.Handoff is { } why)
        {
            logger.LogInformation("Bot handed conversation {ConversationId} to the agents: {Reason} {Failure} {Status}", conversationId, why, decision.Failure, decision.Status);
        }
        var after = handoff ? target : queueId;
        foreach (var id in stored)
        {
            events.Publish(new MessageAdded(conversationId, after, null, now, id, MessageDirection.Outbound, MessageKind.Bot));
            outboxSignal.Offer(new DueMessage(id, numberId, DispatchState.Pending, null));
        }
        if (handoff) events.Publish(new ConversationAssigned(conversationId, target, null, now, null, queueId));
        foreach (var id in lineIds) events.Publish(new MessageAdded(conversationId, after, null, now, id, MessageDirection.Outbound, MessageKind.System));
        if (handoff) distributionSignal.Notify();
        return true;
    }

    /// <summary>
    /// The queue of the workstream (its fallback queue or a routing rule's) named <paramref name="name"/> (or with that
    /// id); otherwise null and the name of the conversation's own queue.
    /// </summary>
    private async Task<(int? Found, string? Own)> QueueOfWorkstreamAsync(int? workstreamId, int? own, string name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = workstreamId is null ? [] : await db.RoutingRules.Where(r => r.WorkstreamId == workstreamId).Select(r => r.QueueId)
            .Union(db.Workstreams.Where(w => w.Id == workstreamId && w.FallbackQueueId != null).Select(w => w.FallbackQueueId!.Value))
            .ToListAsync(ct);
        var queues = await db.Queues.AsNoTracking().Where(q => ids.Contains(q.Id) || q.Id == own).Select(q => new { q.Id, q.Name }).ToListAsync(ct);
        var found = queues.Where(q => ids.Contains(q.Id))
            .FirstOrDefault(q => string.Equals(q.Name.Trim(), name, StringComparison.OrdinalIgnoreCase) || q.Id.ToString(CultureInfo.InvariantCulture) == name);
        return (found?.Id, queues.FirstOrDefault(q => q.Id == own)?.Name);
    }

    private string HandoffLine(HandoffReason reason, Decision decision) => reason switch
    {
        HandoffReason.CustomerAsked => L.Line("Handed to the agents by the bot: the customer asked for an agent"),
        HandoffReason.NoAnswer => L.Line("Handed to the agents by the bot: no answer found"),
        HandoffReason.BotAsked when decision.Note is { } note => L.Line("Handed to the agents by the bot: the bot asked for it (“{0}”)", note),
        HandoffReason.BotAsked => L.Line("Handed to the agents by the bot: the bot asked for it"),
        HandoffReason.SwitchedOff => L.Line("Handed to the agents by the bot: the bot was switched off"),
        _ => decision.Failure switch
        {
            BotFailure.Timeout => L.Line("Handed to the agents by the bot: bot error: timeout"),
            BotFailure.ServerError => L.Line("Handed to the agents by the bot: bot error: server error {0}", decision.Status),
            BotFailure.HttpStatus => L.Line("Handed to the agents by the bot: bot error: HTTP status {0}", decision.Status),
            BotFailure.BadSignature => L.Line("Handed to the agents by the bot: bot error: bad signature on the reply"),
            BotFailure.Unreachable => L.Line("Handed to the agents by the bot: bot error: unreachable"),
            BotFailure.NotHttps => L.Line("Handed to the agents by the bot: bot error: the bot's address is not HTTPS"),
            BotFailure.NoSecret => L.Line("Handed to the agents by the bot: bot error: no shared secret saved, or it cannot be read"),
            _ => L.Line("Handed to the agents by the bot: bot error: malformed reply"),
        },
    };

    /// <summary>
    /// The FAQ bot's built-in "did not understand" reply, in the conversation's language (English when it has none of
    /// the console's), naming the hand-off word of that language when the channel's list has it, else its first word.
    /// </summary>
    private string Rephrase(BotSettings bot, string? language)
    {
        var words = bot.HandoffWordList().ToList();
        var usual = UsualHandoffWords.GetValueOrDefault(UiLanguages.Normalize(language) ?? UiLanguages.English, "agent");
        var word = words.FirstOrDefault(w => FaqMatcher.Fold(w) == FaqMatcher.Fold(usual)) ?? words.FirstOrDefault();
        return UiLanguages.In(language, () => word is null
            ? L["Sorry, I did not understand. Could you say it in other words?"].Value
            : L["Sorry, I did not understand. Could you say it in other words, or type “{0}” to talk to a person?", word].Value);
    }

    /// <summary>The default hand-off word of each language (<see cref="BotSettings.DefaultHandoffWords"/>).</summary>
    private static readonly Dictionary<string, string> UsualHandoffWords = new(StringComparer.Ordinal)
    {
        [UiLanguages.English] = "agent", [UiLanguages.Turkish] = "temsilci", [UiLanguages.Russian] = "оператор",
    };

    private static string? Trimmed(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim() is var t && t.Length > max ? t[..max] : text.Trim();
}
