using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Security;
using OmniWhatsApp.Core.Templates;

namespace OmniWhatsApp.Core.Workstreams;

/// <summary>Workstreams and their WhatsApp setup (number, language, behaviours, templates).</summary>
public sealed class WorkstreamService(
    IDbContextFactory<OmniDbContext> dbFactory,
    ChannelDirectory directory,
    SecretProtector protector,
    IValidator<WorkstreamInput> workstreamValidator,
    IValidator<WhatsAppSetupInput> setupValidator,
    IStringLocalizer<Strings> L,
    ILogger<WorkstreamService> logger)
{
    public async Task<IReadOnlyList<WorkstreamSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Workstreams.AsNoTracking()
            .OrderBy(w => w.Name)
            .Select(w => new WorkstreamSummary(
                w.Id, w.Name, w.DistributionMode, w.CapacityPerConversation, w.AutoCloseAfterMinutes,
                w.WhatsApp == null ? null : w.WhatsApp.Number!.Number,
                w.WhatsApp == null ? null : w.WhatsApp.Number!.DisplayName,
                w.WhatsApp == null ? null : w.WhatsApp.Language,
                w.Templates.Count,
                w.RoutingRules.Count,
                w.FallbackQueueId,
                w.FallbackQueue == null ? null : w.FallbackQueue.Name))
            .ToListAsync(ct);
    }

    public async Task<WorkstreamDetails?> GetAsync(int id, CancellationToken ct = default)
    {
        var summary = (await ListAsync(ct)).FirstOrDefault(w => w.Id == id);
        if (summary is null) return null;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var workstream = await db.Workstreams.AsNoTracking()
            .Include(w => w.WhatsApp)
            .Include(w => w.Templates.OrderBy(t => t.Name).ThenBy(t => t.Language))
            .Include(w => w.BotFaq)
            .FirstAsync(w => w.Id == id, ct);

        var settings = new WorkstreamInput
        {
            Name = workstream.Name,
            DistributionMode = workstream.DistributionMode,
            CapacityPerConversation = workstream.CapacityPerConversation,
            AutoCloseAfterMinutes = workstream.AutoCloseAfterMinutes,
        };
        var whatsApp = workstream.WhatsApp is null ? null : new WhatsAppSetupInput
        {
            NumberId = workstream.WhatsApp.NumberId,
            FallbackQueueId = workstream.FallbackQueueId,
            Language = workstream.WhatsApp.Language,
            Behaviours = workstream.WhatsApp.Behaviours.Clone(),
            Templates = workstream.Templates.Select(t => new TemplateInput
            {
                Id = t.Id, Name = t.Name, Language = t.Language, Body = t.Body, ContentSid = t.ContentSid,
            }).ToList(),
            KnownTemplateIds = workstream.Templates.Select(t => t.Id).ToHashSet(),
            Bot = BotSettingsInput.From(workstream.WhatsApp.Bot, workstream.BotFaq),
        };
        return new WorkstreamDetails(summary, settings, whatsApp, workstream.Templates);
    }

    public async Task<Result<int>> CreateAsync(WorkstreamInput input, CancellationToken ct = default)
    {
        var check = workstreamValidator.Check(input);
        if (!check.Succeeded) return Result<int>.Fail(check.Problems);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = input.Name.Trim();
        if (await db.Workstreams.AnyAsync(w => w.Name == name, ct))
        {
            return Result<int>.Fail(L["A workstream with this name already exists."], nameof(WorkstreamInput.Name));
        }
        var workstream = new Workstream { Name = name };
        Apply(input, workstream);
        db.Workstreams.Add(workstream);
        // Another admin may have saved the name since the check: the unique index refuses it, with the same answer.
        if (!await db.TrySaveChangesAsync(ct))
        {
            return Result<int>.Fail(L["A workstream with this name already exists."], nameof(WorkstreamInput.Name));
        }
        logger.LogInformation("Workstream {WorkstreamId} created", workstream.Id);
        return Result<int>.Ok(workstream.Id);
    }

    public async Task<Result> UpdateAsync(int id, WorkstreamInput input, CancellationToken ct = default)
    {
        var check = workstreamValidator.Check(input);
        if (!check.Succeeded) return check;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var workstream = await db.Workstreams.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (workstream is null) return Result.Fail(L["The workstream no longer exists."]);
        var name = input.Name.Trim();
        if (await db.Workstreams.AnyAsync(w => w.Name == name && w.Id != id, ct))
        {
            return Result.Fail(L["A workstream with this name already exists."], nameof(WorkstreamInput.Name));
        }
        workstream.Name = name;
        Apply(input, workstream);
        if (!await db.TrySaveChangesAsync(ct))
        {
            return Result.Fail(L["A workstream with this name already exists."], nameof(WorkstreamInput.Name));
        }
        return Result.Ok();
    }

    /// <summary>Deletes a workstream with no open conversations; closed ones keep their history.</summary>
    public async Task<Result> DeleteAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Under the workstream's lock: an inbound batch locks it for share before it opens a conversation here, so it
        // either committed before the count or waits and then finds the number without a workstream.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockForUpdateAsync("Workstreams", id, ct);
        var workstream = await db.Workstreams.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (workstream is null) return Result.Fail(L["The workstream no longer exists."]);
        var open = await db.Conversations.CountAsync(c => c.WorkstreamId == id && c.Status != ConversationStatus.Closed, ct);
        if (open > 0) return Result.Fail(L.Plural("{0} conversations of this workstream are still open.", open));
        db.Workstreams.Remove(workstream);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        directory.Invalidate();
        return Result.Ok();
    }

    /// <summary>Every active number with the workstream that uses it, if any.</summary>
    public async Task<IReadOnlyList<NumberOption>> NumberOptionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await NumberOptionsAsync(db, ct);
    }

    private static async Task<IReadOnlyList<NumberOption>> NumberOptionsAsync(OmniDbContext db, CancellationToken ct) =>
        await db.Numbers.AsNoTracking()
            .Where(n => n.RetiredAt == null && n.Account!.DeletedAt == null)
            .Select(n => new NumberOption(n.Id, n.DisplayName, n.Number, n.Account!.Name,
                db.WhatsAppSetups.Where(s => s.NumberId == n.Id).Select(s => (int?)s.WorkstreamId).FirstOrDefault()))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<NumberOption>> AvailableNumbersAsync(int workstreamId, CancellationToken ct = default) =>
        NumberAvailability.AvailableFor(workstreamId, await NumberOptionsAsync(ct));

    /// <summary>
    /// Saves the whole WhatsApp setup of a workstream (number, fallback queue, language, behaviours and the full
    /// template list) in one transaction: either all of it is stored or none of it. A setup without a fallback queue is
    /// refused: its conversations would reach no queue.
    /// </summary>
    public async Task<Result> SaveWhatsAppSetupAsync(int workstreamId, WhatsAppSetupInput input, CancellationToken ct = default)
    {
        var check = setupValidator.Check(input);
        if (!check.Succeeded) return check;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Two admins saving the same setup wait for each other, so the second replaces the first's template list rather
        // than adding to it; and the number's account is locked for share, so the channel cannot be deleted between
        // the availability check and the save (decision 0012).
        await db.LockForUpdateAsync("Workstreams", workstreamId, ct);
        var numberId = input.NumberId!.Value;
        if (await db.Numbers.Where(n => n.Id == numberId).Select(n => (Guid?)n.AccountId).FirstOrDefaultAsync(ct) is { } accountId)
        {
            await db.LockForShareAsync("Accounts", accountId, ct);
        }

        var workstream = await db.Workstreams.Include(w => w.WhatsApp).Include(w => w.Templates).Include(w => w.BotFaq)
            .FirstOrDefaultAsync(w => w.Id == workstreamId, ct);
        if (workstream is null) return Result.Fail(L["The workstream no longer exists."]);

        var available = NumberAvailability.AvailableFor(workstreamId, await NumberOptionsAsync(db, ct));
        if (available.All(n => n.Id != numberId))
        {
            return Result.Fail(L["This number is no longer available; another workstream uses it or it was removed."], nameof(WhatsAppSetupInput.NumberId));
        }

        var fallbackQueueId = input.FallbackQueueId!.Value;
        if (!await db.Queues.AnyAsync(q => q.Id == fallbackQueueId, ct))
        {
            return Result.Fail(L["The queue no longer exists."], nameof(WhatsAppSetupInput.FallbackQueueId));
        }
        workstream.FallbackQueueId = fallbackQueueId;

        var behaviours = Normalize(input.Behaviours);
        if (workstream.WhatsApp is null)
        {
            workstream.WhatsApp = new WhatsAppSetup { WorkstreamId = workstreamId, NumberId = numberId, Language = input.Language, Behaviours = behaviours };
        }
        else
        {
            workstream.WhatsApp.NumberId = numberId;
            workstream.WhatsApp.Language = input.Language;
            db.Entry(workstream.WhatsApp.Behaviours).CurrentValues.SetValues(behaviours);
        }
        if (input.Bot is not null && BotSetupService.Apply(db, workstream, input.Bot, protector, L, nameof(WhatsAppSetupInput.Bot) + ".") is { Succeeded: false } bot)
        {
            return bot;
        }

        var kept = input.Templates.Where(t => t.Id is not null).Select(t => t.Id!.Value).ToHashSet();
        db.Templates.RemoveRange(workstream.Templates.Where(t => !kept.Contains(t.Id) && (input.KnownTemplateIds?.Contains(t.Id) ?? true)));
        foreach (var template in input.Templates)
        {
            var entity = template.Id is null ? null : workstream.Templates.FirstOrDefault(t => t.Id == template.Id);
            // The studio's templates are edited in the studio: the wizard's copy of their text and SID may be older.
            if (entity is not null && entity.IsManagedInStudio()) continue;
            if (entity is null)
            {
                entity = new MessageTemplate { Name = "", Language = "", Body = "" };
                workstream.Templates.Add(entity);
            }
            entity.Name = template.Name.Trim();
            entity.Language = template.Language;
            entity.Body = template.Body.Trim();
            entity.ContentSid = string.IsNullOrWhiteSpace(template.ContentSid) ? null : template.ContentSid.Trim();
        }

        try
        {
            // Removals first, so a template renamed to a removed one's name does not trip the unique index.
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning("WhatsApp setup of workstream {WorkstreamId} was not saved: {Reason}", workstreamId, ex.InnerException?.Message ?? ex.Message);
            return Result.Fail(L["The setup could not be saved because someone changed it meanwhile; reload and try again."]);
        }
        directory.Invalidate();
        logger.LogInformation("WhatsApp setup of workstream {WorkstreamId} saved with {Count} template(s), bot {BotMode}", workstreamId, input.Templates.Count,
            workstream.WhatsApp.Bot.Mode);
        return Result.Ok();
    }

    private static void Apply(WorkstreamInput input, Workstream workstream)
    {
        workstream.DistributionMode = input.DistributionMode;
        workstream.CapacityPerConversation = input.CapacityPerConversation;
        workstream.AutoCloseAfterMinutes = input.AutoCloseAfterMinutes;
    }

    /// <summary>Blank texts become null (with the template of a message that is not sent), and the attachment sub-switches follow the main switch.</summary>
    private static Behaviours Normalize(Behaviours input)
    {
        var b = input.Clone();
        b.GreetingMessage = Blank(b.GreetingMessage);
        b.AgentAssignedMessage = Blank(b.AgentAssignedMessage);
        b.ConversationClosedMessage = Blank(b.ConversationClosedMessage);
        b.OutsideBusinessHoursMessage = Blank(b.OutsideBusinessHoursMessage);
        b.SurveyText = b.SurveyEnabled ? Blank(b.SurveyText) : null;
        b.ConversationClosedTemplate = b.ConversationClosedMessage is null ? null : Blank(b.ConversationClosedTemplate);
        b.SurveyTemplate = b.SurveyText is null ? null : Blank(b.SurveyTemplate);
        b.AttachmentsRefusedMessage = Blank(b.AttachmentsRefusedMessage);
        if (!b.AttachmentsEnabled)
        {
            b.CustomersCanSendAttachments = false;
            b.AgentsCanSendAttachments = false;
        }
        return b;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
