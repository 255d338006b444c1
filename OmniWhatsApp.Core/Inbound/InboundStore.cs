using System.Threading.Channels;
using OmniWhatsApp.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;

namespace OmniWhatsApp.Core.Inbound;

public enum InboundOutcome
{
    Stored,
    /// <summary>The MessageSid was stored before (Twilio retried): nothing changed.</summary>
    Duplicate,
    /// <summary>The number was removed, or its channel deleted, while the message arrived: nothing was stored.</summary>
    ChannelGone,
    /// <summary>The number's workstream changed while the message arrived: nothing was stored; look the channel up again.</summary>
    RoutingChanged,
}

/// <summary>
/// Stores inbound messages with group commit: webhook requests hand their message to one writer, which
/// saves everything waiting in a single transaction and then answers each request. A request is answered
/// only after its message is committed, so Twilio never gets a 200 for a message that could be lost; and
/// the database sees one transaction per batch instead of one per message.
/// </summary>
public sealed class InboundStore(
    IDbContextFactory<OmniDbContext> dbFactory,
    IConversationEvents events,
    MediaSignal mediaSignal,
    Outbound.OutboxSignal outboxSignal,
    Bots.BotSignal botSignal,
    Microsoft.Extensions.Localization.IStringLocalizer<Localization.Strings> L,
    ILogger<InboundStore> logger) : BackgroundService
{
    public const int MaxBatch = GroupCommitQueue<object>.MaxBatch;

    private readonly InboundWriter writer = new(L);

    private readonly GroupCommitQueue<Work> queue = new();

    private sealed record Work(ChannelAccount Account, ChannelNumber Number, InboundMessage Message, DateTimeOffset ReceivedAt, TaskCompletionSource<InboundOutcome> Done);

    /// <summary>Queues the message and completes once it is committed (or found to be a duplicate).</summary>
    public async Task<InboundOutcome> StoreAsync(ChannelAccount account, ChannelNumber number, InboundMessage message, DateTimeOffset receivedAt, CancellationToken ct)
    {
        var work = new Work(account, number, message, receivedAt, new TaskCompletionSource<InboundOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        await queue.QueueAsync(work, ct);
        return await work.Done.Task.WaitAsync(ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Requests still waiting at shutdown get an error, so Twilio retries them against the next start.
        queue.RunAsync(WriteAsync, (work, ct) => work.Done.TrySetCanceled(ct), stoppingToken);

    private async Task WriteAsync(List<Work> batch)
    {
        try
        {
            var (published, withBot) = await WriteBatchAsync(batch);
            Publish(published, withBot, batch);
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            // One bad message must not fail its neighbours: store them one by one.
            logger.LogWarning(ex, "A batch of {Count} inbound messages failed; storing them one by one", batch.Count);
            foreach (var work in batch)
            {
                try
                {
                    var (published, withBot) = await WriteBatchAsync([work]);
                    Publish(published, withBot, [work]);
                }
                catch (Exception single)
                {
                    logger.LogError(single, "Inbound message {MessageSid} could not be stored", work.Message.MessageSid);
                    work.Done.TrySetException(single);
                }
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Inbound message {MessageSid} could not be stored", batch[0].Message.MessageSid);
            batch[0].Done.TrySetException(ex);
        }
    }

    private void Publish(List<ConversationEvent> published, bool withBot, IReadOnlyList<Work> batch)
    {
        foreach (var e in published) events.Publish(e);
        if (published.Count == 0) return;
        // The media worker looks for attachments to fetch only when a message of the batch had some.
        if (batch.Any(w => w.Message.Media.Count > 0)) mediaSignal.Notify();
        // An attachments-refused notice went into the outbox with the batch.
        if (published.OfType<MessageAdded>().Any(e => e.Direction == MessageDirection.Outbound)) outboxSignal.Notify();
        if (withBot) botSignal.Notify();
    }

    /// <summary>
    /// Saves the batch in one transaction; returns the events to publish once it is committed, and whether a message
    /// went to a conversation the bot holds (the bot worker then has a turn to take).
    /// </summary>
    private async Task<(List<ConversationEvent> Published, bool WithBot)> WriteBatchAsync(IReadOnlyList<Work> batch)
    {
        var (connection, sql) = await Connection.OpenAsync();
        List<InboundRowResult> results;
        try
        {
            await using var transaction = await connection.BeginTransactionAsync();
            sql.Use(transaction);
            results = await writer.WriteAsync(sql, batch.Select(w => new InboundRow(w.Account.Id, w.Message, w.Number, w.ReceivedAt)).ToList(), CancellationToken.None);
            await transaction.CommitAsync();
        }
        catch
        {
            // Ids remembered during this batch may belong to rows that were just rolled back; and a fresh connection for
            // what comes next, in case this one is the problem.
            writer.Forget();
            await Connection.DropAsync();
            throw;
        }
        finally
        {
            sql.Use(null);
        }

        var published = new List<ConversationEvent>();
        for (var i = 0; i < batch.Count; i++)
        {
            var (work, result) = (batch[i], results[i]);
            if (result.Duplicate || result.ChannelGone || result.RoutingChanged)
            {
                work.Done.TrySetResult(result.ChannelGone ? InboundOutcome.ChannelGone
                    : result.RoutingChanged ? InboundOutcome.RoutingChanged
                    : InboundOutcome.Duplicate);
                continue;
            }
            if (result.Opened)
            {
                published.Add(new ConversationOpened(result.ConversationId, result.QueueId, result.AgentId, work.ReceivedAt, work.Message.From.Value, work.Message.ProfileName));
            }
            published.Add(new MessageAdded(result.ConversationId, result.QueueId, result.AgentId, work.ReceivedAt, result.MessageId, MessageDirection.Inbound, MessageKind.Text));
            if (result.Moved is { } moved)
            {
                // As a transfer to a queue: the agent who had it sees it leave, distribution finds it waiting.
                published.Add(new ConversationAssigned(result.ConversationId, result.QueueId, null, work.ReceivedAt, moved.PreviousAgentId, moved.PreviousQueueId));
                published.Add(new MessageAdded(result.ConversationId, result.QueueId, null, work.ReceivedAt, moved.LineId, MessageDirection.Outbound, MessageKind.System));
            }
            if (result.NoticeId is { } notice)
            {
                published.Add(new MessageAdded(result.ConversationId, result.QueueId, result.AgentId, work.ReceivedAt, notice, MessageDirection.Outbound, MessageKind.Automated));
            }
            work.Done.TrySetResult(InboundOutcome.Stored);
        }
        return (published, results.Any(r => r.WithBot));
    }

    private KeptConnection? kept;

    /// <summary>The writer's own connection, kept open across batches.</summary>
    private KeptConnection Connection => kept ??= new KeptConnection(dbFactory, logger, "inbound writer");

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Connection.DropAsync();
    }
}

/// <summary>Wakes the media worker when new attachments are waiting.</summary>
public sealed class MediaSignal : OmniWhatsApp.Core.Common.WakeSignal;
