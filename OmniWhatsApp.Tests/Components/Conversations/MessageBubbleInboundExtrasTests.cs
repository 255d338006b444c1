using Bunit;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared.Conversations;

namespace OmniWhatsApp.Tests.Components.Conversations;

/// <summary>A customer's choice, quoted reply and shared contact in the timeline, and what the inbox list says for them.</summary>
public sealed class MessageBubbleInboundExtrasTests : ComponentTest
{
    private static MessageView Inbound(string? body, MessageChoice? choice = null, MessageQuote? quote = null, MessageContact? contact = null,
        IReadOnlyList<MediaView>? media = null) =>
        new(9, MessageDirection.Inbound, MessageKind.Text, body, MessageStatus.Received, DispatchState.None, null, null,
            new DateTimeOffset(2026, 12, 6, 9, 32, 0, TimeSpan.Zero), null, null, null, media ?? [], null, choice, quote, contact);

    private IRenderedComponent<MessageBubble> Bubble(MessageView message) => Render<MessageBubble>(p => p.Add(b => b.Message, message));

    [Fact]
    public void A_choice_shows_as_the_choice_made_with_its_payload_on_hover_and_not_again_as_text()
    {
        var bubble = Bubble(Inbound("Billing", new MessageChoice("Billing", "billing_v2")));

        var chip = bubble.Find("[data-testid=message-choice]");
        Assert.Equal("Selected: Billing", chip.TextContent.Trim());
        Assert.Equal("Payload: billing_v2", chip.GetAttribute("title"));
        Assert.Empty(bubble.FindAll("[data-testid=message-text]"));
    }

    [Fact]
    public void A_choice_is_shown_in_the_readers_language()
    {
        InCulture.Run("tr-TR", () => Assert.Equal("Seçilen: Fatura", Bubble(Inbound("Fatura", new MessageChoice("Fatura", null))).Find("[data-testid=message-choice]").TextContent.Trim()));
        InCulture.Run("ru-RU", () => Assert.Equal("Выбрано: Счёт", Bubble(Inbound("Счёт", new MessageChoice("Счёт", null))).Find("[data-testid=message-choice]").TextContent.Trim()));
    }

    [Fact]
    public void A_quoted_reply_shows_the_quoted_message_and_its_author_above_the_reply_and_clicking_scrolls_to_it()
    {
        var bubble = Bubble(Inbound("Yes, that one", quote: new MessageQuote(3, MessageDirection.Outbound, "Ada Agent", "Is your order number 1234?")));

        var quote = bubble.Find("[data-testid=message-quote]");
        Assert.Equal("Ada Agent", quote.QuerySelector("[data-testid=quote-author]")!.TextContent);
        Assert.Equal("Is your order number 1234?", quote.QuerySelector("[data-testid=quote-text]")!.TextContent);
        var html = bubble.Find(".msg").InnerHtml;
        Assert.True(html.IndexOf("message-quote", StringComparison.Ordinal) < html.IndexOf("message-text", StringComparison.Ordinal), "the quote is above the reply");

        quote.Click();

        var call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "omni.chat.showMessage");
        Assert.Equal(3L, call.Arguments[0]);
    }

    [Fact]
    public void A_quote_of_a_photo_without_caption_says_photo_and_one_not_in_the_conversation_says_so()
    {
        Assert.Equal("📷 Photo", Bubble(Inbound("nice", quote: new MessageQuote(4, MessageDirection.Inbound, "Jane", null, "image/jpeg")))
            .Find("[data-testid=quote-text]").TextContent);

        var missing = Bubble(Inbound("about that", quote: new MessageQuote(null, null, null, null)));

        Assert.Equal("Replying to a message not in this conversation", missing.Find("[data-testid=message-quote-missing]").TextContent);
        Assert.Empty(missing.FindAll("[data-testid=message-quote]"));
    }

    [Fact]
    public void A_shared_contact_shows_its_name_and_a_call_link_instead_of_the_vcard_file()
    {
        var card = new MediaView(5, "text/vcard", "Ayşe Yılmaz.vcf", 120, MediaState.Stored, null, "media/5");

        var bubble = Bubble(Inbound(null, contact: new MessageContact("Ayşe Yılmaz", "+90 532 123 45 67"), media: [card]));

        Assert.Equal("Ayşe Yılmaz", bubble.Find("[data-testid=contact-name]").TextContent);
        var phone = bubble.Find("[data-testid=contact-phone]");
        Assert.Equal("+90 532 123 45 67", phone.TextContent);
        Assert.Equal("tel:+905321234567", phone.GetAttribute("href"));
        Assert.Empty(bubble.FindAll("[data-testid=message-file]"));
    }

    [Fact]
    public void A_contact_card_still_being_fetched_says_so()
    {
        var bubble = Bubble(Inbound(null, contact: new MessageContact(null, null)));

        Assert.Equal("Shared contact", bubble.Find("[data-testid=contact-name]").TextContent);
        Assert.Contains("Reading the contact card", bubble.Find("[data-testid=message-contact]").TextContent);
        Assert.Empty(bubble.FindAll("[data-testid=contact-phone]"));
    }

    [Fact]
    public void The_inbox_preview_of_a_contact_is_its_name_or_contact_never_document()
    {
        Assert.Equal("👤 Ayşe", MessagePreview.Text(TestLocalizer.Strings, "👤 Ayşe", "text/vcard"));
        Assert.Equal("👤 Contact", MessagePreview.Text(TestLocalizer.Strings, null, "text/x-vcard"));
        Assert.Equal("📄 Document", MessagePreview.Text(TestLocalizer.Strings, null, "application/pdf"));
    }
}
