using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Browser;

/// <summary>Presence follows real browser tabs: the circuit handler reports them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PresenceBrowserTests(BrowserFixture browser, SweepingClockHost host) : IClassFixture<SweepingClockHost>
{
    [Fact]
    public async Task Closing_the_last_tab_sets_the_agent_offline_after_the_grace_and_a_new_tab_restores_their_choice()
    {
        var app = host.App;
        var presence = app.GetRequiredService<PresenceService>();
        string agentId;
        await using (var db = await app.CreateDbContextAsync())
        {
            agentId = await db.Users.Where(u => u.Email == DemoData.Agent.Email).Select(u => u.Id).SingleAsync();
        }

        await using (var session = await browser.SignInAsync(app, DemoData.Agent))
        {
            await new ShellPage(session.Page).WaitUntilInteractiveAsync();
            await Eventually.GetAsync(() => presence.GetAsync(agentId), p => p.Presence == Presence.Available, what: "Available with a tab open");
            await app.SetPresenceAsync(agentId, Presence.Busy);
            await session.Page.CloseAsync();
        }
        await Eventually.GetAsync(() => presence.GetAsync(agentId), p => p.DisconnectedAt is not null, what: "the last tab gone");
        Assert.Equal(Presence.Busy, (await presence.GetAsync(agentId)).Presence);

        host.Clock.Advance(TimeSpan.FromMinutes(2));
        await Eventually.GetAsync(() => presence.GetAsync(agentId), p => p.Presence == Presence.Offline, what: "Offline after the grace");

        await using (var again = await browser.SignInAsync(app, DemoData.Agent))
        {
            await new ShellPage(again.Page).WaitUntilInteractiveAsync();
            var back = await Eventually.GetAsync(() => presence.GetAsync(agentId), p => p.Presence != Presence.Offline, what: "back with a new tab");
            Assert.Equal((Presence.Busy, (DateTimeOffset?)null), (back.Presence, back.DisconnectedAt));
            Assert.Empty(again.Errors);
        }
    }
}
