using System.Net;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Web.Webhooks;

/// <summary>POST /api/twilio/{account}/status: messages move forward only, whatever order callbacks come in.</summary>
[Collection(AppCollection.Name)]
[Trait("Storage", "Both")]
public sealed class StatusCallbackTests(AppHost app)
{
    [Fact]
    public async Task Out_of_order_callbacks_never_move_a_message_backwards()
    {
        var (channel, sid) = await SentMessageAsync();

        await PostAsync(channel, sid, "delivered");
        Assert.Equal(MessageStatus.Delivered, await StatusOfAsync(sid));
        await PostAsync(channel, sid, "sent");
        Assert.Equal(MessageStatus.Delivered, await StatusOfAsync(sid));
        await PostAsync(channel, sid, "read");
        Assert.Equal(MessageStatus.Read, await StatusOfAsync(sid));
        await PostAsync(channel, sid, "delivered");
        await PostAsync(channel, sid, "failed", "30008");
        Assert.Equal(MessageStatus.Read, await StatusOfAsync(sid));
    }

    [Fact]
    public async Task Racing_callbacks_for_one_message_end_at_the_furthest_status()
    {
        var (channel, sid) = await SentMessageAsync();

        await Task.WhenAll(Enumerable.Range(0, 6).SelectMany(_ => new[]
        {
            PostAsync(channel, sid, "sent"), PostAsync(channel, sid, "read"), PostAsync(channel, sid, "delivered"),
        }));

        Assert.Equal(MessageStatus.Read, await StatusOfAsync(sid));
    }

    [Fact]
    public async Task A_late_63016_does_not_close_a_window_the_customer_has_reopened()
    {
        var (channel, sid) = await SentMessageAsync();
        await using (var db = await app.CreateDbContextAsync())
        {
            var message = await db.Messages.Include(m => m.Conversation).ThenInclude(c => c!.Customer).SingleAsync(m => m.TwilioSid == sid);
            message.CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-5);
            await db.SaveChangesAsync();
            // The customer writes again after the agent's message went out.
            (await channel.PostInboundAsync(channel.Inbound(message.Conversation!.Customer!.Phone, "still there?"))).EnsureSuccessStatusCode();
        }

        await PostAsync(channel, sid, "failed", "63016");

        await using var check = await app.CreateDbContextAsync();
        var conversation = (await check.Messages.Include(m => m.Conversation).SingleAsync(m => m.TwilioSid == sid)).Conversation!;
        Assert.True(conversation.IsWindowOpen(DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task A_repeated_callback_is_recorded_once()
    {
        var (channel, sid) = await SentMessageAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(channel, sid, "delivered")));

        await using var db = await app.CreateDbContextAsync();
        Assert.Equal(1, await db.StatusCallbacks.CountAsync(s => s.MessageSid == sid && s.Status == "delivered"));
        Assert.Equal(MessageStatus.Delivered, await StatusOfAsync(sid));
    }

    [Fact]
    public async Task A_failure_carries_Twilios_code_and_a_readable_reason()
    {
        var (channel, sid) = await SentMessageAsync();

        await PostAsync(channel, sid, "undelivered", "30003");

        await using var db = await app.CreateDbContextAsync();
        var message = await db.Messages.SingleAsync(m => m.TwilioSid == sid);
        Assert.Equal(MessageStatus.Undelivered, message.Status);
        Assert.Equal(30003, message.ErrorCode);
        Assert.Equal("The customer's phone is unreachable (30003).", message.ErrorMessage);
    }

    [Fact]
    public async Task Error_63016_in_a_callback_closes_the_window()
    {
        var (channel, sid) = await SentMessageAsync();

        await PostAsync(channel, sid, "failed", "63016");

        await using var db = await app.CreateDbContextAsync();
        var message = await db.Messages.Include(m => m.Conversation).SingleAsync(m => m.TwilioSid == sid);
        Assert.Equal(MessageStatus.Failed, message.Status);
        Assert.False(message.Conversation!.IsWindowOpen(DateTimeOffset.UtcNow));
        Assert.StartsWith("The 24-hour window is closed", message.ErrorMessage);
    }

    [Fact]
    public async Task A_callback_for_a_message_not_known_yet_is_applied_when_it_is()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var sid = TwilioSids.New("SM");
        await PostAsync(channel, sid, "delivered");

        await using (var db = await app.CreateDbContextAsync())
        {
            Assert.False((await db.StatusCallbacks.SingleAsync(s => s.MessageSid == sid)).Applied);
        }
        await StoreOutboundAsync(channel, sid);
        await app.GetRequiredService<StatusCallbackStore>().ApplyPendingAsync(sid);

        Assert.Equal(MessageStatus.Delivered, await StatusOfAsync(sid));
    }

    [Fact]
    public async Task A_callback_on_another_accounts_URL_is_ignored_and_changes_nothing()
    {
        var (channel, sid) = await SentMessageAsync();
        // Another account of the app, validly signed with its own token, names this account's message.
        var other = await WebhookChannel.CreateAsync(app);

        await PostAsync(other, sid, "failed", "63016");

        await using (var db = await app.CreateDbContextAsync())
        {
            var message = await db.Messages.Include(m => m.Conversation).SingleAsync(m => m.TwilioSid == sid);
            Assert.Equal(MessageStatus.Sent, message.Status);
            Assert.Null(message.ErrorCode);
            Assert.True(message.Conversation!.IsWindowOpen(DateTimeOffset.UtcNow));
            Assert.False(await db.StatusCallbacks.AnyAsync(s => s.MessageSid == sid));
        }
        Assert.Contains(app.Logs, e => e.Message.Contains($"Status callback failed for {sid} ignored: it came for account {other.AccountId}"));

        // The message's own account still moves it.
        await PostAsync(channel, sid, "delivered");
        Assert.Equal(MessageStatus.Delivered, await StatusOfAsync(sid));
    }

    [Fact]
    public async Task A_forged_callback_is_refused_and_recorded_nowhere()
    {
        var (channel, sid) = await SentMessageAsync();
        var form = Form(channel, sid, "read");

        using var response = await channel.PostStatusAsync(form, EmulatorSignature.Compute(channel.Urls.Status, form, "ffffffffffffffffffffffffffffffff"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = await app.CreateDbContextAsync();
        Assert.False(await db.StatusCallbacks.AnyAsync(s => s.MessageSid == sid));
        Assert.Equal(MessageStatus.Sent, await StatusOfAsync(sid));
    }

    [Fact]
    public async Task A_callback_without_a_status_is_refused_with_400()
    {
        var (channel, sid) = await SentMessageAsync();
        var form = Form(channel, sid, "read");
        form.Remove("MessageStatus");

        using var response = await channel.PostStatusAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = await app.CreateDbContextAsync();
        Assert.False(await db.StatusCallbacks.AnyAsync(s => s.MessageSid == sid));
    }

    [Theory]
    [InlineData("exploded")]
    [InlineData("delivered ")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("read'; DROP TABLE Messages;--")]
    [InlineData("partially-delivered")]
    public async Task A_status_word_Twilio_does_not_send_is_refused_with_400_and_kept_nowhere(string status)
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var sid = TwilioSids.New("SM");

        using var response = await channel.PostStatusAsync(Form(channel, sid, status));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MessageStatus is not one of Twilio's status values", await response.Content.ReadAsStringAsync());
        await using var db = await app.CreateDbContextAsync();
        Assert.False(await db.StatusCallbacks.AnyAsync(s => s.MessageSid == sid));
        Assert.Contains(app.Logs, e => e.Message == $"Webhook for account {channel.AccountId} refused (400): MessageStatus is not one of Twilio's status values");
    }

    [Fact]
    public async Task Every_status_value_Twilio_documents_is_taken()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        string[] values = ["queued", "sending", "sent", "delivered", "read", "undelivered", "failed", "accepted", "scheduled", "canceled",
            "receiving", "received", "partially_delivered"];
        var sid = TwilioSids.New("SM");

        foreach (var status in values) await PostAsync(channel, sid, status);

        await using var db = await app.CreateDbContextAsync();
        Assert.Equal(values.Order(), (await db.StatusCallbacks.Where(s => s.MessageSid == sid).Select(s => s.Status).ToListAsync()).Order());
    }

    [Fact]
    public async Task A_callback_kept_for_a_message_not_known_yet_is_applied_only_to_a_message_of_the_account_it_came_for()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var other = await WebhookChannel.CreateAsync(app);
        var sid = TwilioSids.New("SM");
        // Another account of the app, validly signed with its own token, names a SID this account will use.
        await PostAsync(other, sid, "failed", "63016");
        await using (var db = await app.CreateDbContextAsync())
        {
            Assert.Equal(other.AccountId, (await db.StatusCallbacks.SingleAsync(s => s.MessageSid == sid)).AccountId);
        }

        await StoreOutboundAsync(channel, sid);
        await app.GetRequiredService<StatusCallbackStore>().ApplyPendingAsync(sid);

        Assert.Equal(MessageStatus.Sent, await StatusOfAsync(sid));
        Assert.Contains(app.Logs, e => e.Message.Contains($"Status callback failed for {sid} not applied: it came for account {other.AccountId}"));
        // The message's own account still moves it, and keeps its account with the callback.
        await PostAsync(channel, sid, "delivered");
        Assert.Equal(MessageStatus.Delivered, await StatusOfAsync(sid));
        await using var check = await app.CreateDbContextAsync();
        Assert.Equal(channel.AccountId, (await check.StatusCallbacks.SingleAsync(s => s.MessageSid == sid && s.Status == "delivered")).AccountId);
    }

    private async Task<(WebhookChannel Channel, string Sid)> SentMessageAsync()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var sid = TwilioSids.New("SM");
        await StoreOutboundAsync(channel, sid);
        return (channel, sid);
    }

    /// <summary>An agent's reply that Twilio has accepted and reported sent, in a conversation with an open window.</summary>
    private async Task StoreOutboundAsync(WebhookChannel channel, string sid)
    {
        var customer = TestData.UniqueNumber();
        (await channel.PostInboundAsync(channel.Inbound(customer, "hi"))).EnsureSuccessStatusCode();
        await using var db = await app.CreateDbContextAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.Customer!.Phone == customer);
        db.Messages.Add(new Message
        {
            ConversationId = conversation.Id,
            Direction = MessageDirection.Outbound,
            Kind = MessageKind.Text,
            Body = "On it!",
            TwilioSid = sid,
            Status = MessageStatus.Sent,
            Dispatch = DispatchState.Accepted,
            CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    private static Dictionary<string, string> Form(WebhookChannel channel, string sid, string status, string? errorCode = null)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = sid,
            ["SmsSid"] = sid,
            ["MessageStatus"] = status,
            ["AccountSid"] = channel.AccountSid,
            ["From"] = "whatsapp:" + channel.Number,
            ["To"] = "whatsapp:+447700900000",
            ["ChannelPrefix"] = "whatsapp",
            ["ApiVersion"] = "2010-04-01",
        };
        if (errorCode is not null) form["ErrorCode"] = errorCode;
        return form;
    }

    private static async Task PostAsync(WebhookChannel channel, string sid, string status, string? errorCode = null)
    {
        using var response = await channel.PostStatusAsync(Form(channel, sid, status, errorCode));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<MessageStatus> StatusOfAsync(string sid)
    {
        await using var db = await app.CreateDbContextAsync();
        return (await db.Messages.SingleAsync(m => m.TwilioSid == sid)).Status;
    }
}
