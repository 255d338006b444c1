using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Distribution;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Inbox;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Pages.Supervisor;
using OmniWhatsApp.Web.Components.Shared.Conversations;
using ConversationView = OmniWhatsApp.Web.Components.Shared.Conversations.ConversationView;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Components;

/// <summary>
/// The conversation view and the supervisor's dashboard on a conversation the bot holds, rendered with the app's own
/// services (the conversation is written straight into its database, as the bot engine would keep it).
/// </summary>
public sealed class WithBotComponentTests : ComponentTest, IClassFixture<ClockHost>
{
    private readonly ClockHost host;
    private readonly Bunit.TestDoubles.BunitAuthorizationContext auth;

    public WithBotComponentTests(ClockHost host)
    {
        this.host = host;
        Use<InboxQueries>();
        // Scoped in the app: from a scope of its own, which the test's container disposes with the test.
        Services.AddSingleton(_ => new AppScope(App.CreateScope()));
        Services.AddSingleton(sp => sp.GetRequiredService<AppScope>().Scope.ServiceProvider.GetRequiredService<OutboundService>());
        Use<ConversationService>();
        Use<DistributionService>();
        Use<IConversationEvents>();
        Use<TimeProvider>();
        Use<IOptions<InboxOptions>>();
        Use<QueueDashboardFeed>();
        Use<QueueDashboardQueries>();
        Services.AddLogging();
        // The composer (quick replies, templates) is not what these tests are about.
        ComponentFactories.AddStub<Composer>();
        auth = AddAuthorization();
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    private AppHost App => host.App;

    private void Use<T>() where T : class => Services.AddSingleton(App.GetRequiredService<T>());

    private sealed class AppScope(AsyncServiceScope scope) : IAsyncDisposable
    {
        public AsyncServiceScope Scope => scope;

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }

    private async Task<(WebhookChannel Channel, int ConversationId)> WithBotAsync(string customer)
    {
        var channel = await WebhookChannel.CreateAsync(App);
        await App.SetWorkstreamAsync(channel.WorkstreamId, w => w.DistributionMode = DistributionMode.Pick);
        var id = await channel.OpenConversationAsync(customer, "What are your opening hours?");
        await App.HandToBotAsync(id, "We are open 9 to 6, Monday to Friday.");
        return (channel, id);
    }

    private void SignIn(Actor actor, string role)
    {
        auth.SetAuthorized(actor.UserId);
        auth.SetRoles(role);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, actor.UserId));
    }

    [Fact]
    public async Task A_supervisor_sees_the_conversation_with_the_bot_read_only_takes_it_over_and_it_is_theirs()
    {
        var (_, id) = await WithBotAsync(TestData.UniqueNumber());
        var supervisor = await App.SupervisorAsync();
        SignIn(supervisor, Roles.Supervisor);

        var view = Render<ConversationView>(p => p.Add(v => v.ConversationId, id));

        view.WaitForAssertion(() => Assert.Equal("With the bot", view.Find("[data-testid=conversation-status]").TextContent.Trim()));
        Assert.Equal("The bot is answering this customer; a supervisor can take it over.", view.Find("[data-testid=read-only]").TextContent.Trim());
        Assert.Equal("Bot", view.Find("[data-kind=bot] [data-testid=bot-mark]").TextContent.Trim());
        Assert.Empty(view.FindAll("[data-testid=transfer]"));

        await view.InvokeAsync(() => view.Find("[data-testid=take-over]").Click());

        view.WaitForAssertion(() => Assert.Empty(view.FindAll("[data-testid=take-over]")));
        Assert.Empty(view.FindAll("[data-testid=read-only]"));
        Assert.Contains("Taken over from the bot by Sam Supervisor", view.FindAll("[data-testid=system-line] span").Select(l => l.TextContent));
        Assert.Equal(ConversationStatus.Active, (await App.ConversationAsync(id)).Status);
    }

    [Fact]
    public async Task An_agent_of_the_queue_sees_the_bot_is_answering_and_has_nothing_to_take()
    {
        var (channel, id) = await WithBotAsync(TestData.UniqueNumber());
        var agent = await App.AddAgentAsync("Aysel", [channel.QueueId]);
        SignIn(Actor.Agent(agent), Roles.Agent);

        var view = Render<ConversationView>(p => p.Add(v => v.ConversationId, id));

        view.WaitForAssertion(() => Assert.Equal("With the bot", view.Find("[data-testid=conversation-status]").TextContent.Trim()));
        Assert.Empty(view.FindAll("[data-testid=take-over]"));
        Assert.Empty(view.FindAll("[data-testid=take-conversation]"));
        Assert.Equal("The bot is answering this customer; a supervisor can take it over.", view.Find("[data-testid=read-only]").TextContent.Trim());
    }

    [Fact]
    public async Task The_dashboard_lists_what_the_bot_holds_with_the_counts_and_a_take_over_makes_it_the_supervisors()
    {
        var customer = TestData.UniqueNumber();
        var (channel, id) = await WithBotAsync(customer);
        var supervisor = await App.SupervisorAsync();
        SignIn(supervisor, Roles.Supervisor);
        _ = Popovers;

        var page = Render<QueueDashboardPage>();

        var row = page.WaitForElement($"[data-testid=with-bot-list] .conversation-{id}");
        Assert.Contains(customer, row.TextContent);
        Assert.Contains("We are open 9 to 6, Monday to Friday.", row.QuerySelector("[data-testid=last-message]")!.TextContent);
        Assert.NotNull(row.QuerySelector("[data-testid=last-message] .bot-icon"));
        var card = page.Find($"[data-testid=queue-card][data-queue-id='{channel.QueueId}']");
        Assert.Equal(("1", "0"), (card.QuerySelector("[data-testid=with-bot-count]")!.TextContent, card.QuerySelector("[data-testid=waiting-count]")!.TextContent));
        Assert.NotEqual("0", page.Find("[data-testid=total-with-bot]").TextContent);

        await page.InvokeAsync(() => row.QuerySelector("[data-testid=take-over]")!.Click());

        var taken = await Eventually.GetAsync(() => App.ConversationAsync(id), c => c.Status == ConversationStatus.Active, TimeSpan.FromSeconds(5), "the take-over");
        Assert.Equal(supervisor.UserId, taken.AssignedAgentId);
        Assert.EndsWith($"conversations/{id}", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri);
    }
}
