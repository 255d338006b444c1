using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Core.Outbound;

/// <summary>An agent's buttons, list and location against the emulator: sent by a Content SID, delivered with what the customer taps.</summary>
[Trait("Storage", "Both")]
[Collection(AppCollection.Name)]
public sealed class RichMessageSendTests(AppHost app)
{
    [Fact]
    public async Task Quick_reply_buttons_in_the_window_go_out_as_a_quick_reply_content_and_reach_the_customer_with_their_buttons()
    {
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync());
        var body = $"How can we help? {Guid.NewGuid():N}";

        var sent = await app.SendRichAsync(new RichMessageInput(conversation.Id, Buttons(body, "Billing", "Delivery")));

        Assert.True(sent.Succeeded, sent.FirstMessage);
        var message = await app.WaitForMessageAsync(sent.Value, m => m.Status == MessageStatus.Read, "read");
        Assert.Equal(body, message.Body);
        Assert.StartsWith("HX", message.ContentSid);
        var twilio = Assert.Single(app.SentTo(conversation));
        Assert.Equal(message.ContentSid, twilio.ContentSid);
        Assert.Equal(body, twilio.Body);
        var content = Assert.Single(app.GetRequiredService<EmulatorState>().Contents, c => c.Sid == message.ContentSid);
        Assert.Contains("twilio/quick-reply", content.TypesJson);
        var shown = EmulatorInteractive.Parse(twilio.ContentTypes);
        Assert.NotNull(shown);
        Assert.Equal([new EmulatorChoice("billing", "Billing"), new EmulatorChoice("delivery", "Delivery")], shown.Buttons);
        // What the customer's phone shows is in the simulator's thread.
        Assert.Contains(app.GetRequiredService<EmulatorCustomerChannel>().Conversation(conversation.BusinessNumber, conversation.Customer),
            m => m.Sid == twilio.Sid && m.ContentTypes == twilio.ContentTypes);
    }

    [Fact]
    public async Task A_list_goes_out_as_a_list_picker_with_its_button_and_rows()
    {
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync());
        var list = new RichContent
        {
            Type = RichContentType.ListPicker,
            Body = $"What is it about? {Guid.NewGuid():N}",
            ListButton = "Topics",
            Items = [new("billing", "Billing", "Invoices and refunds"), new("delivery", "Delivery")],
        };

        var sent = await app.SendRichAsync(new RichMessageInput(conversation.Id, list));

        Assert.True(sent.Succeeded, sent.FirstMessage);
        var message = await app.WaitForMessageAsync(sent.Value, m => m.Dispatch == DispatchState.Accepted, "accepted");
        var twilio = Assert.Single(app.SentTo(conversation));
        Assert.Equal(message.ContentSid, twilio.ContentSid);
        var shown = EmulatorInteractive.Parse(twilio.ContentTypes)!;
        Assert.Equal("Topics", shown.ListButton);
        Assert.Equal([new EmulatorChoice("billing", "Billing", "Invoices and refunds"), new EmulatorChoice("delivery", "Delivery")], shown.Rows);
        var stored = RichContentJson.Deserialize(message.RichContent)!;
        Assert.Equal((RichContentType.ListPicker, list.Body, "Topics"), (stored.Type, stored.Body, stored.ListButton));
        Assert.Equal(list.Items, stored.Items);
    }

    [Fact]
    public async Task A_location_goes_out_as_a_place_and_its_name_is_the_preview()
    {
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync());
        var place = new RichContent { Type = RichContentType.Location, Latitude = 41.0082, Longitude = 28.9784, Label = "Istanbul office", Address = "Istiklal Cd. 1" };

        var sent = await app.SendRichAsync(new RichMessageInput(conversation.Id, place));

        Assert.True(sent.Succeeded, sent.FirstMessage);
        var message = await app.WaitForMessageAsync(sent.Value, m => m.Dispatch == DispatchState.Accepted, "accepted");
        Assert.Equal("Istanbul office", message.Body);
        var shown = EmulatorInteractive.Parse(Assert.Single(app.SentTo(conversation)).ContentTypes)!;
        Assert.Equal(new EmulatorPlace(41.0082, 28.9784, "Istanbul office", "Istiklal Cd. 1"), shown.Place);
    }

    [Fact]
    public async Task Outside_the_window_buttons_are_refused_with_the_texts_words_and_nothing_is_stored_or_created()
    {
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync(), lastInboundAt: DateTimeOffset.UtcNow.AddHours(-25));
        var contents = app.GetRequiredService<EmulatorState>().Contents.Count;

        var refused = await app.SendRichAsync(new RichMessageInput(conversation.Id, Buttons("Still there?", "Yes", "No")));

        Assert.False(refused.Succeeded);
        Assert.Equal("The customer's 24-hour window is closed: free-form messages are allowed only within 24 hours of the customer's last message. Send an approved template instead.",
            refused.FirstMessage);
        await using var db = await app.CreateDbContextAsync();
        Assert.False(await db.Messages.AnyAsync(m => m.ConversationId == conversation.Id));
        Assert.Empty(app.SentTo(conversation));
        Assert.Equal(contents, app.GetRequiredService<EmulatorState>().Contents.Count);
    }

    [Fact]
    public async Task Four_buttons_are_refused_on_the_server_naming_the_field()
    {
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync());

        var refused = await app.SendRichAsync(new RichMessageInput(conversation.Id, Buttons("Pick one", "A", "B", "C", "D")));

        Assert.False(refused.Succeeded);
        var problem = Assert.Single(refused.Problems);
        Assert.Equal("Buttons", problem.Field);
        Assert.Equal("WhatsApp allows at most 3 buttons in a reply.", problem.Message);
    }

    [Fact]
    public async Task The_same_buttons_sent_twice_reuse_one_content()
    {
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync());
        var buttons = Buttons($"Rate us {Guid.NewGuid():N}", "Good", "Bad");

        var first = await app.SendRichAsync(new RichMessageInput(conversation.Id, buttons));
        var second = await app.SendRichAsync(new RichMessageInput(conversation.Id, buttons));

        var one = await app.WaitForMessageAsync(first.Value, m => m.Dispatch == DispatchState.Accepted, "accepted");
        var two = await app.WaitForMessageAsync(second.Value, m => m.Dispatch == DispatchState.Accepted, "accepted");
        Assert.Equal(one.ContentSid, two.ContentSid);
        Assert.Single(app.GetRequiredService<EmulatorState>().Contents, c => c.Body == buttons.Body);
        Assert.Equal(2, app.SentTo(conversation).Count);
    }

    [Fact]
    public async Task A_reply_quotes_a_message_of_the_conversation_and_not_one_of_another()
    {
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync());
        var other = await app.OpenConversationAsync(await app.CreateChannelAsync());
        var first = await app.SendTextAsync(new SessionMessageInput(conversation.Id, "Your order number?"));
        var elsewhere = await app.SendTextAsync(new SessionMessageInput(other.Id, "Hello there"));

        var text = await app.SendTextAsync(new SessionMessageInput(conversation.Id, "About this:") { ReplyToMessageId = first.Value });
        var rich = await app.SendRichAsync(new RichMessageInput(conversation.Id, Buttons($"Is it right? {Guid.NewGuid():N}", "Yes", "No"), first.Value));
        var wrong = await app.SendTextAsync(new SessionMessageInput(conversation.Id, "About that:") { ReplyToMessageId = elsewhere.Value });

        Assert.Equal(first.Value, (await app.MessageAsync(text.Value)).ReplyToMessageId);
        Assert.Equal(first.Value, (await app.MessageAsync(rich.Value)).ReplyToMessageId);
        Assert.False(wrong.Succeeded);
        Assert.Equal("The message you are replying to is not in this conversation.", wrong.FirstMessage);
        // The customer gets an ordinary message: Twilio's Messages API has no reply context for WhatsApp.
        await app.WaitForMessageAsync(text.Value, m => m.Dispatch == DispatchState.Accepted, "accepted");
        Assert.Contains(app.SentTo(conversation), m => m.Body == "About this:");
    }

    internal static RichContent Buttons(string body, params string[] titles) => new()
    {
        Type = RichContentType.QuickReply,
        Body = body,
        Buttons = titles.Select(t => new RichButton(RichButtonKind.QuickReply, t, t.ToLowerInvariant())).ToList(),
    };
}

internal static class RichMessageTestExtensions
{
    /// <summary>Sends buttons, a list or a location as <paramref name="actor"/> (by default the demo supervisor).</summary>
    public static async Task<Result<long>> SendRichAsync(this AppHost app, RichMessageInput input, Actor? actor = null)
    {
        actor ??= await app.SupervisorAsync();
        return await app.WithServiceAsync((OutboundService s) => s.SendRichAsync(input, actor));
    }
}
