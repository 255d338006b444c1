using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Persistence;

namespace OmniWhatsApp.Core.Routing;

/// <summary>Queues, their members, and each workstream's routing rules.</summary>
public sealed class RoutingService(
    IDbContextFactory<OmniDbContext> dbFactory,
    ChannelDirectory directory,
    IValidator<QueueInput> queueValidator,
    IConversationEvents events,
    TimeProvider clock,
    IStringLocalizer<Strings> L)
{
    public async Task<IReadOnlyList<QueueSummary>> ListQueuesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var queues = await db.Queues.AsNoTracking().Include(q => q.Members).ThenInclude(m => m.User).OrderBy(q => q.Name).ToListAsync(ct);
        return queues.Select(q => new QueueSummary(q.Id, q.Name,
                q.Members.Select(m => new QueueMemberSummary(m.UserId, m.User!.DisplayName, m.User.Email ?? "")).OrderBy(m => m.DisplayName).ToList()))
            .ToList();
    }

    public async Task<Result<int>> CreateQueueAsync(QueueInput input, CancellationToken ct = default)
    {
        var check = queueValidator.Check(input);
        if (!check.Succeeded) return Result<int>.Fail(check.Problems);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = input.Name.Trim();
        if (await db.Queues.AnyAsync(q => q.Name == name, ct)) return Result<int>.Fail(L["A queue with this name already exists."], nameof(QueueInput.Name));
        var queue = new Queue { Name = name };
        db.Queues.Add(queue);
        // Another admin may have saved the name since the check: the unique index refuses it, with the same answer.
        if (!await db.TrySaveChangesAsync(ct)) return Result<int>.Fail(L["A queue with this name already exists."], nameof(QueueInput.Name));
        return Result<int>.Ok(queue.Id);
    }

    public async Task<Result> RenameQueueAsync(int id, QueueInput input, CancellationToken ct = default)
    {
        var check = queueValidator.Check(input);
        if (!check.Succeeded) return check;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var queue = await db.Queues.FirstOrDefaultAsync(q => q.Id == id, ct);
        if (queue is null) return Result.Fail(L["The queue no longer exists."]);
        var name = input.Name.Trim();
        if (await db.Queues.AnyAsync(q => q.Name == name && q.Id != id, ct)) return Result.Fail(L["A queue with this name already exists."], nameof(QueueInput.Name));
        queue.Name = name;
        if (!await db.TrySaveChangesAsync(ct)) return Result.Fail(L["A queue with this name already exists."], nameof(QueueInput.Name));
        return Result.Ok();
    }

    /// <summary>
    /// Deletes a queue that no rule, fallback or open conversation uses. Deleting a workstream's fallback queue is refused
    /// rather than allowed: allowed, it would leave the workstream's new conversations in no queue, on no agent's inbox,
    /// until someone noticed; refused, the admin chooses another fallback first.
    /// </summary>
    public async Task<Result> DeleteQueueAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Checked under the queue's lock. Whatever starts to use the queue meanwhile (a rule, a fallback, a conversation
        // routed to it) locks the row for key share through its foreign key, so it either committed before the checks
        // or waits for the delete and then fails its own reference check.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Membership changes first, in the order they take their locks, so that one adding a member to this queue
        // and this delete cannot wait for each other.
        await db.LockAsync(RowLocks.Advisory.QueueMembership, ct);
        await db.LockForUpdateAsync("Queues", id, ct);
        var queue = await db.Queues.FirstOrDefaultAsync(q => q.Id == id, ct);
        if (queue is null) return Result.Fail(L["The queue no longer exists."]);
        if (await db.RoutingRules.AnyAsync(r => r.QueueId == id, ct) || await db.Workstreams.AnyAsync(w => w.FallbackQueueId == id, ct))
        {
            return Result.Fail(L["Routing sends conversations to this queue; change the routing rules first."]);
        }
        if (await db.Conversations.AnyAsync(c => c.QueueId == id && c.Status != ConversationStatus.Closed, ct))
        {
            return Result.Fail(L["The queue still has open conversations."]);
        }
        db.Queues.Remove(queue);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok();
    }

    /// <summary>Replaces a queue's members.</summary>
    public async Task<Result> SetMembersAsync(int queueId, IEnumerable<string> userIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Membership changes, from a queue or from a user, take turns (decision 0012): each replaces what the one
        // before it left, and none inserts a member another has just inserted.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockAsync(RowLocks.Advisory.QueueMembership, ct);
        var queue = await db.Queues.Include(q => q.Members).FirstOrDefaultAsync(q => q.Id == queueId, ct);
        if (queue is null) return Result.Fail(L["The queue no longer exists."]);
        var wanted = userIds.ToHashSet();
        var known = await db.Users.Where(u => wanted.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        var changed = queue.Members.Where(m => !wanted.Contains(m.UserId)).Select(m => m.UserId)
            .Concat(known.Where(id => queue.Members.All(m => m.UserId != id)))
            .ToList();
        queue.Members.RemoveAll(m => !wanted.Contains(m.UserId));
        foreach (var id in known.Where(id => queue.Members.All(m => m.UserId != id)))
        {
            queue.Members.Add(new QueueMember { QueueId = queueId, UserId = id });
        }
        // A user deleted since they were read refuses the insert; the queue is reloaded and shown again.
        if (!await db.TrySaveChangesAsync(ct)) return Result.Fail(L["A user was removed meanwhile; reload the page and try again."]);
        await transaction.CommitAsync(ct);
        await PublishMembershipAsync(db, changed, ct);
        return Result.Ok();
    }

    private async Task PublishMembershipAsync(OmniDbContext db, IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        if (userIds.Count == 0) return;
        var memberships = await db.QueueMembers.Where(m => userIds.Contains(m.UserId)).Select(m => new { m.UserId, m.QueueId }).ToListAsync(ct);
        foreach (var userId in userIds)
        {
            events.Publish(new QueueMembershipChanged(userId, memberships.Where(m => m.UserId == userId).Select(m => m.QueueId).ToList(), clock.GetUtcNow()));
        }
    }

    public async Task<RoutingInput> GetRoutingAsync(int workstreamId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var fallback = await db.Workstreams.Where(w => w.Id == workstreamId).Select(w => w.FallbackQueueId).FirstOrDefaultAsync(ct);
        var rules = await db.RoutingRules.AsNoTracking().Where(r => r.WorkstreamId == workstreamId).OrderBy(r => r.Order).ToListAsync(ct);
        return new RoutingInput
        {
            FallbackQueueId = fallback,
            Rules = rules.Select(r => new RoutingRuleInput
            {
                Id = r.Id, Name = r.Name, NumberId = r.NumberId, Language = r.Language, Keywords = r.Keywords, Payloads = r.Payloads, QueueId = r.QueueId,
            }).ToList(),
        };
    }

    /// <summary>What the rules of <paramref name="workstreamId"/> may refer to: its own number(s) and the existing queues.</summary>
    public async Task<RoutingChoices> ChoicesAsync(int workstreamId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ChoicesAsync(db, workstreamId, ct);
    }

    private static async Task<RoutingChoices> ChoicesAsync(OmniDbContext db, int workstreamId, CancellationToken ct) => new(
        (await db.WhatsAppSetups.Where(s => s.WorkstreamId == workstreamId && s.Number!.RetiredAt == null).Select(s => s.NumberId).ToListAsync(ct)).ToHashSet(),
        (await db.Queues.Select(q => q.Id).ToListAsync(ct)).ToHashSet());

    /// <summary>
    /// Saves the ordered rule list and the fallback queue of a workstream in one go. A rule's number must be the
    /// workstream's own (a rule on another number would never fire) and every queue must exist.
    /// </summary>
    public async Task<Result> SaveRoutingAsync(int workstreamId, RoutingInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Checked and saved in one transaction under the workstream's lock (on SQLite: the write lock the transaction
        // takes when it begins), so two admins saving at once take turns and the second replaces the first's list
        // rather than adding to it. Should the database still refuse the rules' references (a queue deleted
        // meanwhile), the admin gets a problem to act on rather than an error.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockForUpdateAsync("Workstreams", workstreamId, ct);
        var workstream = await db.Workstreams.Include(w => w.RoutingRules).FirstOrDefaultAsync(w => w.Id == workstreamId, ct);
        if (workstream is null) return Result.Fail(L["The workstream no longer exists."]);
        var check = new RoutingInputValidator(L, await ChoicesAsync(db, workstreamId, ct)).Check(input);
        if (!check.Succeeded) return check;

        workstream.FallbackQueueId = input.FallbackQueueId;
        var kept = input.Rules.Where(r => r.Id is not null).Select(r => r.Id!.Value).ToHashSet();
        db.RoutingRules.RemoveRange(workstream.RoutingRules.Where(r => !kept.Contains(r.Id)));
        for (var i = 0; i < input.Rules.Count; i++)
        {
            var rule = input.Rules[i];
            var entity = rule.Id is null ? null : workstream.RoutingRules.FirstOrDefault(r => r.Id == rule.Id);
            if (entity is null)
            {
                entity = new RoutingRule { Name = "" };
                workstream.RoutingRules.Add(entity);
            }
            entity.Order = i + 1;
            entity.Name = rule.Name.Trim();
            entity.NumberId = rule.NumberId;
            entity.Language = string.IsNullOrEmpty(rule.Language) ? null : rule.Language;
            entity.Keywords = string.IsNullOrWhiteSpace(rule.Keywords) ? null : string.Join(", ", rule.Keywords.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            entity.Payloads = string.IsNullOrWhiteSpace(rule.Payloads) ? null : string.Join(", ", rule.Payloads.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            entity.QueueId = rule.QueueId!.Value;
        }
        if (!await db.TrySaveChangesAsync(ct))
        {
            return Result.Fail(L["A number or queue these rules use was removed meanwhile. Reload the page and check the rules."]);
        }
        await transaction.CommitAsync(ct);
        directory.Invalidate();
        return Result.Ok();
    }
}
