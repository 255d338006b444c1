using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Web.Emulator;

/// <summary>
/// The customer's side of WhatsApp, for the customer simulator (and tests): a customer's message is recorded by
/// the emulated Twilio (it opens the 24-hour window), its attachment stored and served at Twilio's media URL, and
/// the message posted, signed, with Twilio's fields, to the webhook configured on the business number's WhatsApp
/// sender (what the app set through the Senders API, as an admin does in Twilio's console). The sandbox numbers
/// (<see cref="EmulatorOptions.SandboxNumbers"/>) answer the join code themselves and forward nothing from customers
/// who have not joined.
/// </summary>
public sealed class EmulatorCustomerChannel(
    EmulatorState state,
    EmulatorWebhooks webhooks,
    ServerUrls serverUrls,
    IOptions<EmulatorOptions> options,
    TimeProvider clock,
    ILogger<EmulatorCustomerChannel> logger)
{
    /// <summary>WhatsApp's limit for one attachment.</summary>
    public const long MaxMediaBytes = 16 * 1024 * 1024;

    /// <param name="businessNumber">The WhatsApp number the customer writes to, +E164.</param>
    /// <param name="customerPhone">The customer's number, +E164.</param>
    /// <param name="profileName">The customer's WhatsApp profile name, if any.</param>
    /// <param name="body">The text; may be null when a file is sent.</param>
    /// <param name="media">One attachment (WhatsApp sends one per message).</param>
    /// <exception cref="ArgumentException">A number is not E.164, there is neither text nor file, or the file is too large.</exception>
    public async Task<CustomerMessageResult> SendFromCustomerAsync(string businessNumber, string customerPhone, string? profileName,
        string? body, EmulatorFile? media = null, CancellationToken ct = default)
    {
        if (!EmulatorWire.IsE164(businessNumber)) throw new ArgumentException($"'{businessNumber}' is not an E.164 number.", nameof(businessNumber));
        if (!EmulatorWire.IsE164(customerPhone)) throw new ArgumentException($"'{customerPhone}' is not an E.164 number.", nameof(customerPhone));
        var business = EmulatorWire.WhatsAppPrefix + businessNumber;
        var customer = EmulatorWire.WhatsAppPrefix + customerPhone;
        if (string.IsNullOrEmpty(body) && media is null) throw new ArgumentException("A customer's message needs text or a file.", nameof(body));
        if (media is not null && (media.Content.LongLength > MaxMediaBytes || string.IsNullOrWhiteSpace(media.ContentType)))
        {
            throw new ArgumentException("The file is empty-typed or larger than WhatsApp's 16 MB.", nameof(media));
        }

        var emulator = options.Value;
        var now = clock.GetUtcNow();
        var stored = media is null ? [] : new[] { state.StoreMedia(media) };
        var message = new EmulatorMessage
        {
            Sid = EmulatorWire.NewSid(stored.Length > 0 ? "MM" : "SM"),
            AccountSid = emulator.AccountSid,
            From = customer,
            To = business,
            Body = body ?? "",
            Direction = EmulatorMessage.Inbound,
            Status = "received",
            Media = stored,
            ProfileName = profileName,
            DateCreated = now,
            DateUpdated = now,
            DateSent = now,
        };
        state.Save(message);
        state.RecordInbound(businessNumber, customerPhone, now);

        if (emulator.SandboxNumbers.Contains(businessNumber) && SandboxAnswer(business, customer, body, now) is { } sandbox)
        {
            return sandbox with { MessageSid = message.Sid };
        }

        if (state.SenderFor(business)?.CallbackUrl is not { Length: > 0 } url)
        {
            logger.LogInformation("Emulator: {Number} has no incoming-message webhook; the customer's message {Sid} goes nowhere", businessNumber, message.Sid);
            return new CustomerMessageResult(message.Sid, CustomerMessageOutcome.NoWebhook);
        }

        var answer = await webhooks.PostAsync(url, InboundFields(message, customerPhone), ct);
        return answer.Succeeded
            ? new CustomerMessageResult(message.Sid, CustomerMessageOutcome.Delivered, answer.Status)
            : new CustomerMessageResult(message.Sid, CustomerMessageOutcome.WebhookFailed, answer.Status, WebhookReason: answer.Reason);
    }

    /// <summary>Every message between a business number and a customer (both +E164), oldest first: for the simulator's chat view.</summary>
    public IReadOnlyList<EmulatorMessage> Conversation(string businessNumber, string customerPhone)
    {
        var business = EmulatorWire.WhatsAppPrefix + businessNumber;
        var customer = EmulatorWire.WhatsAppPrefix + customerPhone;
        return state.Messages.Where(m => (m.From == business && m.To == customer) || (m.From == customer && m.To == business)).ToList();
    }

    /// <summary>When the customer's 24-hour window with the business number (both +E164) ends; null when it is closed.</summary>
    public DateTimeOffset? WindowEndsAt(string businessNumber, string customerPhone)
    {
        var last = state.LastInbound(businessNumber, customerPhone);
        return WhatsAppRules.IsWindowOpen(last, clock.GetUtcNow()) ? last!.Value + WhatsAppRules.Window : null;
    }

    /// <summary>
    /// Ends the customer's 24-hour window with the business number now, as if their last message were a day old: free
    /// text to them is refused with 63016 until they write again. For demos; false when the window was not open.
    /// </summary>
    public bool EndWindowNow(string businessNumber, string customerPhone)
    {
        if (WindowEndsAt(businessNumber, customerPhone) is null) return false;
        state.EndWindow(businessNumber, customerPhone, clock.GetUtcNow() - WhatsAppRules.Window);
        logger.LogInformation("Emulator: a customer's 24-hour window with {Business} ended early", businessNumber);
        return true;
    }

    /// <summary>Twilio's inbound webhook fields for a WhatsApp message.</summary>
    private List<KeyValuePair<string, string>> InboundFields(EmulatorMessage message, string customerPhone)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("SmsMessageSid", message.Sid),
            new("SmsSid", message.Sid),
            new("MessageSid", message.Sid),
            new("AccountSid", message.AccountSid),
            new("From", message.From),
            new("To", message.To),
            new("Body", message.Body ?? ""),
            new("NumMedia", message.Media.Count.ToString(CultureInfo.InvariantCulture)),
            new("NumSegments", "1"),
            new("ReferralNumMedia", "0"),
            new("MessageType", message.Media.Count > 0 ? MediaType(message.Media[0].ContentType) : "text"),
            new("WaId", customerPhone[1..]),
            new("SmsStatus", "received"),
            new("ApiVersion", "2010-04-01"),
            new("ChannelMetadata", JsonSerializer.Serialize(new { type = "whatsapp", data = new { context = new { message.ProfileName, WaId = customerPhone[1..] } } })),
        };
        if (!string.IsNullOrEmpty(message.ProfileName)) fields.Add(new("ProfileName", message.ProfileName));
        for (var i = 0; i < message.Media.Count; i++)
        {
            var media = message.Media[i];
            var url = new Uri(serverUrls.Self, $"{TwilioEmulator.ApiPath}2010-04-01/Accounts/{message.AccountSid}/Messages/{message.Sid}/Media/{media.Sid}");
            fields.Add(new($"MediaUrl{i}", url.ToString()));
            fields.Add(new($"MediaContentType{i}", media.ContentType));
        }
        return fields;

        static string MediaType(string contentType) => contentType.Split('/')[0] switch
        {
            "image" => "image",
            "audio" => "audio",
            "video" => "video",
            _ => "document",
        };
    }

    /// <summary>The sandbox's own handling of a customer's message, or null when it is forwarded as usual.</summary>
    /// <param name="sandbox">The sandbox's address, <c>whatsapp:+E164</c>.</param>
    /// <param name="customer">The customer's address, <c>whatsapp:+E164</c>.</param>
    private CustomerMessageResult? SandboxAnswer(string sandbox, string customer, string? body, DateTimeOffset now)
    {
        var emulator = options.Value;
        var text = body?.Trim() ?? "";
        if (text.Equals(emulator.SandboxJoinCode.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            state.RecordJoin(Number(sandbox), Number(customer), now);
            var reply = $"Twilio Sandbox: ✅ You are all set! The sandbox can now send/receive messages from {sandbox}. Reply stop to leave the sandbox any time.";
            Reply(sandbox, customer, reply, now);
            return new CustomerMessageResult("", CustomerMessageOutcome.JoinedSandbox, Reply: reply);
        }

        var member = EmulatorMessagesApi.IsMember(state.JoinedAt(Number(sandbox), Number(customer)), now, emulator);
        if (member && text.Equals("stop", StringComparison.OrdinalIgnoreCase))
        {
            state.RecordLeave(Number(sandbox), Number(customer));
            var reply = $"You have left the sandbox. Send \"{emulator.SandboxJoinCode}\" to join again.";
            Reply(sandbox, customer, reply, now);
            return new CustomerMessageResult("", CustomerMessageOutcome.LeftSandbox, Reply: reply);
        }
        if (!member)
        {
            var reply = $"Your number {customer} is not connected to a Sandbox. You need to connect it first by sending \"{emulator.SandboxJoinCode}\".";
            Reply(sandbox, customer, reply, now);
            return new CustomerMessageResult("", CustomerMessageOutcome.NotInSandbox, Reply: reply);
        }
        return null;
    }

    private static string Number(string address) => address[EmulatorWire.WhatsAppPrefix.Length..];

    private void Reply(string sandbox, string customer, string text, DateTimeOffset now) =>
        state.Save(new EmulatorMessage
        {
            Sid = EmulatorWire.NewSid("SM"),
            AccountSid = options.Value.AccountSid,
            From = sandbox,
            To = customer,
            Body = text,
            Direction = EmulatorMessage.OutboundReply,
            Status = "delivered",
            DateCreated = now,
            DateUpdated = now,
            DateSent = now,
        });
}
