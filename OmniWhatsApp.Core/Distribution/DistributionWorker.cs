using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.Distribution;

/// <summary>
/// Runs what happens without anyone clicking: greetings for new conversations, push distribution, auto-close after
/// inactivity, and Offline after the grace. It wakes at once on the events that can change the picture (a
/// conversation opens, closes or is transferred; an agent becomes Available; capacity or queue membership changes),
/// and sweeps every <see cref="DistributionOptions.SweepInterval"/> as a safety net (and for the clock-driven work).
/// </summary>
public sealed class DistributionWorker(
    IConversationEvents events,
    DistributionSignal signal,
    AutomatedMessages automated,
    DistributionService distribution,
    ConversationService conversations,
    PresenceService presence,
    IOptions<DistributionOptions> options,
    ILogger<DistributionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = events.Subscribe(e =>
        {
            if (Wakes(e)) signal.Notify();
            return Task.CompletedTask;
        });
        await StepAsync("presence reset", () => presence.StartGraceForEveryoneAsync(stoppingToken), stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunOnceAsync(stoppingToken);
            await signal.WaitAsync(options.Value.SweepInterval, stoppingToken);
        }
    }

    /// <summary>One round of everything; each step's failure is logged and does not stop the others.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        await StepAsync("greetings", () => automated.GreetPendingAsync(ct), ct);
        await StepAsync("push distribution", () => distribution.DistributeAsync(ct), ct);
        await StepAsync("auto-close", () => conversations.CloseInactiveAsync(ct), ct);
        await StepAsync("presence", () => presence.SetOfflineAfterGraceAsync(ct), ct);
    }

    internal static bool Wakes(LiveEvent e) => e switch
    {
        ConversationOpened or ConversationClosed or ConversationAssigned => true,
        AgentPresenceChanged changed => changed.Presence == Presence.Available,
        AgentSettingsChanged or QueueMembershipChanged => true,
        _ => false,
    };

    private async Task StepAsync(string step, Func<Task> run, CancellationToken ct)
    {
        try
        {
            await run();
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Distribution worker: {Step} failed; the next round tries again", step);
        }
    }
}
