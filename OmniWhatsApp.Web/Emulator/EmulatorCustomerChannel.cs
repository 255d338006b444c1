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
    public Task<CustomerMessageResult> SendFromCustomerAsync(string businessNumber, string customerPhone, string? profileName,
        string? body, EmulatorFile? media = null, CancellationToken ct = default) =>
        SendAsync(businessNumber, customerPhone, profileName, body, media, null, ct);

    /// <summary>A text that quotes an earlier message (WhatsApp's "reply"): Twilio adds <c>OriginalRepliedMessageSid</c>.</summary>
    /// <param name="repliedToSid">The quoted message's SID, either way (the customer's own or the business's).</param>
    public Task<CustomerMessageResult> SendReplyAsync(string businessNumber, string customerPhone, string? profileName,
        string body, string repliedToSid, CancellationToken ct = default) =>
        SendAsync(businessNumber, customerPhone, profileName, body, null, new CustomerExtras { RepliedToSid = repliedToSid }, ct);

    /// <summary>
    /// The customer taps a quick-reply button (<paramref name="fromList"/> false: <c>MessageType=button</c>,
    /// <c>ButtonPayload</c>, <c>ButtonText</c>) or picks a list row (true: <c>MessageType=interactive</c>, <c>ListId</c>,
    /// <c>ListTitle</c>). WhatsApp sends the title as the text and quotes the message that offered the choice.
    /// </summary>
    /// <param name="payload">The button's or row's id, as the business set it.</param>
    /// <param name="title">What the button or row showed.</param>
    /// <param name="repliedToSid">The SID of the message that offered the choice, if known.</param>
    public Task<CustomerMessageResult> SendChoiceAsync(string businessNumber, string customerPhone, string? profileName,
        string payload, string title, bool fromList, string? repliedToSid = null, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(payload)) throw new ArgumentException("A choice needs its payload.", nameof(payload));
        if (string.IsNullOrEmpty(title)) throw new ArgumentException("A choice needs its title.", nameof(title));
        var extras = fromList
            ? new CustomerExtras { ListId = payload, ListTitle = title, RepliedToSid = repliedToSid }
            : new CustomerExtras { ButtonPayload = payload, ButtonText = title, RepliedToSid = repliedToSid };
        return SendAsync(businessNumber, customerPhone, profileName, title, null, extras, ct);
    }

    /// <summary>The customer shares a contact card: Twilio passes it on as a vCard attachment (<c>text/vcard</c>).</summary>
    /// <param name="contactName">The contact's name.</param>
    /// <param name="contactPhone">The contact's number, +E164.</param>
    public Task<CustomerMessageResult> SendContactAsync(string businessNumber, string customerPhone, string? profileName,
        string contactName, string contactPhone, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(contactName)) throw new ArgumentException("A contact needs a name.", nameof(contactName));
        if (!EmulatorWire.IsE164(contactPhone)) throw new ArgumentException($"'{contactPhone}' is not an E.164 number.", nameof(contactPhone));
        var name = contactName.Trim().Replace("\r", "").Replace("\n", " ");
        var card = string.Join("\r\n",
            "BEGIN:VCARD", "VERSION:3.0", $"N:;{VcardText(name)};;;", $"FN:{VcardText(name)}",
            $"TEL;type=CELL;waid={contactPhone[1..]}:{contactPhone}", "END:VCARD", "");
        var file = new EmulatorFile(System.Text.Encoding.UTF8.GetBytes(card), "text/vcard", $"{name}.vcf");
        return SendAsync(businessNumber, customerPhone, profileName, null, file, null, ct);

        static string VcardText(string value) => value.Replace("\\", "\\\\").Replace(",", "\\,").Replace(";", "\\;");
    }

    /// <summary>The customer shares a place (<c>MessageType=location</c>, <c>Latitude</c>, <c>Longitude</c>, <c>Label</c>, <c>Address</c>).</summary>
    public Task<CustomerMessageResult> SendLocationAsync(string businessNumber, string customerPhone, string? profileName,
        double latitude, double longitude, string? label = null, string? address = null, CancellationToken ct = default)
    {
        if (latitude is < -90 or > 90 || double.IsNaN(latitude)) throw new ArgumentException("A latitude is from -90 to 90.", nameof(latitude));
        if (longitude is < -180 or > 180 || double.IsNaN(longitude)) throw new ArgumentException("A longitude is from -180 to 180.", nameof(longitude));
        var extras = new CustomerExtras
        {
            Latitude = latitude, Longitude = longitude,
            Label = string.IsNullOrWhiteSpace(label) ? null : label.Trim(),
            Address = string.IsNullOrWhiteSpace(address) ? null : address.Trim(),
        };
        return SendAsync(businessNumber, customerPhone, profileName, null, null, extras, ct);
    }

    private async Task<CustomerMessageResult> SendAsync(string businessNumber, string customerPhone, string? profileName,
        string? body, EmulatorFile? media, CustomerExtras? extras, CancellationToken ct)
    {
        if (!EmulatorWire.IsE164(businessNumber)) throw new ArgumentException($"'{businessNumber}' is not an E.164 number.", nameof(businessNumber));
        if (!EmulatorWire.IsE164(customerPhone)) throw new ArgumentException($"'{customerPhone}' is not an E.164 number.", nameof(customerPhone));
        var business = EmulatorWire.WhatsAppPrefix + businessNumber;
        var customer = EmulatorWire.WhatsAppPrefix + customerPhone;
        if (string.IsNullOrEmpty(body) && media is null && extras?.Latitude is null) throw new ArgumentException("A customer's message needs text or a file.", nameof(body));
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
            Extras = extras,
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
            new("MessageType", MessageType(message)),
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
        if (message.Extras is { } extras)
        {
            if (extras.ButtonPayload is not null) fields.Add(new("ButtonPayload", extras.ButtonPayload));
            if (extras.ButtonText is not null) fields.Add(new("ButtonText", extras.ButtonText));
            if (extras.ListId is not null) fields.Add(new("ListId", extras.ListId));
            if (extras.ListTitle is not null) fields.Add(new("ListTitle", extras.ListTitle));
            if (extras.RepliedToSid is not null)
            {
                fields.Add(new("OriginalRepliedMessageSid", extras.RepliedToSid));
                if (state.Find(extras.RepliedToSid) is { } quoted) fields.Add(new("OriginalRepliedMessageSender", quoted.From));
            }
            if (extras.Latitude is { } latitude && extras.Longitude is { } longitude)
            {
                fields.Add(new("Latitude", latitude.ToString("0.######", CultureInfo.InvariantCulture)));
                fields.Add(new("Longitude", longitude.ToString("0.######", CultureInfo.InvariantCulture)));
                if (extras.Label is not null) fields.Add(new("Label", extras.Label));
                if (extras.Address is not null) fields.Add(new("Address", extras.Address));
            }
        }
        return fields;

        static string MessageType(EmulatorMessage message) => message switch
        {
            { Extras.ListId: not null } => "interactive",
            { Extras.ButtonPayload: not null } => "button",
            { Extras.Latitude: not null } => "location",
            { Media.Count: > 0 } => message.Media[0].ContentType.Split('/')[0] switch
            {
                "image" => "image",
                "audio" => "audio",
                "video" => "video",
                _ when message.Media[0].ContentType is "text/vcard" or "text/x-vcard" => "contacts",
                _ => "document",
            },
            _ => "text",
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
