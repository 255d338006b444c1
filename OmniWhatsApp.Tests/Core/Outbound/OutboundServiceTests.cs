using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Outbound;

/// <summary>An app whose clock the tests set (the 24-hour rule is checked on the server against it).</summary>
public sealed class ClockedAppHost : IAsyncLifetime
{
    public TestClock Clock { get; } = new(DateTimeOffset.UtcNow);
    public AppHost App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await AppHost.StartAsync(o => o.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock)));

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The server's rules for what may be sent, whatever the UI shows.</summary>
[Trait("Storage", "Both")]
public sealed class OutboundServiceTests(ClockedAppHost host) : IClassFixture<ClockedAppHost>
{
    private AppHost App => host.App;
    private TestClock Clock => host.Clock;

    [Fact]
    public async Task Free_text_is_allowed_one_tick_before_24_hours_and_refused_at_24_hours()
    {
        var lastInbound = Clock.GetUtcNow();
        var conversation = await App.OpenConversationAsync(await App.CreateChannelAsync(), lastInboundAt: lastInbound);

        Clock.Set(lastInbound + TimeSpan.FromHours(24) - TimeSpan.FromTicks(1));
        var inTime = await SendTextAsync(conversation.Id, "Just in time");
        Clock.Set(lastInbound + TimeSpan.FromHours(24));
        var late = await SendTextAsync(conversation.Id, "Too late");

        Assert.True(inTime.Succeeded, inTime.FirstMessage);
        Assert.False(late.Succeeded);
        Assert.Equal("The customer's 24-hour window is closed: free-form messages are allowed only within 24 hours of the customer's last message. Send an approved template instead.",
            late.FirstMessage);
        Assert.Equal(["Just in time"], await BodiesAsync(conversation.Id));
    }

    [Fact]
    public async Task A_message_is_stored_for_the_dispatcher_and_MessageAdded_is_published()
    {
        var conversation = await App.OpenConversationAsync(await App.CreateChannelAsync());
        var events = new ConcurrentQueue<LiveEvent>();
        using var subscription = App.GetRequiredService<IConversationEvents>().Subscribe(e => { events.Enqueue(e); return Task.CompletedTask; });

        var result = await App.SendTextAsync(new SessionMessageInput(conversation.Id, "  Hello there  "));

        Assert.True(result.Succeeded, result.FirstMessage);
        var stored = await App.MessageAsync(result.Value);
        Assert.Equal("Hello there", stored.Body);
        Assert.Equal(MessageDirection.Outbound, stored.Direction);
        Assert.Equal(MessageKind.Text, stored.Kind);
        Assert.Equal(Clock.GetUtcNow(), stored.CreatedAt);
        Assert.NotEqual(DispatchState.None, stored.Dispatch);
        var added = await Eventually.Get(() => events.OfType<MessageAdded>().FirstOrDefault(e => e.MessageId == result.Value), e => e is not null, what: "MessageAdded");
        Assert.Equal(conversation.Id, added!.ConversationId);
        Assert.Equal("messageAdded", added.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Blank_text_is_refused(string text)
    {
        var conversation = await App.OpenConversationAsync(await App.CreateChannelAsync());

        var result = await SendTextAsync(conversation.Id, text);

        Assert.Equal("Write a message first.", result.FirstMessage);
    }

    [Fact]
    public async Task Text_longer_than_1600_characters_is_refused()
    {
        var conversation = await App.OpenConversationAsync(await App.CreateChannelAsync());

        var result = await SendTextAsync(conversation.Id, new string('a', 1601));

        Assert.Equal("A WhatsApp message has at most 1600 characters.", result.FirstMessage);
    }

    [Fact]
    public async Task Automated_messages_go_out_only_inside_the_window()
    {
        var lastInbound = Clock.GetUtcNow();
        var conversation = await App.OpenConversationAsync(await App.CreateChannelAsync(), lastInboundAt: lastInbound);

        var inside = await App.WithServiceAsync((OutboundService s) => s.SendAutomatedAsync(conversation.Id, "Hi! An agent will be with you shortly."));
        Clock.Set(lastInbound + TimeSpan.FromHours(25));
        var outside = await App.WithServiceAsync((OutboundService s) => s.SendAutomatedAsync(conversation.Id, "This conversation is closed."));

        Assert.True(inside.Succeeded, inside.FirstMessage);
        var stored = await App.MessageAsync(inside.Value);
        Assert.Equal(MessageKind.Automated, stored.Kind);
        Assert.Null(stored.AuthorId);
        Assert.Equal("The customer's 24-hour window is closed, so the automated message was not sent.", outside.FirstMessage);
    }

    [Fact]
    public async Task A_text_or_template_is_the_last_reply_and_an_automated_message_is_not()
    {
        var channel = await App.CreateChannelAsync();
        var start = Clock.GetUtcNow();
        var conversation = await App.OpenConversationAsync(channel, lastInboundAt: start);

        Assert.True((await App.WithServiceAsync((OutboundService s) => s.SendAutomatedAsync(conversation.Id, "Hi! An agent will be with you shortly."))).Succeeded);
        var afterGreeting = await App.ConversationAsync(conversation.Id);
        Clock.Set(start + TimeSpan.FromMinutes(1));
        Assert.True((await SendTextAsync(conversation.Id, "How can I help?")).Succeeded);
        var afterText = await App.ConversationAsync(conversation.Id);
        Clock.Set(start + TimeSpan.FromMinutes(2));
        Assert.True((await SendTemplateAsync(conversation.Id, channel.Template("follow_up").Id, ["Sarah", "4711"])).Succeeded);
        var afterTemplate = await App.ConversationAsync(conversation.Id);

        Assert.Null(afterGreeting.LastOutboundAt);
        Assert.Equal(start, afterGreeting.LastMessageAt);
        Assert.Equal(start + TimeSpan.FromMinutes(1), afterText.LastOutboundAt);
        Assert.Equal(start + TimeSpan.FromMinutes(1), afterText.LastMessageAt);
        Assert.Equal(start + TimeSpan.FromMinutes(2), afterTemplate.LastOutboundAt);
        Assert.Equal(start + TimeSpan.FromMinutes(2), afterTemplate.LastMessageAt);
    }

    [Theory]
    [InlineData(new[] { "Sarah" }, "Template follow_up needs a different number of values: 2 expected, 1 given.")]
    [InlineData(new[] { "Sarah", "4711", "extra" }, "Template follow_up needs a different number of values: 2 expected, 3 given.")]
    [InlineData(new[] { "Sarah", " " }, "Fill in value {{2}} of template follow_up.")]
    public async Task A_template_needs_exactly_its_number_of_values_none_empty(string[] values, string message)
    {
        var channel = await App.CreateChannelAsync();
        var conversation = await App.OpenConversationAsync(channel);

        var result = await SendTemplateAsync(conversation.Id, channel.Template("follow_up").Id, values);

        Assert.Equal(message, result.FirstMessage);
        Assert.Empty(await BodiesAsync(conversation.Id));
    }

    [Fact]
    public async Task A_template_goes_out_after_the_window_with_its_values_filled_in()
    {
        var channel = await App.CreateChannelAsync();
        var conversation = await App.OpenConversationAsync(channel, lastInboundAt: Clock.GetUtcNow() - TimeSpan.FromDays(3));

        var result = await SendTemplateAsync(conversation.Id, channel.Template("follow_up").Id, ["Sarah", " 4711 "]);

        Assert.True(result.Succeeded, result.FirstMessage);
        var stored = await App.MessageAsync(result.Value);
        Assert.Equal(MessageKind.Template, stored.Kind);
        Assert.Equal("Hello Sarah, we are following up on your request 4711.", stored.Body);
        Assert.Equal(["Sarah", "4711"], JsonSerializer.Deserialize<string[]>(stored.TemplateValues!)!);
        Assert.Equal(channel.Template("follow_up").Id, stored.TemplateId);
        Assert.Null(stored.ContentSid);
    }

    [Fact]
    public async Task A_template_is_sent_in_the_language_asked_for_or_refused_when_there_is_none()
    {
        var channel = await App.CreateChannelAsync(templates:
        [
            TestChannels.FollowUp,
            new("follow_up", "Merhaba {{1}}, {{2}} numaralı talebiniz hakkında yazıyoruz.", Language: "tr"),
        ]);
        var conversation = await App.OpenConversationAsync(channel);
        var english = channel.Templates.Single(t => t.Language == "en");

        var turkish = await SendTemplateAsync(conversation.Id, english.Id, ["Ayşe", "4711"], language: "tr");
        var german = await SendTemplateAsync(conversation.Id, english.Id, ["Anna", "4711"], language: "de");

        Assert.True(turkish.Succeeded, turkish.FirstMessage);
        Assert.Equal("Merhaba Ayşe, 4711 numaralı talebiniz hakkında yazıyoruz.", (await App.MessageAsync(turkish.Value)).Body);
        Assert.Equal("Template follow_up has no approved version in German — Deutsch (de).", german.FirstMessage);
    }

    [Fact]
    public async Task A_template_of_another_channel_is_refused()
    {
        var other = await App.CreateChannelAsync();
        var conversation = await App.OpenConversationAsync(await App.CreateChannelAsync());

        var result = await SendTemplateAsync(conversation.Id, other.Template("follow_up").Id, ["Sarah", "4711"]);

        Assert.Equal("This template is not one of the conversation's channel.", result.FirstMessage);
    }

    [Fact]
    public async Task Agents_attach_a_file_only_where_the_channel_allows_it()
    {
        var attachment = new OutgoingAttachment("https://files.example.com/invoice-4711.pdf", "application/pdf", "invoice-4711.pdf", 48_000);
        var allowed = await App.OpenConversationAsync(await App.CreateChannelAsync());
        var forbidden = await App.OpenConversationAsync(await App.CreateChannelAsync(agentsCanSendAttachments: false));

        var sent = await App.SendTextAsync(new SessionMessageInput(allowed.Id, "Your invoice") { Attachment = attachment });
        var refused = await App.SendTextAsync(new SessionMessageInput(forbidden.Id, null) { Attachment = attachment });

        Assert.True(sent.Succeeded, sent.FirstMessage);
        var media = Assert.Single((await App.MessageAsync(sent.Value)).Media);
        Assert.Equal(("application/pdf", "https://files.example.com/invoice-4711.pdf"), (media.ContentType, media.SourceUrl));
        Assert.Equal("Agents cannot send attachments on this channel.", refused.FirstMessage);
    }

    private Task<OmniWhatsApp.Core.Common.Result<long>> SendTextAsync(int conversationId, string text) =>
        App.SendTextAsync(new SessionMessageInput(conversationId, text));

    private Task<OmniWhatsApp.Core.Common.Result<long>> SendTemplateAsync(int conversationId, int templateId, string[] values, string? language = null) =>
        App.SendTemplateAsync(new TemplateMessageInput(conversationId, templateId, values) { Language = language });

    private async Task<List<string?>> BodiesAsync(int conversationId)
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.Messages.Where(m => m.ConversationId == conversationId && m.Direction == MessageDirection.Outbound).OrderBy(m => m.Id).Select(m => m.Body).ToListAsync();
    }
}
