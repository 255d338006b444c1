using System.Text;
using Microsoft.AspNetCore.SignalR.Protocol;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Web.Hubs;

namespace OmniWhatsApp.Tests.Web.Hubs;

/// <summary>What the forwarder does to a batch of live events before it sends it, and how a batch is written.</summary>
public sealed class LiveEventBatchTests
{
    private static readonly DateTimeOffset T = DateTimeOffset.UnixEpoch;

    private static MessageStatusChanged Status(int conversation, long message, MessageStatus status) => new(conversation, 7, null, T, message, status, null, null);

    [Fact]
    public void A_messages_status_changes_in_one_batch_leave_only_the_latest_in_its_place()
    {
        var opened = new ConversationOpened(1, 7, null, T, "+1", null);
        var added = new MessageAdded(1, 7, null, T, 10, MessageDirection.Outbound, MessageKind.Automated);
        var other = new MessageAdded(2, 7, null, T, 20, MessageDirection.Inbound, MessageKind.Text);

        var merged = LiveEventBatch.Merge([opened, added, Status(1, 10, MessageStatus.Queued), other, Status(1, 10, MessageStatus.Sent),
            Status(2, 21, MessageStatus.Sent), Status(1, 10, MessageStatus.Delivered)]);

        Assert.Equal<LiveEvent>([opened, added, other, Status(2, 21, MessageStatus.Sent), Status(1, 10, MessageStatus.Delivered)], merged);
    }

    [Fact]
    public void A_batch_without_repeated_status_changes_is_sent_as_it_is()
    {
        LiveEvent[] batch = [Status(1, 10, MessageStatus.Sent), Status(1, 11, MessageStatus.Sent), new ConversationClosed(1, 7, null, T)];

        Assert.Same(batch, LiveEventBatch.Merge(batch));
    }

    [Fact]
    public void A_batch_is_written_as_the_invocations_a_client_gets_one_by_one_in_one_buffer()
    {
        var protocol = new LiveEventBatchProtocol(new JsonHubProtocol());
        LiveEvent[] events = [new ConversationOpened(1, 7, null, T, "+1", null), Status(1, 10, MessageStatus.Read)];

        var batch = protocol.GetMessageBytes(new InvocationMessage(LiveEventBatchProtocol.Target, LiveEventBatchProtocol.Arguments(events)));

        var oneByOne = events.SelectMany(e => protocol.GetMessageBytes(new InvocationMessage(e.Name, [e])).ToArray()).ToArray();
        Assert.Equal(Encoding.UTF8.GetString(oneByOne), Encoding.UTF8.GetString(batch.Span));
        Assert.Contains("\"target\":\"conversationOpened\"", Encoding.UTF8.GetString(batch.Span));
        Assert.DoesNotContain(LiveEventBatchProtocol.Target, Encoding.UTF8.GetString(batch.Span));
    }
}
