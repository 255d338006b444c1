using OmniWhatsApp.Core.Messages;

namespace OmniWhatsApp.Tests.Core.Messages;

public sealed class MessageStatusesTests
{
    [Theory]
    [InlineData(MessageStatus.Queued, MessageStatus.Sent, true)]
    [InlineData(MessageStatus.Sent, MessageStatus.Delivered, true)]
    [InlineData(MessageStatus.Delivered, MessageStatus.Read, true)]
    [InlineData(MessageStatus.Queued, MessageStatus.Read, true)]
    [InlineData(MessageStatus.Delivered, MessageStatus.Sent, false)]
    [InlineData(MessageStatus.Read, MessageStatus.Delivered, false)]
    [InlineData(MessageStatus.Sent, MessageStatus.Sent, false)]
    [InlineData(MessageStatus.Sent, MessageStatus.Failed, true)]
    [InlineData(MessageStatus.Read, MessageStatus.Failed, false)]
    [InlineData(MessageStatus.Failed, MessageStatus.Delivered, false)]
    [InlineData(MessageStatus.Undelivered, MessageStatus.Read, false)]
    public void A_message_only_moves_forward_and_a_failure_is_final(MessageStatus from, MessageStatus to, bool moves)
    {
        Assert.Equal(moves, MessageStatuses.CanMove(from, to));
    }

    [Theory]
    [InlineData("accepted", MessageStatus.Queued)]
    [InlineData("READ", MessageStatus.Read)]
    [InlineData("undelivered", MessageStatus.Undelivered)]
    public void Parses_Twilios_status_words(string text, MessageStatus status)
    {
        Assert.Equal(status, MessageStatuses.Parse(text));
    }

    [Fact]
    public void Ignores_status_words_the_product_does_not_track()
    {
        Assert.Null(MessageStatuses.Parse("canceled"));
        Assert.Null(MessageStatuses.Parse(null));
    }
}
