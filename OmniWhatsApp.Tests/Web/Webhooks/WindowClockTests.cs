using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Webhooks;

/// <summary>The window as the server keeps it, with the app's clock under the test's control.</summary>
[Trait("Storage", "Both")]
public sealed class WindowClockTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private readonly TestClock clock = new(Start);
    private AppHost app = null!;

    public async Task InitializeAsync() =>
        app = await AppHost.StartAsync(o => o.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Window_is_open_until_24h_after_the_last_inbound_and_a_new_message_reopens_it()
    {
        var channel = await WebhookChannel.CreateAsync(app);
        // Past the default auto-close of 24 hours, the automation worker could close the conversation whenever it
        // runs, and the customer's next message would open another: this test is about the window alone.
        await app.SetWorkstreamAsync(channel.WorkstreamId, w => w.AutoCloseAfterMinutes = 48 * 60);
        var customer = TestData.UniqueNumber();
        (await channel.PostInboundAsync(channel.Inbound(customer, "first"))).EnsureSuccessStatusCode();

        clock.Set(Start.AddHours(24).AddTicks(-1));
        Assert.True((await ConversationAsync(customer)).IsWindowOpen(clock.Now));

        clock.Set(Start.AddHours(24));
        Assert.False((await ConversationAsync(customer)).IsWindowOpen(clock.Now));

        clock.Advance(TimeSpan.FromHours(3));
        (await channel.PostInboundAsync(channel.Inbound(customer, "I'm back"))).EnsureSuccessStatusCode();
        var reopened = await ConversationAsync(customer);
        Assert.True(reopened.IsWindowOpen(clock.Now));
        Assert.Equal(clock.Now.AddHours(24), reopened.WindowEndsAt);
    }

    private async Task<OmniWhatsApp.Core.Conversations.Conversation> ConversationAsync(string customer)
    {
        await using var db = await app.CreateDbContextAsync();
        return await db.Conversations.SingleAsync(c => c.Customer!.Phone == customer);
    }
}
