using Bunit;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared.Conversations;

namespace OmniWhatsApp.Tests.Components.Conversations;

/// <summary>The bot's messages in a timeline: the team's side, marked as the bot's, with their ticks.</summary>
public sealed class BotMessageBubbleTests : ComponentTest
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 9, 30, 0, TimeSpan.Zero);

    private IRenderedComponent<MessageBubble> Bubble(MessageKind kind, string? authorId = null, string? authorName = null) =>
        Render<MessageBubble>(p => p.Add(b => b.Message, new MessageView(9, MessageDirection.Outbound, kind, "We are open 9 to 6.",
            MessageStatus.Delivered, DispatchState.Accepted, null, null, At, At, authorId, authorName, [])));

    [Fact]
    public void A_bot_message_is_marked_as_the_bots_in_place_of_an_author_with_its_own_colour_and_ticks()
    {
        var bubble = Bubble(MessageKind.Bot);

        Assert.Equal("outbound", bubble.Find("[data-testid=message]").GetAttribute("data-direction"));
        Assert.Equal("bot", bubble.Find("[data-testid=message]").GetAttribute("data-kind"));
        Assert.Equal("Bot", bubble.Find("[data-testid=bot-mark]").TextContent.Trim());
        Assert.Equal("Sent by the bot", bubble.Find("[data-testid=bot-mark]").GetAttribute("title"));
        Assert.Contains("msg-bot", bubble.Find(".msg").ClassName);
        Assert.Equal("delivered", bubble.Find("[data-testid=ticks]").GetAttribute("data-status"));
        Assert.Equal("We are open 9 to 6.", bubble.Find("[data-testid=message-text]").TextContent);
    }

    [Fact]
    public void An_agents_message_shows_its_author_and_no_bot_mark()
    {
        var bubble = Bubble(MessageKind.Text, "agent-1", "Ada Agent");

        Assert.Empty(bubble.FindAll("[data-testid=bot-mark]"));
        Assert.Equal("Ada Agent", bubble.Find(".msg-author").TextContent.Trim());
    }
}
