using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Core.Conversations;

/// <summary>
/// The channel's automated messages, sent by the system at their moment through the outbox as session messages:
/// greeting (or outside-business-hours) when a conversation opens, agent assigned, conversation closed, and the
/// survey after it. WhatsApp allows them only inside the 24-hour window; outside it they are skipped and the
/// timeline says so ("Greeting not sent: the 24-hour window is closed"), so the team knows what the customer saw.
/// The closing message and the survey, whose moment often comes long after the customer's last message (an
/// auto-close), are sent instead as the channel's template chosen for them, when there is one; the timeline says that
/// too ("Closing message sent as the template thanks: the 24-hour window is closed").
/// </summary>
public sealed class AutomatedMessages(
    IDbContextFactory<OmniDbContext> dbFactory,
    IServiceScopeFactory scopes,
    ConversationTimeline timeline,
    TimeProvider clock,
    IStringLocalizer<Strings> L,
    ILogger<AutomatedMessages> logger)
{
    private enum Moment { Greeting, OutsideBusinessHours, AgentAssigned, Closed, Survey }

    /// <summary>Conversations claimed, read and greeted together (one claim, one read and one outbox batch).</summary>
    public const int GreetingBatch = 100;

    /// <summary>
    /// The most one call deals with, so that a long burst of new conversations does not hold up the worker's other
    /// chores; the worker runs again at once when a call used it all (<see cref="Distribution.AutomationWorker"/>).
    /// </summary>
    public const int GreetingsPerCall = 10 * GreetingBatch;

    /// <summary>
    /// Greets the open conversations whose greeting is still to be dealt with: new ones, and any missed while the
    /// app was down (by then the window may have closed; the timeline then says the greeting was skipped). Batch after
    /// batch until none is left or <see cref="GreetingsPerCall"/> are done; returns how many were dealt with.
    /// </summary>
    public async Task<int> GreetPendingAsync(CancellationToken ct = default)
    {
        var done = 0;
        while (done < GreetingsPerCall)
        {
            var (found, claimed) = await ClaimPendingAsync(ct);
            done += found;
            if (claimed.Count > 0) await GreetClaimedAsync(claimed, ct);
            if (found < GreetingBatch) break;
        }
        return done;
    }

    /// <summary>
    /// Sends the opening message of a conversation once (any instance may try; one claims it): the outside-business-
    /// hours message when it opened outside the channel's hours and one is set, else the greeting.
    /// </summary>
    public async Task GreetAsync(int conversationId, CancellationToken ct = default)
    {
        var claimed = await ClaimAsync([conversationId], ct);
        if (claimed.Count > 0) await GreetClaimedAsync(claimed, ct);
    }

    /// <summary>Up to <see cref="GreetingBatch"/> pending conversations (how many were found), and those of them this call claimed.</summary>
    private async Task<(int Found, List<int> Claimed)> ClaimPendingAsync(CancellationToken ct)
    {
        List<int> pending;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            pending = await db.Conversations
                .Where(c => c.GreetedAt == null && c.Status != ConversationStatus.Closed && c.Status != ConversationStatus.WithBot)
                .OrderBy(c => c.Id).Select(c => c.Id).Take(GreetingBatch).ToListAsync(ct);
        }
        return (pending.Count, pending.Count == 0 ? [] : await ClaimAsync(pending, ct));
    }

    /// <summary>
    /// Marks those of <paramref name="ids"/> not greeted yet as greeted, in one statement, and returns them: another
    /// instance's claim of the same conversation finds it taken. A conversation the bot holds is not claimed: its
    /// opening message goes out when the bot hands it to the agents.
    /// </summary>
    private async Task<List<int>> ClaimAsync(IReadOnlyList<int> ids, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var sql = await Sql.OnAsync(db, ct);
        return await sql.ListAsync(
            """UPDATE "Conversations" SET "GreetedAt" = @now WHERE "Id" IN (@ids) AND "GreetedAt" IS NULL AND "Status" <> @withBot RETURNING "Id" """,
            new { now = clock.GetUtcNow(), ids = ids.ToList(), withBot = ConversationStatus.WithBot }, r => r.GetInt32(0), ct);
    }

    /// <summary>
    /// Sends the opening messages of claimed conversations. Their facts are read in one go and the messages are handed
    /// to the outbox together, so its writer stores them in one transaction rather than one after another.
    /// </summary>
    private async Task GreetClaimedAsync(List<int> claimed, CancellationToken ct)
    {
        var facts = await FactsAsync(claimed, ct);
        await Task.WhenAll(claimed.Select(async id =>
        {
            if (!facts.TryGetValue(id, out var fact) || fact.Behaviours is not { } behaviours) return;
            if (!string.IsNullOrWhiteSpace(behaviours.OutsideBusinessHoursMessage) && !BusinessHours.IsOpen(behaviours, fact.CreatedAt))
            {
                await SendAsync(id, fact, Moment.OutsideBusinessHours, behaviours.OutsideBusinessHoursMessage, ct);
            }
            else if (!string.IsNullOrWhiteSpace(behaviours.GreetingMessage))
            {
                await SendAsync(id, fact, Moment.Greeting, behaviours.GreetingMessage, ct);
            }
        }));
    }

    /// <summary>The agent-assigned message, after a conversation got an agent.</summary>
    public async Task AgentAssignedAsync(int conversationId, CancellationToken ct = default)
    {
        var facts = await FactsAsync(conversationId, ct);
        if (facts?.Behaviours?.AgentAssignedMessage is { } text && !string.IsNullOrWhiteSpace(text))
        {
            await SendAsync(conversationId, facts, Moment.AgentAssigned, text, ct);
        }
    }

    /// <summary>The conversation-closed message and then, when the channel has one, the survey.</summary>
    public async Task ClosedAsync(int conversationId, CancellationToken ct = default)
    {
        var facts = await FactsAsync(conversationId, ct);
        if (facts?.Behaviours is not { } behaviours) return;
        if (!string.IsNullOrWhiteSpace(behaviours.ConversationClosedMessage))
        {
            await SendAsync(conversationId, facts, Moment.Closed, behaviours.ConversationClosedMessage, ct, behaviours.ConversationClosedTemplate);
        }
        if (behaviours.SurveyEnabled && !string.IsNullOrWhiteSpace(behaviours.SurveyText))
        {
            await SendAsync(conversationId, facts, Moment.Survey, behaviours.SurveyText, ct, behaviours.SurveyTemplate);
        }
    }

    private sealed record Facts(DateTimeOffset CreatedAt, DateTimeOffset? WindowEndsAt, Behaviours? Behaviours);

    /// <summary>The facts of several conversations: two queries whatever their number.</summary>
    private async Task<Dictionary<int, Facts>> FactsAsync(List<int> conversationIds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversations = await db.Conversations.AsNoTracking().Where(c => conversationIds.Contains(c.Id))
            .Select(c => new { c.Id, c.CreatedAt, c.WindowEndsAt, c.WorkstreamId }).ToListAsync(ct);
        var workstreamIds = conversations.Where(c => c.WorkstreamId != null).Select(c => c.WorkstreamId!.Value).Distinct().ToList();
        var behaviours = (await db.WhatsAppSetups.AsNoTracking().Where(s => workstreamIds.Contains(s.WorkstreamId))
                .Select(s => new { s.WorkstreamId, s.Behaviours }).ToListAsync(ct))
            .DistinctBy(s => s.WorkstreamId).ToDictionary(s => s.WorkstreamId, s => s.Behaviours);
        return conversations.ToDictionary(c => c.Id,
            c => new Facts(c.CreatedAt, c.WindowEndsAt, c.WorkstreamId is { } w ? behaviours.GetValueOrDefault(w) : null));
    }

    private async Task<Facts?> FactsAsync(int conversationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Conversations.AsNoTracking()
            .Where(c => c.Id == conversationId)
            .Select(c => new Facts(c.CreatedAt, c.WindowEndsAt,
                db.WhatsAppSetups.Where(s => s.WorkstreamId == c.WorkstreamId).Select(s => s.Behaviours).FirstOrDefault()))
            .FirstOrDefaultAsync(ct);
    }

    /// <param name="template">The template to send instead when the window is closed (closing message and survey).</param>
    private async Task SendAsync(int conversationId, Facts facts, Moment moment, string text, CancellationToken ct, string? template = null)
    {
        if (!ConversationRules.IsWindowOpen(facts.WindowEndsAt, clock.GetUtcNow()))
        {
            if (!string.IsNullOrWhiteSpace(template))
            {
                await SendTemplateAsync(conversationId, moment, template.Trim(), ct);
                return;
            }
            logger.LogInformation("{Moment} message of conversation {ConversationId} skipped: the window is closed", moment, conversationId);
            await timeline.AddLineAsync(conversationId, WindowClosedLine(moment), ct);
            return;
        }
        var sent = await SendThroughOutboxAsync(conversationId, text, ct);
        if (!sent.Succeeded)
        {
            logger.LogWarning("{Moment} message of conversation {ConversationId} not sent: {Reason}", moment, conversationId, sent.FirstMessage);
            // The window may have closed between the check and the send (a late 63016): say so in the same words.
            var closedMeanwhile = await FactsAsync(conversationId, ct) is { } now && !ConversationRules.IsWindowOpen(now.WindowEndsAt, clock.GetUtcNow());
            await timeline.AddLineAsync(conversationId, closedMeanwhile ? WindowClosedLine(moment) : FailedLine(moment, sent.FirstMessage), ct);
        }
    }

    private async Task SendTemplateAsync(int conversationId, Moment moment, string template, CancellationToken ct)
    {
        Result<long> sent;
        await using (var scope = scopes.CreateAsyncScope())
        {
            sent = await scope.ServiceProvider.GetRequiredService<OutboundService>().SendAutomatedTemplateAsync(conversationId, template, ct);
        }
        if (sent.Succeeded)
        {
            logger.LogInformation("{Moment} message of conversation {ConversationId} sent as template {Template}: the window is closed", moment, conversationId, template);
            await timeline.AddLineAsync(conversationId, SentAsTemplateLine(moment, template), ct);
            return;
        }
        logger.LogWarning("{Moment} message of conversation {ConversationId} not sent as template {Template}: {Reason}", moment, conversationId, template, sent.FirstMessage);
        await timeline.AddLineAsync(conversationId, FailedLine(moment, sent.FirstMessage), ct);
    }

    private async Task<Result<long>> SendThroughOutboxAsync(int conversationId, string text, CancellationToken ct)
    {
        // OutboundService is scoped (a page's or a request's); the system gets one of its own.
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboundService>().SendAutomatedAsync(conversationId, text, ct);
    }

    private string WindowClosedLine(Moment moment) => moment switch
    {
        Moment.Greeting => L.Line("Greeting not sent: the 24-hour window is closed"),
        Moment.OutsideBusinessHours => L.Line("Outside-business-hours message not sent: the 24-hour window is closed"),
        Moment.AgentAssigned => L.Line("Agent-assigned message not sent: the 24-hour window is closed"),
        Moment.Closed => L.Line("Closing message not sent: the 24-hour window is closed"),
        _ => L.Line("Survey not sent: the 24-hour window is closed"),
    };

    private string SentAsTemplateLine(Moment moment, string template) => moment == Moment.Closed
        ? L.Line("Closing message sent as the template {0}: the 24-hour window is closed", template)
        : L.Line("Survey sent as the template {0}: the 24-hour window is closed", template);

    private string FailedLine(Moment moment, string reason) => moment switch
    {
        Moment.Greeting => L.Line("Greeting not sent: {0}", reason),
        Moment.OutsideBusinessHours => L.Line("Outside-business-hours message not sent: {0}", reason),
        Moment.AgentAssigned => L.Line("Agent-assigned message not sent: {0}", reason),
        Moment.Closed => L.Line("Closing message not sent: {0}", reason),
        _ => L.Line("Survey not sent: {0}", reason),
    };
}
