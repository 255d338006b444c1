using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Web.Emulator;

/// <summary>
/// The customer's side of WhatsApp, for the customer simulator (and tests): a customer's message is recorded by
/// the emulated Twilio (it opens the 24-hour window), its attachment stored and served at Twilio's media URL, and
/// the message posted, signed, to the inbound webhook of the app account that owns the business number, with
/// Twilio's fields. The sandbox numbers (<see cref="EmulatorOptions.SandboxNumbers"/>) answer the join code
/// themselves and forward nothing from customers who have not joined.
/// </summary>
public sealed class EmulatorCustomerChannel(
    EmulatorState state,
    EmulatorWebhooks webhooks,
    EmulatorAppDirectory directory,
    IPublicUrls publicUrls,
    Core.Twilio.ITwilioEndpoints endpoints,
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
        if (!PhoneNumber.TryParse(businessNumber, out var business)) throw new ArgumentException($"'{businessNumber}' is not an E.164 number.", nameof(businessNumber));
        if (!PhoneNumber.TryParse(customerPhone, out var customer)) throw new ArgumentException($"'{customerPhone}' is not an E.164 number.", nameof(customerPhone));
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
            Sid = TwilioSids.New(stored.Length > 0 ? "MM" : "SM"),
            AccountSid = emulator.AccountSid,
            From = customer.WhatsAppAddress,
            To = business.WhatsAppAddress,
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
        state.RecordInbound(business.Value, customer.Value, now);

        if (emulator.SandboxNumbers.Contains(business.Value) && SandboxAnswer(business, customer, body, now) is { } sandbox)
        {
            return sandbox with { MessageSid = message.Sid };
        }

        var accountId = await directory.AccountForNumberAsync(business.Value, ct);
        if (accountId is null)
        {
            logger.LogInformation("Emulator: no app account has {Number}; the customer's message {Sid} goes nowhere", business.Value, message.Sid);
            return new CustomerMessageResult(message.Sid, CustomerMessageOutcome.NoWebhook);
        }

        var url = CallbackUrls.For(publicUrls.BaseUrl, accountId.Value).Inbound;
        var status = await webhooks.PostAsync(url, InboundFields(message, customer), ct);
        return new CustomerMessageResult(message.Sid,
            status is >= 200 and < 300 ? CustomerMessageOutcome.Delivered : CustomerMessageOutcome.WebhookFailed, status);
    }

    /// <summary>Every message between a business number and a customer (both +E164), oldest first: for the simulator's chat view.</summary>
    public IReadOnlyList<EmulatorMessage> Conversation(string businessNumber, string customerPhone)
    {
        var business = PhoneNumber.WhatsAppPrefix + businessNumber;
        var customer = PhoneNumber.WhatsAppPrefix + customerPhone;
        return state.Messages.Where(m => (m.From == business && m.To == customer) || (m.From == customer && m.To == business)).ToList();
    }

    /// <summary>Twilio's inbound webhook fields for a WhatsApp message.</summary>
    private List<KeyValuePair<string, string>> InboundFields(EmulatorMessage message, PhoneNumber customer)
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
            new("WaId", customer.WaId),
            new("SmsStatus", "received"),
            new("ApiVersion", "2010-04-01"),
            new("ChannelMetadata", JsonSerializer.Serialize(new { type = "whatsapp", data = new { context = new { message.ProfileName, customer.WaId } } })),
        };
        if (!string.IsNullOrEmpty(message.ProfileName)) fields.Add(new("ProfileName", message.ProfileName));
        for (var i = 0; i < message.Media.Count; i++)
        {
            var media = message.Media[i];
            var url = new Uri(endpoints.ApiBase, $"2010-04-01/Accounts/{message.AccountSid}/Messages/{message.Sid}/Media/{media.Sid}");
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
    private CustomerMessageResult? SandboxAnswer(PhoneNumber sandbox, PhoneNumber customer, string? body, DateTimeOffset now)
    {
        var emulator = options.Value;
        var text = body?.Trim() ?? "";
        if (text.Equals(emulator.SandboxJoinCode.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            state.RecordJoin(sandbox.Value, customer.Value, now);
            var reply = $"Twilio Sandbox: ✅ You are all set! The sandbox can now send/receive messages from {sandbox.WhatsAppAddress}. Reply stop to leave the sandbox any time.";
            Reply(sandbox, customer, reply, now);
            return new CustomerMessageResult("", CustomerMessageOutcome.JoinedSandbox, Reply: reply);
        }

        var member = EmulatorMessagesApi.IsMember(state.JoinedAt(sandbox.Value, customer.Value), now, emulator);
        if (member && text.Equals("stop", StringComparison.OrdinalIgnoreCase))
        {
            state.RecordLeave(sandbox.Value, customer.Value);
            var reply = $"You have left the sandbox. Send \"{emulator.SandboxJoinCode}\" to join again.";
            Reply(sandbox, customer, reply, now);
            return new CustomerMessageResult("", CustomerMessageOutcome.LeftSandbox, Reply: reply);
        }
        if (!member)
        {
            var reply = $"Your number {customer.WhatsAppAddress} is not connected to a Sandbox. You need to connect it first by sending \"{emulator.SandboxJoinCode}\".";
            Reply(sandbox, customer, reply, now);
            return new CustomerMessageResult("", CustomerMessageOutcome.NotInSandbox, Reply: reply);
        }
        return null;
    }

    private void Reply(PhoneNumber sandbox, PhoneNumber customer, string text, DateTimeOffset now) =>
        state.Save(new EmulatorMessage
        {
            Sid = TwilioSids.New("SM"),
            AccountSid = options.Value.AccountSid,
            From = sandbox.WhatsAppAddress,
            To = customer.WhatsAppAddress,
            Body = text,
            Direction = EmulatorMessage.OutboundReply,
            Status = "delivered",
            DateCreated = now,
            DateUpdated = now,
            DateSent = now,
        });
}
