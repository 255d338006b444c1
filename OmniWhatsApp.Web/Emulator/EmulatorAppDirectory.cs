using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Persistence;

namespace OmniWhatsApp.Web.Emulator;

/// <summary>
/// What the emulated Twilio would know from its console: which app account a number's webhooks point to (as if
/// the admin had pasted the callback URLs) and the account's approved templates. Read from the app's database.
/// </summary>
public sealed class EmulatorAppDirectory(IDbContextFactory<OmniDbContext> dbFactory)
{
    /// <summary>The app account whose inbound webhook the number (+E164) calls, or null when no account has it.</summary>
    public async Task<Guid?> AccountForNumberAsync(string number, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Numbers.AsNoTracking()
            .Where(n => n.Number == number && n.RetiredAt == null && n.Account!.DeletedAt == null)
            .Select(n => (Guid?)n.AccountId)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Approved template texts: the Content catalogue's and the app's templates table.</summary>
    public async Task<IReadOnlyList<string>> TemplateBodiesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bodies = await db.Templates.AsNoTracking().Select(t => t.Body).Distinct().ToListAsync(ct);
        return [.. EmulatorContentCatalogue.All.Where(t => t.ApprovalStatus == "approved").Select(t => t.Body), .. bodies];
    }

    /// <summary>The text of a Content SID: the catalogue's, else an app template that names it.</summary>
    public async Task<string?> ContentBodyAsync(string contentSid, CancellationToken ct = default)
    {
        if (EmulatorContentCatalogue.Find(contentSid) is { } known) return known.Body;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Templates.AsNoTracking().Where(t => t.ContentSid == contentSid).Select(t => t.Body).FirstOrDefaultAsync(ct);
    }
}
