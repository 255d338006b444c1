using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Scaling;

namespace OmniWhatsApp.Core.Bots;

/// <summary>Wakes the bot worker: a customer wrote in a conversation the bot holds.</summary>
public sealed class BotSignal : WakeSignal;

/// <summary>
/// Takes the bots' turns (<see cref="BotTurns"/>). It wakes when the inbound store committed a message of a
/// conversation with the bot, and looks every <see cref="BotOptions.SweepInterval"/> anyway, so turns missed while the
/// app was down (or whose wake-up went to an instance that stopped) are taken after a restart. Up to
/// <see cref="BotOptions.Parallelism"/> conversations' turns run at once, each conversation's one at a time, so a slow
/// external bot holds up only its own conversations. With several instances one of them (the owner,
/// <see cref="IWorkOwnership"/>) runs the turns; the others pass their wake-ups on to it.
/// </summary>
public sealed class BotWorker(BotTurns turns, BotSignal signal, IWorkOwnership ownership, IOptions<BotOptions> options, TimeProvider clock, ILogger<BotWorker> logger)
    : BackgroundService
{
    /// <summary>The name of the work the instances elect an owner for.</summary>
    public const string Work = "bots";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ownership.RunAsync(Work, signal, RunAsOwnerAsync, stoppingToken);

    private async Task RunAsOwnerAsync(OwnerTerm term)
    {
        var running = new ConcurrentDictionary<int, Task>();
        var failed = new ConcurrentDictionary<int, DateTimeOffset>();
        using var slots = new SemaphoreSlim(Math.Max(1, options.Value.Parallelism));
        try
        {
            while (!term.Token.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                foreach (var (id, until) in failed) if (until <= now) failed.TryRemove(id, out _);
                List<int> due;
                try
                {
                    due = await turns.DueAsync(4 * Math.Max(1, options.Value.Parallelism), [.. running.Keys, .. failed.Keys], term.Token);
                }
                catch (Exception ex) when (!term.Token.IsCancellationRequested)
                {
                    logger.LogError(ex, "Bot worker: looking for turns failed; the next round tries again");
                    due = [];
                }
                foreach (var id in due)
                {
                    await slots.WaitAsync(term.Token);
                    // Marked running before the turn starts: a turn that ended before the mark was made would
                    // otherwise leave it behind, and the conversation would never be due again.
                    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    running[id] = done.Task;
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await turns.TakeTurnAsync(id, term.Token);
                        }
                        catch (Exception ex) when (!term.Token.IsCancellationRequested)
                        {
                            // Not committed: the turn is taken again after a pause (not at once, so a fault does not spin).
                            logger.LogError(ex, "Bot turn of conversation {ConversationId} failed; it is tried again", id);
                            failed[id] = clock.GetUtcNow() + options.Value.RetryAfter;
                        }
                        finally
                        {
                            running.TryRemove(id, out _);
                            slots.Release();
                            done.TrySetResult();
                            // The customer may have written again during the turn, and a slot is free.
                            signal.Notify();
                        }
                    }, CancellationToken.None);
                }
                await signal.WaitAsync(options.Value.SweepInterval, term.Token);
            }
        }
        catch (OperationCanceledException) when (term.Token.IsCancellationRequested)
        {
        }
        finally
        {
            // Turns still running end with the term (their commit did not happen, so the next owner takes them again).
            await Task.WhenAll(running.Values).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Takes every due turn now, one after another (tests, and a look after a restart).</summary>
    public async Task RunOnceAsync(CancellationToken ct = default)
    {
        foreach (var id in await turns.DueAsync(1000, [], ct)) await turns.TakeTurnAsync(id, ct);
    }
}
