using System.Net;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Web.Webhooks;

/// <summary>What customers send beyond text, through the inbound webhook: choices, quoted replies, contact cards; and routing on a choice.</summary>
[Collection(AppCollection.Name)]
[Trait("Storage", "Both")]
public sealed class InboundChoiceTests(AppHost app)
{
    [Fact]
    public async Task A_quick_reply_tap_is_stored_as_the_choice_with_its_payload_and_title()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var form = Choice(channel, TestData.UniqueNumber(), button: ("billing", "Billing"));

        using var response = await channel.PostInboundAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = await MessageAsync(form["MessageSid"]);
        Assert.Equal(("billing", "Billing"), (message.ChoiceId, message.ChoiceTitle));
        Assert.Equal("Billing", message.Body);
        Assert.Null(message.QuotedSid);
    }

    [Fact]
    public async Task A_list_row_is_stored_as_the_choice_with_its_id_and_title()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var form = Choice(channel, TestData.UniqueNumber(), list: ("refund-42", "İade / Возврат"));

        using var response = await channel.PostInboundAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = await MessageAsync(form["MessageSid"]);
        Assert.Equal(("refund-42", "İade / Возврат"), (message.ChoiceId, message.ChoiceTitle));
    }

    [Fact]
    public async Task A_quoted_reply_points_at_the_quoted_message_of_the_conversation_and_an_unknown_one_keeps_only_its_sid()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var customer = TestData.UniqueNumber();
        var first = channel.Inbound(customer, "My order 1234 is late");
        (await channel.PostInboundAsync(first)).EnsureSuccessStatusCode();
        var unknown = TwilioSids.New("SM");
        // A message of another customer's conversation is not "in this conversation" either.
        var elsewhere = channel.Inbound(TestData.UniqueNumber(), "someone else");
        (await channel.PostInboundAsync(elsewhere)).EnsureSuccessStatusCode();

        var resolved = channel.Inbound(customer, "this one, please");
        resolved["OriginalRepliedMessageSid"] = first["MessageSid"];
        var unresolved = channel.Inbound(customer, "and that one");
        unresolved["OriginalRepliedMessageSid"] = unknown;
        var foreign = channel.Inbound(customer, "and theirs");
        foreign["OriginalRepliedMessageSid"] = elsewhere["MessageSid"];
        foreach (var form in new[] { resolved, unresolved, foreign }) (await channel.PostInboundAsync(form)).EnsureSuccessStatusCode();

        var quoted = await MessageAsync(first["MessageSid"]);
        var reply = await MessageAsync(resolved["MessageSid"]);
        Assert.Equal((first["MessageSid"], quoted.Id), (reply.QuotedSid, reply.ReplyToMessageId));
        var lost = await MessageAsync(unresolved["MessageSid"]);
        Assert.Equal((unknown, (long?)null), (lost.QuotedSid, lost.ReplyToMessageId));
        var theirs = await MessageAsync(foreign["MessageSid"]);
        Assert.Equal((elsewhere["MessageSid"], (long?)null), (theirs.QuotedSid, theirs.ReplyToMessageId));
    }

    [Theory]
    [InlineData("OriginalRepliedMessageSid", "not-a-sid", "OriginalRepliedMessageSid is not a Twilio message SID")]
    [InlineData("ListId", "refund", "ButtonPayload/ButtonText and ListId/ListTitle name two choices at once")]
    [InlineData("ButtonPayload", "bill\u0000ing", null)]
    [InlineData("ButtonText", "Bill\ning", "A button or list field has control characters")]
    [InlineData("OriginalRepliedMessageSid", "LONG", "OriginalRepliedMessageSid is longer than 64 characters")]
    public async Task A_bad_choice_or_quote_field_is_refused_with_400_and_a_reason_and_stores_nothing(string field, string value, string? reason)
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var form = Choice(channel, TestData.UniqueNumber(), button: ("billing", "Billing"));
        form[field] = value == "LONG" ? "SM" + new string('a', 100) : value;
        var before = await StoredRows.CountAsync(app);

        using var response = await channel.PostInboundAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // A NUL is refused by the form reader before the app looks at the fields.
        if (reason is not null) Assert.Equal(reason, await response.Content.ReadAsStringAsync());
        await using var db = await app.CreateDbContextAsync();
        Assert.False(await db.Messages.AnyAsync(m => m.TwilioSid == form["MessageSid"]));
        await before.AssertUnchangedAsync(app);
    }

    [Fact]
    public async Task A_choice_whose_payload_a_rule_lists_moves_the_conversation_to_that_queue_once_even_when_Twilio_retries()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var billing = await QueueAsync("Billing " + Guid.NewGuid().ToString("N")[..6]);
        await RulesAsync(channel, new RoutingRuleInput { Name = "Billing choice", Payloads = "BILLING, invoice", QueueId = billing.Id });
        var agent = await app.AddAgentAsync("Payload Agent", [channel.QueueId], presence: Presence.Offline);
        var customer = TestData.UniqueNumber();
        // "billing" as a first message's text is no choice: the conversation starts in the fallback queue.
        (await channel.PostInboundAsync(channel.Inbound(customer, "billing"))).EnsureSuccessStatusCode();
        var conversationId = await AssignAsync(customer, agent);
        var events = new List<LiveEvent>();
        using var _ = app.GetRequiredService<IConversationEvents>().Subscribe(e => { lock (events) events.Add(e); return Task.CompletedTask; });

        var choice = Choice(channel, customer, button: ("billing", "Billing"));
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => channel.PostInboundAsync(choice)));
        using var retried = await channel.PostInboundAsync(choice);
        // Another tap on a button with a payload of the same rule: already there, so no second move.
        (await channel.PostInboundAsync(Choice(channel, customer, list: ("invoice", "Invoice")))).EnsureSuccessStatusCode();

        Assert.All(answers.Append(retried), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var db = await app.CreateDbContextAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId);
        Assert.Equal((billing.Id, ConversationStatus.Waiting, (string?)null), (conversation.QueueId, conversation.Status, conversation.AssignedAgentId));
        var lines = await db.Messages.Where(m => m.ConversationId == conversationId && m.Kind == MessageKind.System).ToListAsync();
        var line = Assert.Single(lines);
        var L = app.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Strings>>();
        string english = "", russian = "";
        InCulture.Run("en-US", () => english = TimelineLines.Render(L, line.Body));
        InCulture.Run("ru-RU", () => russian = TimelineLines.Render(L, line.Body));
        Assert.Equal($"Routed to {billing.Name} by the customer's choice “Billing”", english);
        Assert.Equal($"Направлена в {billing.Name} по выбору клиента «Billing»", russian);
        var moved = Assert.Single(Snapshot(events).OfType<ConversationAssigned>(), e => e.ConversationId == conversationId);
        Assert.Equal((billing.Id, (string?)null, agent, (int?)channel.QueueId), (moved.QueueId, moved.AgentId, moved.PreviousAgentId, moved.PreviousQueueId));
    }

    [Fact]
    public async Task A_choice_no_rule_lists_or_one_already_in_its_queue_leaves_the_conversation_where_it_is()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        await RulesAsync(channel, new RoutingRuleInput { Name = "Same queue", Payloads = "support", QueueId = channel.QueueId });
        var agent = await app.AddAgentAsync("Staying Agent", [channel.QueueId], presence: Presence.Offline);
        var customer = TestData.UniqueNumber();
        (await channel.PostInboundAsync(channel.Inbound(customer, "hello"))).EnsureSuccessStatusCode();
        var conversationId = await AssignAsync(customer, agent);

        (await channel.PostInboundAsync(Choice(channel, customer, button: ("sales", "Sales")))).EnsureSuccessStatusCode();
        (await channel.PostInboundAsync(Choice(channel, customer, button: ("support", "Support")))).EnsureSuccessStatusCode();

        await using var db = await app.CreateDbContextAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId);
        Assert.Equal((channel.QueueId, ConversationStatus.Active, agent), (conversation.QueueId, conversation.Status, conversation.AssignedAgentId));
        Assert.False(await db.Messages.AnyAsync(m => m.ConversationId == conversationId && m.Kind == MessageKind.System));
    }

    [Fact]
    public async Task A_choice_after_the_conversation_closed_opens_a_new_one_in_the_rules_queue()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var billing = await QueueAsync("Billing " + Guid.NewGuid().ToString("N")[..6]);
        await RulesAsync(channel, new RoutingRuleInput { Name = "Billing choice", Payloads = "billing", QueueId = billing.Id });
        var customer = TestData.UniqueNumber();
        (await channel.PostInboundAsync(channel.Inbound(customer, "hello"))).EnsureSuccessStatusCode();
        await using (var db = await app.CreateDbContextAsync())
        {
            await db.Conversations.Where(c => c.Customer!.Phone == customer).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ConversationStatus.Closed));
        }

        (await channel.PostInboundAsync(Choice(channel, customer, button: ("billing", "Billing")))).EnsureSuccessStatusCode();

        await using var check = await app.CreateDbContextAsync();
        var conversations = await check.Conversations.Where(c => c.Customer!.Phone == customer).OrderBy(c => c.Id).ToListAsync();
        Assert.Equal([(ConversationStatus.Closed, (int?)channel.QueueId), (ConversationStatus.Waiting, billing.Id)], conversations.Select(c => (c.Status, c.QueueId)));
    }

    [Fact]
    public async Task A_shared_contact_card_is_read_into_the_contacts_name_and_number_even_where_attachments_are_refused()
    {
        var channel = await app.CreateChannelAsync();
        await using (var setup = await app.CreateDbContextAsync())
        {
            var workstream = await setup.WhatsAppSetups.SingleAsync(w => w.WorkstreamId == channel.WorkstreamId);
            workstream.Behaviours.CustomersCanSendAttachments = false;
            workstream.Behaviours.AttachmentsRefusedMessage = "Sorry, we cannot take files here.";
            await setup.SaveChangesAsync();
        }
        app.GetRequiredService<OmniWhatsApp.Core.Accounts.ChannelDirectory>().Invalidate();
        var customer = TestData.UniqueNumber();

        var sent = await app.GetRequiredService<EmulatorCustomerChannel>().SendContactAsync(channel.Number.Number, customer, "Ada", "Ayşe Yılmaz", "+905321234567");

        Assert.Equal(CustomerMessageOutcome.Delivered, sent.Outcome);
        var message = await Eventually.GetAsync(() => MessageAsync(sent.MessageSid), m => m.ContactPhone is not null, what: "the contact card to be read");
        Assert.Equal(("Ayşe Yılmaz", "+905321234567"), (message.ContactName, message.ContactPhone));
        await using var db = await app.CreateDbContextAsync();
        Assert.Equal(MediaState.Stored, (await db.Media.SingleAsync(m => m.MessageId == message.Id)).State);
        Assert.Equal(0, await db.Messages.CountAsync(m => m.ConversationId == message.ConversationId && m.Kind == MessageKind.Automated));
    }

    [Fact]
    public async Task The_simulators_choice_and_quote_reach_the_app_with_Twilios_fields()
    {
        var channel = await app.CreateChannelAsync();
        var customer = TestData.UniqueNumber();
        var customers = app.GetRequiredService<EmulatorCustomerChannel>();
        var first = await customers.SendFromCustomerAsync(channel.Number.Number, customer, "Ada", "Which plan?");

        var button = await customers.SendChoiceAsync(channel.Number.Number, customer, "Ada", "plan-pro", "Pro plan", fromList: false, repliedToSid: first.MessageSid);
        var row = await customers.SendChoiceAsync(channel.Number.Number, customer, "Ada", "plan-basic", "Basic plan", fromList: true);
        var quote = await customers.SendReplyAsync(channel.Number.Number, customer, "Ada", "about this", first.MessageSid);
        var place = await customers.SendLocationAsync(channel.Number.Number, customer, "Ada", 41.0256, 28.9744, "Galata Kulesi", "Beyoğlu/İstanbul");

        Assert.All(new[] { button, row, quote, place }, r => Assert.Equal(CustomerMessageOutcome.Delivered, r.Outcome));
        var firstId = (await MessageAsync(first.MessageSid)).Id;
        var tapped = await MessageAsync(button.MessageSid);
        Assert.Equal(("plan-pro", "Pro plan", (long?)firstId), (tapped.ChoiceId, tapped.ChoiceTitle, tapped.ReplyToMessageId));
        var picked = await MessageAsync(row.MessageSid);
        Assert.Equal(("plan-basic", "Basic plan"), (picked.ChoiceId, picked.ChoiceTitle));
        Assert.Equal(firstId, (await MessageAsync(quote.MessageSid)).ReplyToMessageId);
        Assert.Equal(new MessageLocation(41.0256, 28.9744, "Galata Kulesi", "Beyoğlu/İstanbul"), (await MessageAsync(place.MessageSid)).Location);
    }

    [Fact]
    public async Task The_conversation_view_carries_the_choice_the_quote_with_its_author_and_the_inbox_preview_names_the_choice()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var agent = await app.AddAgentAsync("Quoted Agent", [channel.QueueId], presence: Presence.Offline);
        var customer = TestData.UniqueNumber();
        var first = channel.Inbound(customer, "My parcel is lost");
        (await channel.PostInboundAsync(first)).EnsureSuccessStatusCode();
        var conversationId = await AssignAsync(customer, agent);
        var reply = channel.Inbound(customer, "this is the one");
        reply["OriginalRepliedMessageSid"] = first["MessageSid"];
        var lost = channel.Inbound(customer, "and this");
        lost["OriginalRepliedMessageSid"] = TwilioSids.New("SM");
        foreach (var form in new[] { reply, lost, Choice(channel, customer, button: ("billing", "Billing")) }) (await channel.PostInboundAsync(form)).EnsureSuccessStatusCode();

        var view = (await app.WithServiceAsync((OmniWhatsApp.Core.Inbox.InboxQueries q) => q.ConversationAsync(conversationId, Actor.Supervisor("someone")))).Value!;
        var quoted = view.Messages.Single(m => m.Body == "this is the one").Quote!;
        Assert.Equal((view.Messages[0].Id, "Jane Customer", "My parcel is lost"), (quoted.MessageId!.Value, quoted.AuthorName, quoted.Text));
        Assert.False(view.Messages.Single(m => m.Body == "and this").Quote!.Found);
        Assert.Equal(new OmniWhatsApp.Core.Inbox.MessageChoice("Billing", "billing"), view.Messages[^1].Choice);
        var item = (await app.WithServiceAsync((OmniWhatsApp.Core.Inbox.InboxQueries q) => q.MyConversationsAsync(agent))).Single(i => i.ConversationId == conversationId);
        Assert.Equal("🔘 Billing", item.LastMessagePreview);
    }

    private static Dictionary<string, string> Choice(WebhookChannel channel, string customer, (string Payload, string Title)? button = null, (string Id, string Title)? list = null)
    {
        var form = channel.Inbound(customer, (button ?? list)!.Value.Item2);
        if (button is { } b)
        {
            (form["MessageType"], form["ButtonPayload"], form["ButtonText"]) = ("button", b.Payload, b.Title);
        }
        if (list is { } l)
        {
            (form["MessageType"], form["ListId"], form["ListTitle"]) = ("interactive", l.Id, l.Title);
        }
        return form;
    }

    private async Task<Message> MessageAsync(string sid)
    {
        await using var db = await app.CreateDbContextAsync();
        return await db.Messages.SingleAsync(m => m.TwilioSid == sid);
    }

    private async Task<(int Id, string Name)> QueueAsync(string name)
    {
        var created = await app.WithServiceAsync((RoutingService s) => s.CreateQueueAsync(new QueueInput { Name = name }));
        Assert.True(created.Succeeded, created.FirstMessage);
        return (created.Value, name);
    }

    private async Task RulesAsync(WebhookChannel channel, params RoutingRuleInput[] rules)
    {
        var saved = await app.WithServiceAsync((RoutingService s) => s.SaveRoutingAsync(channel.WorkstreamId, new RoutingInput { FallbackQueueId = channel.QueueId, Rules = [.. rules] }));
        Assert.True(saved.Succeeded, saved.FirstMessage);
    }

    /// <summary>Gives the customer's open conversation to <paramref name="agentId"/>, as distribution would.</summary>
    private async Task<int> AssignAsync(string customer, string agentId)
    {
        await using var db = await app.CreateDbContextAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.Customer!.Phone == customer && c.Status != ConversationStatus.Closed);
        await db.Conversations.Where(c => c.Id == conversation.Id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, ConversationStatus.Active).SetProperty(c => c.AssignedAgentId, agentId).SetProperty(c => c.AssignedAt, DateTimeOffset.UtcNow));
        return conversation.Id;
    }

    private static List<LiveEvent> Snapshot(List<LiveEvent> events)
    {
        lock (events) return [.. events];
    }
}
