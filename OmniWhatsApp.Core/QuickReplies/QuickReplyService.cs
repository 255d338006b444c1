using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Persistence;

namespace OmniWhatsApp.Core.QuickReplies;

/// <summary>The team's canned responses: admins keep the list, agents insert them with <c>/shortcut</c>.</summary>
public sealed class QuickReplyService(IDbContextFactory<OmniDbContext> dbFactory, IValidator<QuickReplyInput> validator, IStringLocalizer<Strings> L)
{
    /// <summary>Every quick reply, by shortcut.</summary>
    public async Task<IReadOnlyList<QuickReplySummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.QuickReplies.AsNoTracking().OrderBy(q => q.Shortcut).Select(q => new QuickReplySummary(q.Id, q.Shortcut, q.Text)).ToListAsync(ct);
    }

    public async Task<Result<int>> CreateAsync(QuickReplyInput input, CancellationToken ct = default)
    {
        var check = validator.Check(input);
        if (!check.Succeeded) return Result<int>.Fail(check.Problems);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await TakenAsync(db, input.Shortcut, null, ct)) return Result<int>.Fail(Taken(input.Shortcut), nameof(QuickReplyInput.Shortcut));
        var reply = new QuickReply { Shortcut = input.Shortcut, Text = input.Text };
        db.QuickReplies.Add(reply);
        if (!await SaveAsync(db, ct)) return Result<int>.Fail(Taken(input.Shortcut), nameof(QuickReplyInput.Shortcut));
        return Result<int>.Ok(reply.Id);
    }

    public async Task<Result> UpdateAsync(int id, QuickReplyInput input, CancellationToken ct = default)
    {
        var check = validator.Check(input);
        if (!check.Succeeded) return check;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reply = await db.QuickReplies.FirstOrDefaultAsync(q => q.Id == id, ct);
        if (reply is null) return Result.Fail(L["The quick reply no longer exists."]);
        if (await TakenAsync(db, input.Shortcut, id, ct)) return Result.Fail(Taken(input.Shortcut), nameof(QuickReplyInput.Shortcut));
        reply.Shortcut = input.Shortcut;
        reply.Text = input.Text;
        if (!await SaveAsync(db, ct)) return Result.Fail(Taken(input.Shortcut), nameof(QuickReplyInput.Shortcut));
        return Result.Ok();
    }

    public async Task<Result> DeleteAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deleted = await db.QuickReplies.Where(q => q.Id == id).ExecuteDeleteAsync(ct);
        return deleted == 0 ? Result.Fail(L["The quick reply no longer exists."]) : Result.Ok();
    }

    private static Task<bool> TakenAsync(OmniDbContext db, string shortcut, int? except, CancellationToken ct) =>
        db.QuickReplies.AnyAsync(q => q.Shortcut == shortcut && (except == null || q.Id != except), ct);

    private string Taken(string shortcut) => L["/{0} is already a quick reply.", shortcut];

    /// <summary>False when the unique shortcut index refused the row: someone saved the same shortcut meanwhile.</summary>
    private static async Task<bool> SaveAsync(OmniDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}
