using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Conversations;

/// <summary>The demo's "close the window now": what the team sees when 24 hours run out, without waiting a day.</summary>
[Trait("Storage", "Both")]
public sealed class DemoWindowClockTests(ClockHost host) : IClassFixture<ClockHost>
{
    private AppHost App => host.App;
    private DemoWindowClock DemoWindow => App.GetRequiredService<DemoWindowClock>();

    [Fact]
    public async Task A_supervisor_ends_the_customers_window_now_and_everyone_hears_of_it()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var customer = TestData.UniqueNumber();
        var id = await channel.OpenConversationAsync(customer);
        host.Clock.Advance(TimeSpan.FromHours(2));
        var events = new List<LiveEvent>();
        using var _ = App.GetRequiredService<IConversationEvents>().Subscribe(e => { lock (events) events.Add(e); return Task.CompletedTask; });

        var ended = await DemoWindow.EndWindowNowAsync(channel.Number, customer, await App.SupervisorAsync());

        Assert.True(ended.Succeeded, ended.FirstMessage);
        Assert.Equal(id, ended.Value);
        var conversation = await App.ConversationAsync(id);
        Assert.Equal(host.Clock.Now, conversation.WindowEndsAt);
        Assert.NotEqual(ConversationStatus.Closed, conversation.Status);
        await Eventually.Get(() => { lock (events) return events.OfType<WindowClosed>().Any(e => e.ConversationId == id && e.At == host.Clock.Now); },
            x => x, what: "the window-closed event");
        // Free text is refused from then on, as after 24 hours.
        var text = await App.SendTextAsync(new SessionMessageInput(id, "Are you still there?"), await App.SupervisorAsync());
        Assert.False(text.Succeeded);
        Assert.Contains("24-hour window", text.FirstMessage);
        Assert.Equal("The window of this conversation is already closed.",
            (await DemoWindow.EndWindowNowAsync(channel.Number, customer, await App.SupervisorAsync())).FirstMessage);
    }

    [Fact]
    public async Task An_agent_cannot_end_a_window_and_nothing_changes()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var alex = await App.AddAgentAsync("Alex", [channel.QueueId]);
        var customer = TestData.UniqueNumber();
        var id = await channel.OpenConversationAsync(customer);
        await App.AssignedAsync(id, alex);
        var before = (await App.ConversationAsync(id)).WindowEndsAt;

        var refused = await DemoWindow.EndWindowNowAsync(channel.Number, customer, Actor.Agent(alex));

        Assert.Equal("Only supervisors and admins can close a window early.", refused.FirstMessage);
        Assert.Equal(before, (await App.ConversationAsync(id)).WindowEndsAt);
    }

    [Fact]
    public async Task Without_an_open_conversation_there_is_nothing_to_end()
    {
        var channel = await WebhookChannel.CreateAsync(App);

        var refused = await DemoWindow.EndWindowNowAsync(channel.Number, TestData.UniqueNumber(), await App.SupervisorAsync());

        Assert.Equal("This customer has no open conversation with the team.", refused.FirstMessage);
    }

    [Fact]
    public async Task With_live_Twilio_no_window_is_ever_ended_early()
    {
        var channel = await WebhookChannel.CreateAsync(App);
        var customer = TestData.UniqueNumber();
        var id = await channel.OpenConversationAsync(customer);
        var before = (await App.ConversationAsync(id)).WindowEndsAt;
        var live = new DemoWindowClock(App.GetRequiredService<IDbContextFactory<OmniDbContext>>(), new LiveTwilioEndpoints(new TwilioOptions()),
            App.GetRequiredService<IConversationEvents>(), App.GetRequiredService<TimeProvider>(),
            App.GetRequiredService<IStringLocalizer<Strings>>(), NullLogger<DemoWindowClock>.Instance);

        var refused = await live.EndWindowNowAsync(channel.Number, customer, await App.SupervisorAsync());

        Assert.Equal("Only the built-in Twilio emulator lets a window be closed early.", refused.FirstMessage);
        Assert.Equal(before, (await App.ConversationAsync(id)).WindowEndsAt);
    }
}
