using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Scaling;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.Distribution;

/// <summary>One kind of work the <see cref="AutomationWorker"/> does, runnable on its own (tests drive it this way).</summary>
public sealed class Chore(string name, Func<CancellationToken, Task> run)
{
    public string Name => name;

    public Task RunOnceAsync(CancellationToken ct = default) => run(ct);

    public override string ToString() => name;
}

/// <summary>
/// What happens without anyone clicking, in this order each round: <see cref="Greetings"/> for new conversations,
/// <see cref="PushDistribution"/>, <see cref="AutoClose"/> after inactivity and Offline after the
/// <see cref="PresenceGrace"/>. It wakes at once on the events that can change the picture (a conversation opens,
/// closes or is transferred; an agent becomes Available; capacity or queue membership changes), and runs a round every
/// <see cref="DistributionOptions.SweepInterval"/> as a safety net (and for the clock-driven chores).
/// With several instances one of them, the owner (<see cref="IWorkOwnership"/>), runs the rounds; the others pass
/// their wake-ups on to it.
/// </summary>
public sealed class AutomationWorker(
    IConversationEvents events,
    DistributionSignal signal,
    AutomatedMessages automated,
    DistributionService distribution,
    ConversationService conversations,
    PresenceService presence,
    IWorkOwnership ownership,
    IOptions<DistributionOptions> options,
    ILogger<AutomationWorker> logger) : BackgroundService
{
    public Chore Greetings { get; } = new("greetings", async ct =>
    {
        // More may be waiting (a burst of new conversations): the next round starts at once rather than at the sweep.
        if (await automated.GreetPendingAsync(ct) >= AutomatedMessages.GreetingsPerCall) signal.Notify();
    });
    public Chore PushDistribution { get; } = new("push distribution", ct => distribution.DistributeAsync(ct));
    public Chore AutoClose { get; } = new("auto-close", ct => conversations.CloseInactiveAsync(ct));
    public Chore PresenceGrace { get; } = new("presence", ct => presence.SetOfflineAfterGraceAsync(ct));

    /// <summary>
    /// One instance that starts has no browser session yet: everyone's grace starts, before the app takes its first
    /// request (so a presence chosen in the app's first moments is never caught by it). With several instances the
    /// others still have theirs (and a new owner's predecessor may have had some), so nobody's grace starts here.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!ownership.Elected) await StepAsync(new Chore("presence reset", presence.StartGraceForEveryoneAsync), cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = events.Subscribe(e =>
        {
            if (Wakes(e)) signal.Notify();
            return Task.CompletedTask;
        });
        await ownership.RunAsync(Work, signal, async term =>
        {
            while (!term.Token.IsCancellationRequested)
            {
                await RunOnceAsync(term.Token);
                await signal.WaitAsync(options.Value.SweepInterval, term.Token);
            }
        }, stoppingToken);
    }

    /// <summary>The name of the work the instances elect an owner for.</summary>
    public const string Work = "automation";

    /// <summary>One round of every chore; each one's failure is logged and does not stop the others.</summary>
    public async Task RunOnceAsync(CancellationToken ct = default)
    {
        foreach (var chore in (Chore[])[Greetings, PushDistribution, AutoClose, PresenceGrace])
        {
            await StepAsync(chore, ct);
        }
    }

    internal static bool Wakes(LiveEvent e) => e switch
    {
        ConversationOpened or ConversationClosed or ConversationAssigned => true,
        AgentPresenceChanged changed => changed.Presence == Presence.Available,
        AgentSettingsChanged or QueueMembershipChanged => true,
        _ => false,
    };

    private async Task StepAsync(Chore chore, CancellationToken ct)
    {
        try
        {
            await chore.RunOnceAsync(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Automation worker: {Step} failed; the next round tries again", chore.Name);
        }
    }
}
