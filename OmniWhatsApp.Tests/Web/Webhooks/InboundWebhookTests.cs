using System.Net;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Inbound;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Tests.Web.Webhooks;

/// <summary>POST /api/twilio/{account}/inbound: what is stored, and that bad requests store nothing.</summary>
[Collection(AppCollection.Name)]
[Trait("Storage", "Both")]
public sealed class InboundWebhookTests(AppHost app)
{
    [Fact]
    public async Task A_signed_message_is_stored_in_a_new_routed_conversation_with_a_24h_window()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var customer = TestData.UniqueNumber();
        var form = channel.Inbound(customer, "Hello, my order is late");

        var before = DateTimeOffset.UtcNow;
        using var response = await channel.PostInboundAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<Response/>", await response.Content.ReadAsStringAsync());

        await using var db = await app.CreateDbContextAsync();
        var message = await db.Messages.Include(m => m.Conversation).ThenInclude(c => c!.Customer).SingleAsync(m => m.TwilioSid == form["MessageSid"]);
        Assert.Equal("Hello, my order is late", message.Body);
        Assert.Equal(MessageDirection.Inbound, message.Direction);
        var conversation = message.Conversation!;
        Assert.Equal(customer, conversation.Customer!.Phone);
        Assert.Equal("Jane Customer", conversation.Customer.ProfileName);
        Assert.Equal(channel.QueueId, conversation.QueueId);
        Assert.Equal(channel.WorkstreamId, conversation.WorkstreamId);
        Assert.Equal(ConversationStatus.Waiting, conversation.Status);
        Assert.InRange(conversation.WindowEndsAt!.Value - before, TimeSpan.FromHours(24), TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_second_message_reuses_the_open_conversation_and_moves_the_window()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var customer = TestData.UniqueNumber();
        (await channel.PostInboundAsync(channel.Inbound(customer, "first"))).EnsureSuccessStatusCode();
        await using var db1 = await app.CreateDbContextAsync();
        var firstEnd = (await db1.Conversations.SingleAsync(c => c.Customer!.Phone == customer)).WindowEndsAt;
        await Task.Delay(20);

        (await channel.PostInboundAsync(channel.Inbound(customer, "second"))).EnsureSuccessStatusCode();

        await using var db = await app.CreateDbContextAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.Customer!.Phone == customer);
        Assert.Equal(2, await db.Messages.CountAsync(m => m.ConversationId == conversation.Id));
        Assert.True(conversation.WindowEndsAt > firstEnd);
    }

    [Fact]
    public async Task The_same_MessageSid_delivered_twice_is_stored_once()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var form = channel.Inbound(TestData.UniqueNumber(), "retried by Twilio");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => channel.PostInboundAsync(form)));
        using var again = await channel.PostInboundAsync(form);

        Assert.All(responses.Append(again), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var db = await app.CreateDbContextAsync();
        Assert.Equal(1, await db.Messages.CountAsync(m => m.TwilioSid == form["MessageSid"]));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("wrong-token")]
    [InlineData("tampered-body")]
    public async Task A_bad_or_missing_signature_is_refused_with_403_and_stores_nothing(string kind)
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var form = channel.Inbound(TestData.UniqueNumber(), "forged");
        var signature = kind switch
        {
            "missing" => "",
            "wrong-token" => EmulatorSignature.Compute(channel.Urls.Inbound, form, "00000000000000000000000000000000"),
            _ => EmulatorSignature.Compute(channel.Urls.Inbound, form, channel.AuthToken),
        };
        if (kind == "tampered-body") form["Body"] = "changed after signing";
        var before = await StoredRows.CountAsync(app);

        using var response = await channel.PostInboundAsync(form, signature);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertNothingStoredAsync(before, form["MessageSid"]);
        Assert.Contains(app.Logs, e => e.Message.Contains("X-Twilio-Signature") && e.Message.Contains(channel.AccountId.ToString()));
        Assert.DoesNotContain(app.Logs, e => e.Message.Contains(channel.AuthToken));
    }

    [Fact]
    public async Task An_unknown_account_or_number_answers_404_and_stores_nothing()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var form = channel.Inbound(TestData.UniqueNumber(), "to nobody");
        var unknownAccountUrl = channel.Urls.Inbound.Replace(channel.AccountId.ToString(), Guid.NewGuid().ToString());
        var before = await StoredRows.CountAsync(app);
        using var unknownAccount = await channel.PostAsync(unknownAccountUrl, form, EmulatorSignature.Compute(unknownAccountUrl, form, channel.AuthToken));

        form["To"] = "whatsapp:" + TestData.UniqueNumber();
        using var unknownNumber = await channel.PostInboundAsync(form);

        Assert.Equal(HttpStatusCode.NotFound, unknownAccount.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownNumber.StatusCode);
        await AssertNothingStoredAsync(before, form["MessageSid"]);
    }

    [Fact]
    public async Task An_account_whose_Auth_Token_cannot_be_decrypted_is_refused_with_403_and_stores_nothing()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        await using (var db = await app.CreateDbContextAsync())
        {
            // As after the Data Protection keys were replaced: the stored token is no longer readable.
            var account = await db.Accounts.SingleAsync(a => a.Id == channel.AccountId);
            account.ProtectedAuthToken = "CfDJ8" + new string('A', 120);
            await db.SaveChangesAsync();
        }
        app.GetRequiredService<OmniWhatsApp.Core.Accounts.ChannelDirectory>().Invalidate();
        var form = channel.Inbound(TestData.UniqueNumber(), "to an account with a lost token");
        var status = new Dictionary<string, string>
        {
            ["MessageSid"] = TwilioSids.New("SM"), ["MessageStatus"] = "delivered", ["AccountSid"] = channel.AccountSid,
        };
        var before = await StoredRows.CountAsync(app);

        using var inbound = await channel.PostInboundAsync(form);
        using var callback = await channel.PostStatusAsync(status);

        Assert.Equal(HttpStatusCode.Forbidden, inbound.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
        await AssertNothingStoredAsync(before, form["MessageSid"]);
        Assert.Contains(app.Logs, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && e.Message.Contains($"The Auth Token of account {channel.AccountId} cannot be decrypted"));
        Assert.DoesNotContain(app.Logs, e => e.ToString().Contains(channel.AuthToken) || e.ToString().Contains("CfDJ8AAAA"));
    }

    [Theory]
    [InlineData("From", null, "From is not a whatsapp:+E164 address")]
    [InlineData("From", "whatsapp:0044770090", "From is not a whatsapp:+E164 address")]
    [InlineData("MessageSid", "SM123", "MessageSid is missing or not a Twilio message SID")]
    [InlineData("NumMedia", "2", "NumMedia is 2 but MediaUrl0/MediaContentType0 is missing")]
    [InlineData("NumMedia", "abc", "NumMedia 'abc' is not a count from 0 to 10")]
    [InlineData("NumMedia", "1000", "NumMedia '1000' is not a count from 0 to 10")]
    [InlineData("Body", "LONG", "Body is longer than 4096 characters")]
    public async Task Malformed_input_is_refused_with_400_and_a_reason_and_stores_nothing(string field, string? value, string reason)
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var form = channel.Inbound(TestData.UniqueNumber(), "malformed");
        var sid = form["MessageSid"];
        if (value is null) form.Remove(field);
        else form[field] = value == "LONG" ? new string('x', 4097) : value;
        var before = await StoredRows.CountAsync(app);

        using var response = await channel.PostInboundAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(reason, await response.Content.ReadAsStringAsync());
        await AssertNothingStoredAsync(before, sid);
        Assert.Contains(app.Logs, e => e.Message.Contains(reason));
    }

    [Fact]
    public async Task A_shared_location_is_stored_as_a_place_with_its_coordinates_not_as_text()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var form = channel.Inbound(TestData.UniqueNumber(), "");
        form.Remove("Body");
        form["Latitude"] = "41.0256";
        form["Longitude"] = "-28.974133";
        form["Label"] = "Galata Kulesi";
        form["Address"] = "Bereketzade, 34421 Beyoğlu/İstanbul";
        form["MessageType"] = "location";

        using var response = await channel.PostInboundAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = await app.CreateDbContextAsync();
        var message = await db.Messages.SingleAsync(m => m.TwilioSid == form["MessageSid"]);
        Assert.Null(message.Body);
        Assert.Equal(new MessageLocation(41.0256, -28.974133, "Galata Kulesi", "Bereketzade, 34421 Beyoğlu/İstanbul"), message.Location);
    }

    [Theory]
    [InlineData("Label", 50_000)]
    [InlineData("Label", 1001)]
    [InlineData("Address", 1001)]
    [InlineData("ButtonText", 257)]
    [InlineData("ButtonPayload", 1001)]
    [InlineData("ListTitle", 257)]
    [InlineData("ListId", 1001)]
    [InlineData("ProfileName", 201)]
    [InlineData("WaId", 21)]
    public async Task An_over_long_text_field_is_refused_with_400_and_a_reason_and_stores_nothing(string field, int length)
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var form = channel.Inbound(TestData.UniqueNumber(), "");
        form["Latitude"] = "41.0256";
        form["Longitude"] = "28.974133";
        form[field] = new string('x', length);
        var before = await StoredRows.CountAsync(app);

        using var response = await channel.PostInboundAsync(form);

        var reason = $"{field} is longer than {InboundForm.MaxLengths[field]} characters";
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(reason, await response.Content.ReadAsStringAsync());
        await AssertNothingStoredAsync(before, form["MessageSid"]);
        Assert.Contains(app.Logs, e => e.Message == $"Webhook for account {channel.AccountId} refused (400): {reason}");
    }

    [Theory]
    [InlineData("41.0256", null)]
    [InlineData(null, "28.97")]
    [InlineData("91", "28.97")]
    [InlineData("41.02", "-180.5")]
    [InlineData("NaN", "28.97")]
    [InlineData("41,02", "28,97")]
    [InlineData("1e1", "28.97")]
    [InlineData("", "")]
    public async Task A_location_without_a_pair_of_coordinates_is_refused_with_400(string? latitude, string? longitude)
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var form = channel.Inbound(TestData.UniqueNumber(), "");
        if (latitude is not null) form["Latitude"] = latitude;
        if (longitude is not null) form["Longitude"] = longitude;
        var before = await StoredRows.CountAsync(app);

        using var response = await channel.PostInboundAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Latitude/Longitude is not a pair of coordinates", await response.Content.ReadAsStringAsync());
        await AssertNothingStoredAsync(before, form["MessageSid"]);
    }

    /// <param name="rawBody">The Body as it goes on the wire, one byte per character (Latin-1): "\u00E9" is the single byte E9.</param>
    [Theory]
    [InlineData("caf\u00E9+%C3%A7ok", "caf\uFFFD çok", true)]
    [InlineData("\u00FF\u00FE", "\uFFFD\uFFFD", true)]
    [InlineData("caf%E9+ok", "caf%E9 ok", true)]
    [InlineData("sent+as+such+%EF%BF%BD+50%25+off", "sent as such \uFFFD 50% off", false)]
    public async Task A_signed_body_with_bytes_that_are_not_UTF8_is_stored_as_decoded_and_logged_without_its_text(string rawBody, string stored, bool warned)
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var form = channel.Inbound(TestData.UniqueNumber(), stored);
        var sid = form["MessageSid"];
        // Twilio signs the values as decoded; the bytes on the wire are the ones given.
        var signature = EmulatorSignature.Compute(channel.Urls.Inbound, form, channel.AuthToken);
        form.Remove("Body");
        var raw = await new FormUrlEncodedContent(form).ReadAsStringAsync() + "&Body=" + rawBody;
        using var http = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Urls.Inbound)
        {
            Content = new ByteArrayContent(System.Text.Encoding.Latin1.GetBytes(raw)),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.TryAddWithoutValidation(EmulatorSignature.Header, signature);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = await app.CreateDbContextAsync();
        Assert.Equal(stored, (await db.Messages.SingleAsync(m => m.TwilioSid == sid)).Body);
        var warnings = app.Logs.Where(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains(sid)).ToList();
        if (warned)
        {
            var warning = Assert.Single(warnings);
            Assert.Equal($"Inbound {sid} for account {channel.AccountId} has bytes that are not UTF-8; stored as decoded, with U+FFFD or the percent escapes in their place", warning.Message);
        }
        else
        {
            Assert.Empty(warnings);
        }
    }

    [Fact]
    public async Task Media_fields_beyond_NumMedia_are_refused()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var form = channel.Inbound(TestData.UniqueNumber(), "");
        form["NumMedia"] = "0";
        form["MediaUrl0"] = "https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME";
        form["MediaContentType0"] = "image/jpeg";
        var before = await StoredRows.CountAsync(app);

        using var response = await channel.PostInboundAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync(before, form["MessageSid"]);
    }

    [Fact]
    public async Task Unknown_extra_fields_from_Twilio_are_accepted()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        var form = channel.Inbound(TestData.UniqueNumber(), "with extras");
        form["ReferralCtwaClid"] = "abc";
        form["SomethingTwilioAddsNextYear"] = "1";

        using var response = await channel.PostInboundAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>No message with the SID, and no customer, conversation, message or attachment more than <paramref name="before"/>.</summary>
    private async Task AssertNothingStoredAsync(StoredRows before, string sid)
    {
        await using var db = await app.CreateDbContextAsync();
        Assert.False(await db.Messages.AnyAsync(m => m.TwilioSid == sid));
        await before.AssertUnchangedAsync(app);
    }
}

/// <summary>Behind a proxy (App:PublicBaseUrl set), Twilio signs the public URL; a signature over the app's own address does not count.</summary>
[Trait("Storage", "Both")]
public sealed class InboundWebhookBehindProxyTests
{
    private const string PublicBase = "https://support.example.com/";

    [Fact]
    public async Task A_message_signed_over_the_loopback_URL_instead_of_the_public_one_is_refused_with_403_and_stores_nothing()
    {
        await using var app = await AppHost.StartAsync(o => o.With("App:PublicBaseUrl", PublicBase));
        var channel = await WebhookChannel.CreateAsync(app);
        var loopbackUrl = app.Url($"api/twilio/{channel.AccountId}/inbound").ToString();
        Assert.StartsWith(PublicBase, channel.Urls.Inbound);

        var forged = channel.Inbound(TestData.UniqueNumber(), "signed over the request URL");
        var before = await StoredRows.CountAsync(app);
        using var refused = await channel.PostAsync(loopbackUrl, forged, EmulatorSignature.Compute(loopbackUrl, forged, channel.AuthToken));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await before.AssertUnchangedAsync(app);
        Assert.Contains(app.Logs, e => e.Message.Contains("invalid X-Twilio-Signature") && e.Message.Contains(channel.Urls.Inbound));

        // The same request signed over the public URL, as Twilio signs it, is taken.
        var genuine = channel.Inbound(TestData.UniqueNumber(), "signed over the public URL");
        using var accepted = await channel.PostAsync(loopbackUrl, genuine, EmulatorSignature.Compute(channel.Urls.Inbound, genuine, channel.AuthToken));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }
}
