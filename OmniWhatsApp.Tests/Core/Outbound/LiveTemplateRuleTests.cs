using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Outbound;

/// <summary>
/// In live mode WhatsApp takes a template outside the window only by its Content SID, so one without is refused
/// before anything is sent. (Twilio is unreachable here and the dispatcher is off: nothing leaves the app.)
/// </summary>
[Trait("Storage", "Both")]
public sealed class LiveTemplateRuleTests
{
    [Fact]
    public async Task Out_of_window_template_without_a_Content_SID_is_refused_in_live_mode()
    {
        await using var app = await AppHost.StartAsync(o => o
            .With("Twilio:Live", "true")
            .With("App:PublicBaseUrl", "https://support.example.com/")
            .With("Twilio:ApiBaseUrl", "http://127.0.0.1:9/")
            .With("Outbox:Enabled", "false"));
        var channel = await app.CreateChannelAsync(templates:
        [
            TestChannels.FollowUp,
            new("order_update", "Hi {{1}}, your order {{2}} is on its way and should arrive on {{3}}.", "HX3f1c9e2a7b5d4c8e9a0b1c2d3e4f5a6b"),
        ]);
        var closed = await app.OpenConversationAsync(channel, lastInboundAt: DateTimeOffset.UtcNow.AddDays(-2), tellEmulator: false);
        var open = await app.OpenConversationAsync(channel, tellEmulator: false);

        var refused = await SendAsync(app, closed, channel.Template("follow_up").Id, "Sarah", "4711");
        var withSid = await SendAsync(app, closed, channel.Template("order_update").Id, "Sarah", "#1042", "Friday");
        var inWindow = await SendAsync(app, open, channel.Template("follow_up").Id, "Sarah", "4711");

        Assert.Equal("Outside the 24-hour window WhatsApp accepts template follow_up only by its Content SID. Ask an admin to add the template's Content SID (HX…) to the workstream.",
            refused.FirstMessage);
        Assert.True(withSid.Succeeded, withSid.FirstMessage);
        Assert.Equal("HX3f1c9e2a7b5d4c8e9a0b1c2d3e4f5a6b", (await app.MessageAsync(withSid.Value)).ContentSid);
        Assert.True(inWindow.Succeeded, inWindow.FirstMessage);
    }

    [Fact]
    public async Task The_closing_template_without_a_Content_SID_is_not_sent_outside_the_window_in_live_mode_and_the_timeline_says_why()
    {
        await using var app = await AppHost.StartAsync(o => o
            .With("Twilio:Live", "true")
            .With("App:PublicBaseUrl", "https://support.example.com/")
            .With("Twilio:ApiBaseUrl", "http://127.0.0.1:9/")
            .With("Outbox:Enabled", "false"));
        var channel = await app.CreateChannelAsync(templates: [new("closed_thanks", "Thank you for contacting us.")]);
        await using (var db = await app.CreateDbContextAsync())
        {
            var setup = await db.WhatsAppSetups.SingleAsync(s => s.WorkstreamId == channel.WorkstreamId);
            setup.Behaviours.ConversationClosedMessage = "Thanks for writing to us.";
            setup.Behaviours.ConversationClosedTemplate = "closed_thanks";
            await db.SaveChangesAsync();
        }
        var closed = await app.OpenConversationAsync(channel, lastInboundAt: DateTimeOffset.UtcNow.AddDays(-2), tellEmulator: false);

        await app.GetRequiredService<AutomatedMessages>().ClosedAsync(closed.Id);

        Assert.Equal(["Closing message not sent: Outside the 24-hour window WhatsApp accepts template closed_thanks only by its Content SID. Ask an admin to add the template's Content SID (HX…) to the workstream."],
            await app.SystemLinesAsync(closed.Id));
        await using var check = await app.CreateDbContextAsync();
        Assert.False(await check.Messages.AnyAsync(m => m.ConversationId == closed.Id && m.Kind == OmniWhatsApp.Core.Messages.MessageKind.Template));
    }

    private static Task<OmniWhatsApp.Core.Common.Result<long>> SendAsync(AppHost app, TestConversation conversation, int templateId, params string[] values) =>
        app.SendTemplateAsync(new TemplateMessageInput(conversation.Id, templateId, values));
}
