using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.QuickReplies;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared.Conversations;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Components.Conversations;

/// <summary>The reply box: WhatsApp's 1,600-character limit, and free text greying out the moment the window closes.</summary>
public sealed class ComposerTests : ComponentTest
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private readonly List<ComposedMessage> sent = [];

    private static readonly ComposerOptions Options = new("en",
        [new TemplateOption(1, "follow_up", "en", "Hello {{1}}, we are following up.", 1, [])], AgentsCanSendAttachments: true, 5 << 20, 16 << 20);

    public ComposerTests()
    {
        Services.AddSingleton<TimeProvider>(clock);
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new InboxOptions()));
        // Quick replies are read only after a "/", which these tests do not type.
        Services.AddSingleton(new QuickReplyService(new NoDatabase(), null!, TestLocalizer.Strings));
    }

    private IRenderedComponent<Composer> Composer(TimeSpan windowLeft) => Render<Composer>(p => p
        .Add(c => c.ConversationId, 1)
        .Add(c => c.WindowEndsAt, clock.GetUtcNow() + windowLeft)
        .Add(c => c.Options, Options)
        .Add(c => c.OnSend, m => sent.Add(m)));

    [Fact]
    public void Free_text_greys_out_at_the_instant_the_window_closes_and_the_template_picker_takes_its_place()
    {
        var composer = Composer(TimeSpan.FromMinutes(5));
        Assert.False(composer.Find("[data-testid=composer-text]").HasAttribute("disabled"));
        Assert.Empty(composer.FindAll("[data-testid=template-picker]"));
        Assert.Empty(composer.FindAll("[data-testid=window-closed-reason]"));

        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        Assert.False(composer.Find("[data-testid=composer-text]").HasAttribute("disabled"));

        clock.Advance(TimeSpan.FromMilliseconds(1));
        composer.WaitForAssertion(() => Assert.True(composer.Find("[data-testid=composer-text]").HasAttribute("disabled")));
        Assert.Contains("24-hour window is closed", composer.Find("[data-testid=window-closed-reason]").TextContent);
        Assert.True(composer.Find("button[data-testid=composer-send]").HasAttribute("disabled"));
        Assert.True(composer.Find("[data-testid=composer-file-input]").HasAttribute("disabled"));
        Assert.NotNull(composer.Find("[data-testid=template-picker]"));
    }

    [Fact]
    public void Counts_characters_against_WhatsApps_limit_and_blocks_Send_over_it_without_cutting_the_text()
    {
        var composer = Composer(TimeSpan.FromHours(5));
        var text = composer.Find("[data-testid=composer-text]");
        Assert.False(text.HasAttribute("maxlength"));

        var longText = string.Concat(Enumerable.Repeat("0123456789", 160)) + "!";
        text.Input(longText);

        Assert.Equal(1601, composer.Find("[data-testid=composer-text]").GetAttribute("value")!.Length);
        var counter = composer.Find("[data-testid=composer-counter]");
        Assert.Equal($"{1601:N0} / {1600:N0}", counter.TextContent.Trim());
        Assert.Equal("over", counter.GetAttribute("data-level"));
        Assert.Contains("at most 1600 characters", composer.Find("[data-testid=composer-too-long]").TextContent);
        Assert.True(composer.Find("button[data-testid=composer-send]").HasAttribute("disabled"));

        composer.Find("[data-testid=composer-text]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        Assert.Empty(sent);

        composer.Find("[data-testid=composer-text]").Input(longText[..1600]);
        Assert.Equal($"{1600:N0} / {1600:N0}", composer.Find("[data-testid=composer-counter]").TextContent.Trim());
        Assert.Empty(composer.FindAll("[data-testid=composer-too-long]"));
        Assert.False(composer.Find("button[data-testid=composer-send]").HasAttribute("disabled"));

        composer.Find("[data-testid=composer-text]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        Assert.Equal(1600, Assert.Single(sent).Text!.Length);
    }

    private sealed class NoDatabase : IDbContextFactory<OmniDbContext>
    {
        public OmniDbContext CreateDbContext() => throw new NotSupportedException("No database in a component test.");
    }
}
