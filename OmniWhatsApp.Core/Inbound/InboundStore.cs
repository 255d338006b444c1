using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Routing;

namespace OmniWhatsApp.Core.Inbound;

public enum InboundOutcome
{
    Stored,
    /// <summary>The MessageSid was stored before (Twilio retried): nothing changed.</summary>
    Duplicate,
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
    ILogger<InboundStore> logger) : BackgroundService
{
    public const int MaxBatch = 256;

    private readonly Channel<Work> queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private sealed record Work(ChannelAccount Account, ChannelNumber Number, InboundMessage Message, DateTimeOffset ReceivedAt, TaskCompletionSource<InboundOutcome> Done);

    /// <summary>Queues the message and completes once it is committed (or found to be a duplicate).</summary>
    public async Task<InboundOutcome> StoreAsync(ChannelAccount account, ChannelNumber number, InboundMessage message, DateTimeOffset receivedAt, CancellationToken ct)
    {
        var work = new Work(account, number, message, receivedAt, new TaskCompletionSource<InboundOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        await queue.Writer.WriteAsync(work, ct);
        return await work.Done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Work>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var work)) batch.Add(work);
                await WriteAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Requests still waiting get an error, so Twilio retries them against the next start.
        while (queue.Reader.TryRead(out var left)) left.Done.TrySetCanceled(stoppingToken);
    }

    private async Task WriteAsync(List<Work> batch)
    {
        try
        {
            var published = await WriteBatchAsync(batch);
            Publish(published);
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            // One bad message must not fail its neighbours: store them one by one.
            logger.LogWarning(ex, "A batch of {Count} inbound messages failed; storing them one by one", batch.Count);
            foreach (var work in batch)
            {
                try
                {
                    Publish(await WriteBatchAsync([work]));
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

    private void Publish(List<ConversationEvent> published)
    {
        foreach (var e in published) events.Publish(e);
        if (published.Count > 0) mediaSignal.Notify();
    }

    /// <summary>Saves the batch in one transaction; returns the events to publish once it is committed.</summary>
    private async Task<List<ConversationEvent>> WriteBatchAsync(IReadOnlyList<Work> batch)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var sids = batch.Select(w => w.Message.MessageSid).ToList();
        var known = (await db.Messages.Where(m => m.TwilioSid != null && sids.Contains(m.TwilioSid)).Select(m => m.TwilioSid!).ToListAsync()).ToHashSet();

        var fresh = new List<Work>();
        var duplicates = new List<Work>();
        foreach (var work in batch)
        {
            (known.Add(work.Message.MessageSid) ? fresh : duplicates).Add(work);
        }

        var phones = fresh.Select(w => w.Message.From.Value).Distinct().ToList();
        var customers = await db.Customers.Where(c => phones.Contains(c.Phone)).ToDictionaryAsync(c => c.Phone);
        var customerIds = customers.Values.Select(c => c.Id).ToList();
        var numberIds = fresh.Select(w => w.Number.NumberId).Distinct().ToList();
        var open = await db.Conversations
            .Where(c => c.Status != ConversationStatus.Closed && numberIds.Contains(c.NumberId) && customerIds.Contains(c.CustomerId))
            .ToListAsync();
        var conversations = open.GroupBy(c => (c.NumberId, c.CustomerId)).ToDictionary(g => (g.Key.NumberId, Phone: customers.Values.First(x => x.Id == g.Key.CustomerId).Phone), g => g.OrderByDescending(c => c.Id).First());

        var added = new List<(Work Work, Conversation Conversation, Message Message, bool Opened, Message? Notice)>();
        foreach (var work in fresh)
        {
            var m = work.Message;
            if (!customers.TryGetValue(m.From.Value, out var customer))
            {
                customer = new Customer { Phone = m.From.Value };
                customers[m.From.Value] = customer;
                db.Customers.Add(customer);
            }
            if (m.ProfileName is not null) customer.ProfileName = m.ProfileName;

            var opened = false;
            if (!conversations.TryGetValue((work.Number.NumberId, customer.Phone), out var conversation))
            {
                conversation = Open(work, customer);
                conversations[(work.Number.NumberId, customer.Phone)] = conversation;
                db.Conversations.Add(conversation);
                opened = true;
            }
            conversation.LastInboundAt = Max(conversation.LastInboundAt, work.ReceivedAt);
            conversation.WindowEndsAt = ConversationWindow.EndsAt(conversation.LastInboundAt);
            conversation.LastMessageAt = Max(conversation.LastMessageAt, work.ReceivedAt);

            var accepted = work.Number.Workstream?.CustomersCanSendAttachments == true;
            var message = new Message
            {
                Conversation = conversation,
                Direction = MessageDirection.Inbound,
                Kind = MessageKind.Text,
                Body = m.Body,
                TwilioSid = m.MessageSid,
                Status = MessageStatus.Received,
                CreatedAt = work.ReceivedAt,
                StatusAt = work.ReceivedAt,
                Media = m.Media.Select(x => new MessageMedia
                {
                    Index = x.Index,
                    ContentType = x.ContentType,
                    SourceUrl = x.Url,
                    State = accepted ? MediaState.Pending : MediaState.Refused,
                }).ToList(),
            };
            db.Messages.Add(message);

            Message? notice = null;
            if (m.Media.Count > 0 && !accepted && work.Number.Workstream?.AttachmentsRefusedMessage is { } text)
            {
                // The window has just been opened by this very message, so the notice is a session message.
                notice = new Message
                {
                    Conversation = conversation,
                    Direction = MessageDirection.Outbound,
                    Kind = MessageKind.Automated,
                    Body = text,
                    Status = MessageStatus.Queued,
                    CreatedAt = work.ReceivedAt,
                    Dispatch = DispatchState.Pending,
                    NextAttemptAt = work.ReceivedAt,
                };
                db.Messages.Add(notice);
            }
            added.Add((work, conversation, message, opened, notice));
        }

        if (fresh.Count > 0)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        var published = new List<ConversationEvent>();
        foreach (var (work, conversation, message, opened, notice) in added)
        {
            if (opened)
            {
                published.Add(new ConversationOpened(conversation.Id, conversation.QueueId, conversation.AssignedAgentId, work.ReceivedAt,
                    work.Message.From.Value, work.Message.ProfileName));
            }
            published.Add(new MessageAdded(conversation.Id, conversation.QueueId, conversation.AssignedAgentId, work.ReceivedAt, message.Id, MessageDirection.Inbound, MessageKind.Text));
            if (notice is not null)
            {
                published.Add(new MessageAdded(conversation.Id, conversation.QueueId, conversation.AssignedAgentId, work.ReceivedAt, notice.Id, MessageDirection.Outbound, MessageKind.Automated));
            }
            work.Done.TrySetResult(InboundOutcome.Stored);
        }
        foreach (var work in duplicates) work.Done.TrySetResult(InboundOutcome.Duplicate);
        return published;
    }

    private static Conversation Open(Work work, Customer customer)
    {
        var workstream = work.Number.Workstream;
        var queueId = workstream is null
            ? null
            : WorkClassification.PickQueue(workstream.Rules, workstream.FallbackQueueId, new RoutingFacts(work.Number.NumberId, workstream.Language, work.Message.Body));
        return new Conversation
        {
            Customer = customer,
            NumberId = work.Number.NumberId,
            WorkstreamId = workstream?.WorkstreamId,
            QueueId = queueId,
            Language = workstream?.Language,
            Status = ConversationStatus.Waiting,
            CreatedAt = work.ReceivedAt,
            LastMessageAt = work.ReceivedAt,
        };
    }

    private static DateTimeOffset Max(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}

/// <summary>Wakes the media worker when new attachments are waiting.</summary>
public sealed class MediaSignal
{
    private readonly Channel<bool> channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => channel.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await channel.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
    }
}
