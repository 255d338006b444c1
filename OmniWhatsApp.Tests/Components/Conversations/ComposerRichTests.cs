using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.QuickReplies;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared.Conversations;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Components.Conversations;

/// <summary>The composer's buttons, list and location menu (only while the window is open) and the quote of the message being answered.</summary>
public sealed class ComposerRichTests : ComponentTest
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private readonly List<RichMessageKind> opened = [];
    private int cancelled;

    private static readonly MessageView Question = new(41, MessageDirection.Inbound, MessageKind.Text, "Where is my parcel?", MessageStatus.Received,
        DispatchState.None, null, null, new DateTimeOffset(2026, 12, 6, 8, 55, 0, TimeSpan.Zero), null, null, null, []);

    public ComposerRichTests()
    {
        Services.AddSingleton<TimeProvider>(clock);
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new InboxOptions()));
        Services.AddSingleton(new QuickReplyService(new NoDatabase(), null!, TestLocalizer.Strings));
    }

    private IRenderedComponent<Composer> Composer(TimeSpan windowLeft, MessageView? replyingTo = null)
    {
        _ = Popovers;
        return Render<Composer>(p => p
            .Add(c => c.ConversationId, 1)
            .Add(c => c.WindowEndsAt, clock.GetUtcNow() + windowLeft)
            .Add(c => c.Options, new ComposerOptions("en", [], AgentsCanSendAttachments: false, 5 << 20, 16 << 20))
            .Add(c => c.OnRich, kind => opened.Add(kind))
            .Add(c => c.ReplyingTo, replyingTo)
            .Add(c => c.OnCancelReply, () => cancelled++));
    }

    [Fact]
    public void The_menu_offers_buttons_a_list_and_a_location_while_the_window_is_open()
    {
        var composer = Composer(TimeSpan.FromHours(1));

        composer.Find("[data-testid=composer-rich] button").Click();
        Assert.NotNull(Popovers.WaitForElement("[data-testid=rich-buttons-item]"));
        Assert.NotNull(Popovers.Find("[data-testid=rich-location-item]"));
        Popovers.Find("[data-testid=rich-list-item]").Click();

        Assert.Equal([RichMessageKind.List], opened);
    }

    [Fact]
    public void The_menu_greys_out_when_the_window_is_closed()
    {
        var composer = Composer(TimeSpan.FromMinutes(-1));

        Assert.True(composer.Find("[data-testid=composer-rich] button").HasAttribute("disabled"));
    }

    [Fact]
    public void The_message_being_answered_is_quoted_above_the_text_box_and_can_be_cancelled()
    {
        var composer = Composer(TimeSpan.FromHours(1), Question);

        var quote = composer.Find("[data-testid=composer-quote]");
        Assert.Equal("41", quote.GetAttribute("data-message-id"));
        Assert.Contains("Replying to the customer", quote.TextContent);
        Assert.Equal("Where is my parcel?", composer.Find("[data-testid=composer-quote-text]").TextContent);

        composer.Find("[data-testid=composer-quote-cancel]").Click();
        Assert.Equal(1, cancelled);
    }

    private sealed class NoDatabase : IDbContextFactory<OmniDbContext>
    {
        public OmniDbContext CreateDbContext() => throw new NotSupportedException("No database in a component test.");
    }
}
