using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Scaling;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Core.Templates;

/// <summary>How often templates' approvals are read from Twilio. Bound from the "Templates" configuration section.</summary>
public sealed class TemplateOptions
{
    public const string Section = "Templates";

    /// <summary>How often templates waiting for WhatsApp (received, pending) are read again, in seconds.</summary>
    public int ApprovalRefreshSeconds { get; set; } = 60;

    /// <summary>How often approved and paused templates are read again (WhatsApp can pause or disable them), in hours.</summary>
    public double SettledRefreshHours { get; set; } = 6;

    /// <summary>Templates read at most per round.</summary>
    public int MaxPerRound { get; set; } = 50;
}

/// <summary>
/// Reads WhatsApp's approval of submitted templates from Twilio in the background: those under review every
/// <see cref="TemplateOptions.ApprovalRefreshSeconds"/>, approved and paused ones every
/// <see cref="TemplateOptions.SettledRefreshHours"/>. A change is saved and published as
/// <see cref="TemplateApprovalChanged"/>; a Content SID Twilio no longer has is marked removed. With several instances
/// one of them, the owner of "template-approvals" (<see cref="IWorkOwnership"/>, ADR 0014), does it.
/// </summary>
public sealed class TemplateApprovalRefresh(
    IDbContextFactory<OmniDbContext> dbFactory,
    ChannelDirectory directory,
    TwilioGateway twilio,
    IWorkOwnership ownership,
    IConversationEvents events,
    IOptions<TemplateOptions> options,
    TimeProvider clock,
    ILogger<TemplateApprovalRefresh> logger) : BackgroundService
{
    /// <summary>The name of the work the instances elect an owner for.</summary>
    public const string Work = "template-approvals";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ownership.RunAsync(Work, null, term => RefreshAsync(term.Token), stoppingToken);

    private async Task RefreshAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Reading template approvals failed; it tries again at the next round");
            }
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, options.Value.ApprovalRefreshSeconds)), clock, stoppingToken);
        }
    }

    /// <summary>Reads the approvals that are due; returns how many changed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var settledBefore = now - TimeSpan.FromHours(options.Value.SettledRefreshHours);
        List<(int Id, Guid AccountId)> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var rows = await db.Templates.AsNoTracking()
                .Where(t => t.ContentSid != null && t.RemovedAtTwilioAt == null && t.Workstream!.WhatsApp != null)
                .Where(t => t.Approval == TemplateApproval.Received || t.Approval == TemplateApproval.Pending
                    || ((t.Approval == TemplateApproval.Approved || t.Approval == TemplateApproval.Paused)
                        && (t.ApprovalCheckedAt == null || t.ApprovalCheckedAt < settledBefore)))
                .Select(t => new { t.Id, t.ApprovalCheckedAt, t.Workstream!.WhatsApp!.Number!.AccountId })
                .ToListAsync(ct);
            due = rows.OrderBy(r => r.ApprovalCheckedAt ?? DateTimeOffset.MinValue).Take(options.Value.MaxPerRound).Select(r => (r.Id, r.AccountId)).ToList();
        }

        var changed = 0;
        foreach (var (id, accountId) in due)
        {
            var account = (await directory.FindAsync(accountId, ct)).Account;
            if (account is null) continue;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var template = await db.Templates.FirstOrDefaultAsync(t => t.Id == id, ct);
            if (template?.ContentSid is null) continue;
            var fetched = await twilio.FetchApprovalAsync(account.Credentials, template.ContentSid, ct);
            var at = clock.GetUtcNow();
            var approvalChanged = false;
            if (fetched.Succeeded)
            {
                approvalChanged = TemplateApprovals.Apply(template, fetched.Value!, at);
            }
            else if (fetched.Error!.Kind == TwilioErrorKind.NotFound)
            {
                logger.LogInformation("Template {TemplateId}: Twilio no longer has {ContentSid}", template.Id, template.ContentSid);
                template.RemovedAtTwilioAt = at;
                template.ApprovalCheckedAt = at;
            }
            else
            {
                continue; // unreachable or refused now: the next round tries again
            }
            await db.SaveChangesAsync(ct);
            if (approvalChanged)
            {
                changed++;
                logger.LogInformation("Template {TemplateId} ({ContentSid}) is now {Approval}", template.Id, template.ContentSid, template.Approval);
                events.Publish(TemplateApprovals.Changed(template));
            }
        }
        return changed;
    }
}
