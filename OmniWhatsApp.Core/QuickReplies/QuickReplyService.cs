using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.QuickReplies;

/// <summary>
/// Canned responses agents insert in the composer by typing <c>/</c> and a shortcut. Everyone signed in reads them;
/// supervisors and admins manage them (checked here, whatever the page shows). Shortcuts are unique.
/// </summary>
public sealed class QuickReplyService(
    IDbContextFactory<OmniDbContext> dbFactory,
    IValidator<QuickReplyInput> validator,
    IStringLocalizer<Strings> L)
{
    /// <summary>Every quick reply, by shortcut.</summary>
    public async Task<IReadOnlyList<QuickReplySummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = await db.QuickReplies.AsNoTracking().Select(q => new QuickReplySummary(q.Id, q.Shortcut, q.Text)).ToListAsync(ct);
        return all.OrderBy(q => q.Shortcut, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The ones matching what the agent typed after the slash: shortcuts starting with it first, then shortcuts or
    /// texts containing it (case-insensitive); all of them for an empty query.
    /// </summary>
    public static IReadOnlyList<QuickReplySummary> Filter(IEnumerable<QuickReplySummary> replies, string? query, int limit = 8)
    {
        var q = query?.Trim() ?? "";
        return replies
            .Select(r => (Reply: r, Rank: q.Length == 0 || r.Shortcut.StartsWith(q, StringComparison.OrdinalIgnoreCase) ? 0
                : r.Shortcut.Contains(q, StringComparison.OrdinalIgnoreCase) ? 1
                : r.Text.Contains(q, StringComparison.OrdinalIgnoreCase) ? 2 : -1))
            .Where(x => x.Rank >= 0)
            .OrderBy(x => x.Rank).ThenBy(x => x.Reply.Shortcut, StringComparer.Ordinal)
            .Take(limit)
            .Select(x => x.Reply)
            .ToList();
    }

    public async Task<Result<int>> CreateAsync(QuickReplyInput input, Actor actor, CancellationToken ct = default)
    {
        if (Refuse(actor) is { } refused) return Result<int>.Fail(refused);
        var check = validator.Check(input);
        if (!check.Succeeded) return Result<int>.Fail(check.Problems);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shortcut = input.Shortcut.Trim();
        if (await db.QuickReplies.AnyAsync(q => q.Shortcut == shortcut, ct)) return Result<int>.Fail(Taken(shortcut), nameof(QuickReplyInput.Shortcut));
        var reply = new QuickReply { Shortcut = shortcut, Text = input.Text.Trim() };
        db.QuickReplies.Add(reply);
        if (!await db.TrySaveChangesAsync(ct)) return Result<int>.Fail(Taken(shortcut), nameof(QuickReplyInput.Shortcut));
        return Result<int>.Ok(reply.Id);
    }

    public async Task<Result> UpdateAsync(int id, QuickReplyInput input, Actor actor, CancellationToken ct = default)
    {
        if (Refuse(actor) is { } refused) return Result.Fail(refused);
        var check = validator.Check(input);
        if (!check.Succeeded) return check;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reply = await db.QuickReplies.FirstOrDefaultAsync(q => q.Id == id, ct);
        if (reply is null) return Result.Fail(L["The quick reply no longer exists."]);
        var shortcut = input.Shortcut.Trim();
        if (await db.QuickReplies.AnyAsync(q => q.Shortcut == shortcut && q.Id != id, ct)) return Result.Fail(Taken(shortcut), nameof(QuickReplyInput.Shortcut));
        reply.Shortcut = shortcut;
        reply.Text = input.Text.Trim();
        return await db.TrySaveChangesAsync(ct) ? Result.Ok() : Result.Fail(Taken(shortcut), nameof(QuickReplyInput.Shortcut));
    }

    public async Task<Result> DeleteAsync(int id, Actor actor, CancellationToken ct = default)
    {
        if (Refuse(actor) is { } refused) return Result.Fail(refused);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deleted = await db.QuickReplies.Where(q => q.Id == id).ExecuteDeleteAsync(ct);
        return deleted == 0 ? Result.Fail(L["The quick reply no longer exists."]) : Result.Ok();
    }

    private string? Refuse(Actor actor) => actor.SeesEverything ? null : L["Only supervisors and admins can manage quick replies."].Value;

    private string Taken(string shortcut) => L["The shortcut /{0} is already used.", shortcut];
}
