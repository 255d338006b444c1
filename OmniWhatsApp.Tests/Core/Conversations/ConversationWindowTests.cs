using OmniWhatsApp.Core.Conversations;

namespace OmniWhatsApp.Tests.Core.Conversations;

public sealed class ConversationWindowTests
{
    private static readonly DateTimeOffset Inbound = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Window_is_open_one_tick_before_24h_after_the_last_inbound()
    {
        var end = ConversationWindow.EndsAt(Inbound);
        Assert.True(ConversationWindow.IsOpen(end, Inbound.AddHours(24).AddTicks(-1)));
    }

    [Fact]
    public void Window_closes_exactly_24h_after_the_last_inbound()
    {
        var end = ConversationWindow.EndsAt(Inbound);
        Assert.False(ConversationWindow.IsOpen(end, Inbound.AddHours(24)));
    }

    [Fact]
    public void A_conversation_with_no_inbound_message_has_no_open_window()
    {
        Assert.Null(ConversationWindow.EndsAt(null));
        Assert.False(ConversationWindow.IsOpen(null, Inbound));
    }
}
