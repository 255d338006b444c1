using Bunit;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared.Conversations;

namespace OmniWhatsApp.Tests.Components.Conversations;

/// <summary>An agent's buttons, list and location in the timeline, and the Reply action on a bubble.</summary>
public sealed class RichBubbleTests : ComponentTest
{
    private static MessageView Sent(RichContent rich, string body) =>
        new(9, MessageDirection.Outbound, MessageKind.Text, body, MessageStatus.Delivered, DispatchState.Accepted, null, null,
            new DateTimeOffset(2026, 12, 6, 9, 30, 0, TimeSpan.Zero), null, "agent-1", "Ada Agent", [])
        {
            Rich = rich,
        };

    [Fact]
    public void Reply_buttons_show_under_the_text_and_cannot_be_tapped_by_the_agent()
    {
        var bubble = Render<MessageBubble>(p => p.Add(b => b.Message, Sent(new RichContent
        {
            Type = RichContentType.QuickReply,
            Body = "How can we help?",
            Buttons = [new(RichButtonKind.QuickReply, "Billing", "billing"), new(RichButtonKind.QuickReply, "Delivery", "delivery")],
        }, "How can we help?")));

        Assert.Equal("How can we help?", bubble.Find("[data-testid=message-text]").TextContent);
        Assert.Equal(["Billing", "Delivery"], bubble.FindAll("[data-testid=rich-button]").Select(b => b.TextContent.Trim()));
        Assert.Empty(bubble.FindAll("[data-testid=rich-buttons] button"));
    }

    [Fact]
    public void A_list_shows_its_button_and_rows()
    {
        var bubble = Render<MessageBubble>(p => p.Add(b => b.Message, Sent(new RichContent
        {
            Type = RichContentType.ListPicker,
            Body = "Pick a topic",
            ListButton = "Topics",
            Items = [new("billing", "Billing", "Invoices and refunds"), new("delivery", "Delivery")],
        }, "Pick a topic")));

        Assert.Equal("Topics", bubble.Find("[data-testid=rich-list-button]").TextContent.Trim());
        var rows = bubble.FindAll("[data-testid=rich-row]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Invoices and refunds", rows[0].TextContent);
    }

    [Fact]
    public void A_location_shows_as_a_place_with_a_map_link_not_as_text()
    {
        var bubble = Render<MessageBubble>(p => p.Add(b => b.Message, Sent(new RichContent
        {
            Type = RichContentType.Location, Latitude = 41.0082, Longitude = 28.9784, Label = "Istanbul office",
        }, "Istanbul office")));

        Assert.Empty(bubble.FindAll("[data-testid=message-text]"));
        Assert.Equal("Istanbul office", bubble.Find("[data-testid=rich-location-name]").TextContent);
        Assert.Equal("https://www.openstreetmap.org/?mlat=41.0082&mlon=28.9784#map=17/41.0082/28.9784", bubble.Find("[data-testid=rich-location-map]").GetAttribute("href"));
    }

    [Fact]
    public void Reply_is_offered_only_to_whoever_may_answer_and_hands_over_the_message()
    {
        var message = Sent(new RichContent { Type = RichContentType.Location, Latitude = 1, Longitude = 2 }, "1, 2");
        MessageView? replied = null;

        Assert.Empty(Render<MessageBubble>(p => p.Add(b => b.Message, message)).FindAll("[data-testid=message-reply]"));
        var bubble = Render<MessageBubble>(p => p.Add(b => b.Message, message).Add(b => b.OnReply, m => replied = m));
        bubble.Find("[data-testid=message-reply]").Click();

        Assert.Same(message, replied);
    }
}
