using System.Net;
using Microsoft.Playwright;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Emulator;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>A host whose clock the tests move, with countdowns that re-read it often.</summary>
public sealed class InboxClockHost : ClockHost
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(10);

    protected override void Configure(AppHostOptions options) => options
        .With("Inbox:CountdownRefresh", "00:00:00.100")
        .With("Media:PublicLinkLifetime", LinkLifetime.ToString("c"));
}

/// <summary>The 24-hour window in the inbox, and attachments sent to Twilio at signed links; both on a test clock.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InboxWindowTests(BrowserFixture browser, InboxClockHost host) : IClassFixture<InboxClockHost>
{
    private AppHost App => host.App;

    private static readonly TemplateInput FollowUp = new()
    {
        Name = "follow_up",
        Language = "en",
        Body = "Hello {{1}}, we are following up on your request {{2}}. Reply to continue the conversation.",
    };

    private static void AllowAttachments(Behaviours b)
    {
        b.AttachmentsEnabled = true;
        b.CustomersCanSendAttachments = true;
        b.AgentsCanSendAttachments = true;
    }

    [Fact]
    public async Task When_the_window_reaches_zero_the_composer_greys_out_live_and_a_template_sent_then_is_delivered()
    {
        var channel = await WebhookChannel.CreateAsync(App, AllowAttachments, [FollowUp]);
        App.ApproveOnEmulator(FollowUp.Name, FollowUp.Body);
        var agent = await App.AddSignInAgentAsync("Window Wanda", [channel.QueueId]);
        await App.SetPresenceAsync(agent.Id, OmniWhatsApp.Core.Users.Presence.Available);
        var customer = TestData.UniqueNumber();
        var id = await channel.OpenConversationAsync(customer, "Is anyone there?");
        await App.AssignedAsync(id, agent.Id);
        host.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(5));

        await using var session = await browser.SignInAsync(App, agent.User);
        var inbox = await InboxPage.OpenAsync(session.Page, id);
        var conversation = inbox.Conversation;
        await Expect(conversation.Countdown).ToHaveAttributeAsync("data-level", "urgent");
        await Expect(conversation.Countdown).ToContainTextAsync(" left");
        await Expect(conversation.Text).ToBeEnabledAsync();
        await Expect(conversation.WindowClosedReason).ToHaveCountAsync(0);
        await Expect(conversation.TemplatePicker).ToHaveCountAsync(0);
        await session.ScreenshotAsync("last-minutes");
        await Blazor.MarkDocumentAsync(session.Page);

        host.Clock.Advance(TimeSpan.FromMinutes(5));

        // At that moment, without a reload: text and attachments grey out, the reason shows, the template picker takes over.
        await Expect(conversation.Text).ToBeDisabledAsync(new() { Timeout = 2_000 });
        await Expect(conversation.WindowClosedReason).ToContainTextAsync("24-hour window is closed");
        await Expect(conversation.Countdown).ToHaveAttributeAsync("data-level", "closed");
        await Expect(conversation.FileInput).ToBeDisabledAsync();
        await Expect(conversation.Send).ToBeDisabledAsync();
        await Expect(conversation.TemplatePicker).ToBeVisibleAsync();
        await Expect(inbox.Item(id).Locator("[data-testid=window-countdown]")).ToHaveAttributeAsync("data-level", "closed");
        // "Window closed", never a bare "Closed" that reads like a resolved conversation.
        await Expect(conversation.Countdown).ToHaveTextAsync("Window closed — templates only");
        await Expect(inbox.Item(id).Locator("[data-testid=window-countdown]")).ToHaveTextAsync("Window closed — templates only");
        await session.ScreenshotAsync("window-closed");

        await conversation.ChooseTemplateAsync("follow_up");
        await conversation.TemplateValue(1).FillAsync("Jane");
        await conversation.TemplateValue(2).FillAsync("4711");
        await Expect(conversation.TemplatePreview).ToHaveTextAsync("Hello Jane, we are following up on your request 4711. Reply to continue the conversation.");
        await session.ScreenshotAsync("template-filled");
        await conversation.SendTemplate.ClickAsync();

        var sent = conversation.Message("Hello Jane, we are following up on your request 4711.");
        await Expect(sent).ToHaveAttributeAsync("data-kind", "template");
        await Expect(ConversationPanel.Ticks(sent)).ToHaveAttributeAsync("data-status", "read", new() { Timeout = 10_000 });
        Assert.Equal("read", (await Twilio(customer).SingleAsync()).Status);

        // The customer answers: the window opens again, live.
        await channel.OpenConversationAsync(customer, "Yes, still here");
        await Expect(conversation.Message("Yes, still here")).ToBeVisibleAsync();
        await Expect(conversation.Text).ToBeEnabledAsync();
        await Expect(conversation.WindowClosedReason).ToHaveCountAsync(0);
        await Expect(conversation.Countdown).ToHaveAttributeAsync("data-level", "calm");
        await session.ScreenshotAsync("window-reopened");

        Assert.False(await Blazor.WasReloadedAsync(session.Page), "the page reloaded");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task An_image_the_agent_attaches_reaches_Twilio_at_a_signed_link_that_works_until_it_expires()
    {
        var channel = await WebhookChannel.CreateAsync(App, AllowAttachments);
        var agent = await App.AddSignInAgentAsync("Attaching Amir", [channel.QueueId]);
        await App.SetPresenceAsync(agent.Id, OmniWhatsApp.Core.Users.Presence.Available);
        var customer = TestData.UniqueNumber();
        var id = await channel.OpenConversationAsync(customer, "Can you send me the receipt?");
        await App.AssignedAsync(id, agent.Id);
        var image = TestImages.Png();

        await using var session = await browser.SignInAsync(App, agent.User);
        var conversation = (await InboxPage.OpenAsync(session.Page, id)).Conversation;
        await conversation.FileInput.SetInputFilesAsync(new FilePayload { Name = "receipt.png", MimeType = "image/png", Buffer = image });
        await Expect(conversation.ChosenFile).ToContainTextAsync("receipt.png");
        await conversation.SendTextAsync("Here is your receipt");

        var message = conversation.Message("Here is your receipt");
        var shown = message.Locator("[data-testid=message-image] img");
        await Expect(shown).ToBeVisibleAsync();
        await Expect(ConversationPanel.Ticks(message)).ToHaveAttributeAsync("data-status", "read", new() { Timeout = 10_000 });
        Assert.True(await shown.EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 48"), "the agent's copy of the image did not load");
        await session.ScreenshotAsync("image-sent");

        // Twilio got a link to the file on the app's public address, which it fetches without signing in.
        var sent = await Twilio(customer).SingleAsync();
        var link = new Uri(Assert.Single(sent.MediaUrls));
        Assert.StartsWith(App.Url("media/public/").ToString(), link.ToString());
        using var anonymous = new HttpClient();
        using (var fetched = await anonymous.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
            Assert.Equal("image/png", fetched.Content.Headers.ContentType?.MediaType);
            Assert.Equal(image, await fetched.Content.ReadAsByteArrayAsync());
        }

        // A changed signature, another file's id or a later expiry: refused.
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        var mediaId = long.Parse(link.Segments[^1]);
        string[] forged =
        [
            $"media/public/{mediaId}?expires={query["expires"]}&sig={query["sig"]![..^4]}AAAA",
            $"media/public/{mediaId + 1}?expires={query["expires"]}&sig={query["sig"]}",
            $"media/public/{mediaId}?expires={long.Parse(query["expires"]!) + 3600}&sig={query["sig"]}",
            $"media/public/{mediaId}",
        ];
        foreach (var url in forged)
        {
            using var refused = await anonymous.GetAsync(App.Url(url));
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{url}: {refused.StatusCode}");
        }

        // Once it has expired the same link is refused too.
        host.Clock.Advance(InboxClockHost.LinkLifetime + TimeSpan.FromSeconds(1));
        using (var expired = await anonymous.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        }
        Assert.Empty(session.Errors);
    }

    /// <summary>What the emulated Twilio received for this customer.</summary>
    private Eventual Twilio(string customer) => new(() => App.GetRequiredService<EmulatorState>().Messages
        .Where(m => m.Direction == EmulatorMessage.Outbound && m.To == PhoneNumber.WhatsAppPrefix + customer).ToList());

    private sealed record Eventual(Func<IReadOnlyList<EmulatorMessage>> Read)
    {
        public async Task<EmulatorMessage> SingleAsync() =>
            (await Eventually.Get(Read, m => m.Count > 0, what: "the message at Twilio")).Single();
    }
}
