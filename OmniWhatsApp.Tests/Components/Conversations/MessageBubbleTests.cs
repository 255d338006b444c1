using Bunit;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared.Conversations;

namespace OmniWhatsApp.Tests.Components.Conversations;

/// <summary>A timeline bubble: ticks for what went to the customer, Twilio's reason when it failed.</summary>
public sealed class MessageBubbleTests : ComponentTest
{
    private static MessageView Outbound(MessageStatus status, DispatchState dispatch = DispatchState.Accepted, int? errorCode = null, string? error = null,
        MessageKind kind = MessageKind.Text) =>
        new(7, MessageDirection.Outbound, kind, "Your parcel ships today", status, dispatch, errorCode, error,
            new DateTimeOffset(2026, 12, 6, 9, 30, 0, TimeSpan.Zero), null, "agent-1", "Ada Agent", []);

    private IRenderedComponent<MessageBubble> Bubble(MessageView message) => Render<MessageBubble>(p => p.Add(b => b.Message, message));

    [Theory]
    [InlineData(MessageStatus.Queued, "queued", "Queued")]
    [InlineData(MessageStatus.Sending, "sending", "Sending")]
    [InlineData(MessageStatus.Sent, "sent", "Sent")]
    [InlineData(MessageStatus.Delivered, "delivered", "Delivered")]
    [InlineData(MessageStatus.Read, "read", "Read")]
    public void An_outbound_message_shows_its_ticks_named_for_screen_readers(MessageStatus status, string shown, string label)
    {
        var ticks = Bubble(Outbound(status)).Find("[data-testid=ticks]");

        Assert.Equal(shown, ticks.GetAttribute("data-status"));
        Assert.Equal(label, ticks.GetAttribute("aria-label"));
    }

    [Fact]
    public void Read_ticks_look_different_from_delivered_ones()
    {
        Assert.Contains("ticks-read", Bubble(Outbound(MessageStatus.Read)).Find("[data-testid=ticks]").ClassName);
        Assert.DoesNotContain("ticks-read", Bubble(Outbound(MessageStatus.Delivered)).Find("[data-testid=ticks]").ClassName);
    }

    [Fact]
    public void A_failed_message_says_why_in_Twilios_words_explained()
    {
        var bubble = Bubble(Outbound(MessageStatus.Failed, DispatchState.Accepted, 21610));

        Assert.Equal("failed", bubble.Find("[data-testid=ticks]").GetAttribute("data-status"));
        Assert.Equal("The customer has opted out of messages from this number (21610).", bubble.Find("[data-testid=message-error]").TextContent.Trim());
        Assert.Contains("msg-has-error", bubble.Find(".msg").ClassName);
    }

    [Fact]
    public void A_message_the_server_refused_shows_the_refusal()
    {
        var bubble = Bubble(Outbound(MessageStatus.Queued, DispatchState.Failed, error: "Not sent: the window is closed"));

        Assert.Equal("Not sent: the window is closed", bubble.Find("[data-testid=message-error]").TextContent.Trim());
    }

    [Fact]
    public void A_delivered_message_has_no_error_and_a_note_has_no_ticks()
    {
        Assert.Empty(Bubble(Outbound(MessageStatus.Delivered)).FindAll("[data-testid=message-error]"));
        var note = Bubble(Outbound(MessageStatus.Queued, DispatchState.None, kind: MessageKind.Note));
        Assert.Empty(note.FindAll("[data-testid=ticks]"));
        Assert.Contains("only your team sees it", note.Markup);
    }

    private static MessageView SharedLocation(MessageLocation location) =>
        new(8, MessageDirection.Inbound, MessageKind.Text, null, MessageStatus.Received, DispatchState.None, null, null,
            new DateTimeOffset(2026, 12, 6, 9, 31, 0, TimeSpan.Zero), null, null, null, [], location);

    [Fact]
    public void A_shared_location_shows_its_place_address_and_a_map_link_with_a_point_as_decimal_separator_in_any_culture()
    {
        InCulture.Run("tr-TR", () =>
        {
            var bubble = Bubble(SharedLocation(new MessageLocation(41.0256, 28.974133333, "Galata Kulesi", "Bereketzade, 34421 Beyoğlu/İstanbul")));

            Assert.Equal("Galata Kulesi", bubble.Find("[data-testid=location-name]").TextContent);
            Assert.Equal("Bereketzade, 34421 Beyoğlu/İstanbul", bubble.Find("[data-testid=location-address]").TextContent);
            var link = bubble.Find("[data-testid=location-map-link]");
            Assert.Equal("https://www.openstreetmap.org/?mlat=41.0256&mlon=28.974133#map=17/41.0256/28.974133", link.GetAttribute("href"));
            Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
            Assert.Contains("41.0256, 28.974133", link.TextContent);
            Assert.Empty(bubble.FindAll("[data-testid=message-text]"));
        });
    }

    [Fact]
    public void A_location_without_a_name_is_called_a_shared_location_and_its_text_is_never_markup()
    {
        var bubble = Bubble(SharedLocation(new MessageLocation(-33.8568, 151.2153, null, "<script>alert(1)</script>")));

        Assert.Equal("Shared location", bubble.Find("[data-testid=location-name]").TextContent);
        Assert.Equal("<script>alert(1)</script>", bubble.Find("[data-testid=location-address]").TextContent);
        Assert.Empty(bubble.FindAll("script"));
        Assert.Equal("https://www.openstreetmap.org/?mlat=-33.8568&mlon=151.2153#map=17/-33.8568/151.2153",
            bubble.Find("[data-testid=location-map-link]").GetAttribute("href"));
    }

    /// <summary>The ticks' icon is written out rather than a MudIcon (one component fewer per outbound bubble): it must look the same.</summary>
    [Theory]
    [InlineData(MessageStatus.Queued)]
    [InlineData(MessageStatus.Sent)]
    [InlineData(MessageStatus.Read)]
    [InlineData(MessageStatus.Failed)]
    public void The_ticks_icon_is_what_a_MudIcon_renders(MessageStatus status)
    {
        var ticks = Render<DeliveryTicks>(p => p.Add(t => t.Status, status));
        var svg = ticks.Find("svg");
        var icon = status switch
        {
            MessageStatus.Sent => MudBlazor.Icons.Material.Filled.Done,
            MessageStatus.Read => MudBlazor.Icons.Material.Filled.DoneAll,
            MessageStatus.Failed => MudBlazor.Icons.Material.Filled.ErrorOutline,
            _ => MudBlazor.Icons.Material.Outlined.Schedule,
        };
        var mud = Render<MudBlazor.MudIcon>(p => p.Add(i => i.Icon, icon).Add(i => i.Size, MudBlazor.Size.Small).AddUnmatched("aria-hidden", "true"));

        svg.MarkupMatches(mud.Markup);
    }
}
