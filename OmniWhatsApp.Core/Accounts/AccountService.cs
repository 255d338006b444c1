using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Security;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Core.Accounts;

/// <summary>Twilio accounts ("Accounts and channels"): create through the wizard, edit, list, delete.</summary>
public sealed class AccountService(
    IDbContextFactory<OmniDbContext> dbFactory,
    TwilioGateway twilio,
    ChannelDirectory directory,
    SenderWebhooks senders,
    SecretProtector secrets,
    IValidator<NewAccountInput> newAccountValidator,
    IValidator<CredentialsInput> credentialsValidator,
    IValidator<NumberInput> numberValidator,
    IValidator<ChannelDetailsInput> channelValidator,
    IConversationEvents events,
    TimeProvider clock,
    IStringLocalizer<Strings> L,
    ILogger<AccountService> logger)
{
    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = await db.Accounts.AsNoTracking()
            .Where(a => a.DeletedAt == null)
            .Include(a => a.Numbers.Where(n => n.RetiredAt == null))
            .OrderBy(a => a.Name)
            .ToListAsync(ct);
        var workstreamByNumber = await db.WhatsAppSetups.AsNoTracking()
            .Join(db.Workstreams, s => s.WorkstreamId, w => w.Id, (s, w) => new { s.NumberId, w.Name })
            .ToDictionaryAsync(x => x.NumberId, x => x.Name, ct);
        var openByAccount = await db.Conversations.AsNoTracking()
            .Where(c => c.Status != ConversationStatus.Closed)
            .GroupBy(c => c.Number!.AccountId)
            .Select(g => new { AccountId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.AccountId, x => x.Count, ct);

        return accounts.Select(a => new AccountSummary(a.Id, a.Name, a.Channel, a.AccountSid, SecretProtector.Mask(a.AuthTokenHint),
                a.Numbers.OrderBy(n => n.DisplayName)
                    .Select(n => new NumberSummary(n.Id, n.DisplayName, n.Number, workstreamByNumber.GetValueOrDefault(n.Id)))
                    .ToList(),
                openByAccount.GetValueOrDefault(a.Id), a.CreatedAt))
            .ToList();
    }

    public async Task<AccountSummary?> GetAsync(Guid id, CancellationToken ct = default) =>
        (await ListAsync(ct)).FirstOrDefault(a => a.Id == id);

    /// <summary>Asks Twilio (or the emulator) whether the SID and token belong together.</summary>
    public async Task<Result<TwilioAccountInfo>> VerifyAsync(CredentialsInput input, CancellationToken ct = default)
    {
        var check = credentialsValidator.Check(input);
        if (!check.Succeeded) return Result<TwilioAccountInfo>.Fail(check.Problems);

        var answer = await twilio.VerifyCredentialsAsync(input.ToCredentials(), ct);
        if (answer.Succeeded) return Result<TwilioAccountInfo>.Ok(answer.Value!);

        // Wrong credentials concern the token field (the SID may be right); the rest concern the pair.
        var field = answer.Error!.Kind switch
        {
            TwilioErrorKind.Unauthorized => nameof(CredentialsInput.AuthToken),
            TwilioErrorKind.NotFound => nameof(CredentialsInput.AccountSid),
            _ => "",
        };
        return Result<TwilioAccountInfo>.Fail(answer.Error.Message, field);
    }

    /// <summary>
    /// Saves the wizard's account with its numbers in one transaction, after checking every field, that no
    /// number is already in use and that Twilio accepts the credentials. Nothing is saved on any failure.
    /// </summary>
    public async Task<Result<Guid>> CreateAsync(NewAccountInput input, CancellationToken ct = default)
    {
        var check = newAccountValidator.Check(input);
        if (!check.Succeeded) return Result<Guid>.Fail(check.Problems);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var taken = await NumbersInUseAsync(db, input.Numbers.Select(n => n.Number), ct);
        if (taken.Count > 0)
        {
            return Result<Guid>.Fail(input.Numbers
                .Select((n, i) => (n, i))
                .Where(x => taken.Contains(x.n.Number))
                .Select(x => new Problem($"Numbers[{x.i}].Number", L["{0} is already used by another account.", x.n.Number]))
                .ToList());
        }
        if (await db.Accounts.AnyAsync(a => a.Id == input.Id, ct))
        {
            return Result<Guid>.Fail(L["This account has already been saved."]);
        }

        var verified = await VerifyAsync(input.Credentials, ct);
        if (!verified.Succeeded) return Result<Guid>.Fail(verified.Problems.Select(p => p with { Field = Prefix("Credentials", p.Field) }).ToList());

        var credentials = input.Credentials.ToCredentials();
        var account = new TwilioAccount
        {
            Id = input.Id,
            Name = input.Channel.Name.Trim(),
            Channel = input.Channel.Channel,
            AccountSid = credentials.AccountSid,
            ProtectedAuthToken = secrets.Protect(credentials.AuthToken),
            AuthTokenHint = SecretProtector.HintOf(credentials.AuthToken),
            CreatedAt = clock.GetUtcNow(),
            Numbers = input.Numbers.Select(n => new WhatsAppNumber { DisplayName = n.DisplayName.Trim(), Number = n.Number }).ToList(),
        };
        db.Accounts.Add(account);
        if (!await db.TrySaveChangesAsync(ct))
        {
            return Result<Guid>.Fail(L["A WhatsApp number was taken by someone else meanwhile; check the numbers and try again."]);
        }
        directory.Invalidate();
        logger.LogInformation("Account {AccountId} ({AccountSid}) created with {Count} number(s)", account.Id, account.AccountSid, account.Numbers.Count);
        await senders.SyncAsync(account.Id, ct: ct);
        return Result<Guid>.Ok(account.Id);
    }

    public async Task<Result> RenameAsync(Guid id, ChannelDetailsInput input, CancellationToken ct = default)
    {
        var check = channelValidator.Check(input);
        if (!check.Succeeded) return check;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id && a.DeletedAt == null, ct);
        if (account is null) return Result.Fail(L["The account no longer exists."]);
        account.Name = input.Name.Trim();
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>Replaces the account's credentials after Twilio has accepted the new pair.</summary>
    public async Task<Result> ReplaceCredentialsAsync(Guid id, CredentialsInput input, CancellationToken ct = default)
    {
        var verified = await VerifyAsync(input, ct);
        if (!verified.Succeeded) return Result.Fail(verified.Problems);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id && a.DeletedAt == null, ct);
        if (account is null) return Result.Fail(L["The account no longer exists."]);
        var credentials = input.ToCredentials();
        account.AccountSid = credentials.AccountSid;
        account.ProtectedAuthToken = secrets.Protect(credentials.AuthToken);
        account.AuthTokenHint = SecretProtector.HintOf(credentials.AuthToken);
        await db.SaveChangesAsync(ct);
        directory.Invalidate();
        logger.LogInformation("Credentials of account {AccountId} replaced", id);
        await senders.SyncAsync(id, ct: ct);
        return Result.Ok();
    }

    public async Task<Result> AddNumberAsync(Guid accountId, NumberInput input, CancellationToken ct = default)
    {
        var check = numberValidator.Check(input);
        if (!check.Succeeded) return check;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Under the account's lock, so a delete of the account cannot pass between the check and the insert.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockForUpdateAsync("Accounts", accountId, ct);
        if (!await db.Accounts.AnyAsync(a => a.Id == accountId && a.DeletedAt == null, ct)) return Result.Fail(L["The account no longer exists."]);
        if ((await NumbersInUseAsync(db, [input.Number], ct)).Count > 0)
        {
            return Result.Fail(L["{0} is already used by another account.", input.Number], nameof(NumberInput.Number));
        }
        db.Numbers.Add(new WhatsAppNumber { AccountId = accountId, DisplayName = input.DisplayName.Trim(), Number = input.Number });
        var saved = await db.TrySaveChangesAsync(ct);
        if (saved) await transaction.CommitAsync(ct);
        directory.Invalidate();
        if (!saved) return Result.Fail(L["{0} is already used by another account.", input.Number], nameof(NumberInput.Number));
        await senders.SyncAsync(accountId, ct: ct);
        return Result.Ok();
    }

    /// <summary>Removes a number that no workstream uses and no conversation refers to.</summary>
    public async Task<Result> RemoveNumberAsync(int numberId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accountId = await db.Numbers.Where(n => n.Id == numberId).Select(n => (Guid?)n.AccountId).FirstOrDefaultAsync(ct);
        if (accountId is null) return Result.Fail(L["The number no longer exists."]);
        // The account's lock makes an inbound message wait (or be refused) rather than open a conversation on the
        // number between the check below and the removal.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockForUpdateAsync("Accounts", accountId.Value, ct);
        var number = await db.Numbers.FirstOrDefaultAsync(n => n.Id == numberId && n.RetiredAt == null, ct);
        if (number is null) return Result.Fail(L["The number no longer exists."]);
        if (await db.WhatsAppSetups.AnyAsync(s => s.NumberId == numberId, ct))
        {
            return Result.Fail(L["The number is used by a workstream; choose another number there first."]);
        }
        if (await db.Conversations.AnyAsync(c => c.NumberId == numberId, ct))
        {
            number.RetiredAt = clock.GetUtcNow();
        }
        else
        {
            db.Numbers.Remove(number);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        directory.Invalidate();
        await senders.SyncAsync(number.AccountId, [number.Number], ct);
        return Result.Ok();
    }

    /// <summary>
    /// Deletes a channel. Refused while its conversations are open unless <paramref name="force"/> is set, which
    /// closes them with the reason on their timeline. The account, its numbers and all conversations stay in the
    /// database as history; the numbers are released from their workstreams and become free to add again.
    /// </summary>
    public async Task<Result> DeleteAsync(Guid id, bool force, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        List<ClosedConversation> closed;
        // The open conversations are counted under the account's lock (on SQLite: the write lock the transaction takes
        // when it begins). An inbound batch takes the same lock for share before it stores anything on the account's
        // numbers, so it either committed before the count, or waits and then finds the channel deleted.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.LockForUpdateAsync("Accounts", id, ct);
            var account = await db.Accounts.Include(a => a.Numbers).FirstOrDefaultAsync(a => a.Id == id && a.DeletedAt == null, ct);
            if (account is null) return Result.Fail(L["The account no longer exists."]);

            var numberIds = account.Numbers.Select(n => n.Id).ToList();
            var open = db.Conversations.Where(c => numberIds.Contains(c.NumberId) && c.Status != ConversationStatus.Closed);
            closed = await open.Select(c => new ClosedConversation(c.Id, c.QueueId, c.AssignedAgentId)).ToListAsync(ct);
            if (closed.Count > 0 && !force)
            {
                return Result.Fail(L.Plural("{0} conversations on this channel are still open. Close them first, or delete anyway to close them now.", closed.Count));
            }

            if (closed.Count > 0)
            {
                await open.ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.Status, ConversationStatus.Closed)
                    .SetProperty(c => c.ClosedAt, now)
                    .SetProperty(c => c.QueuedAt, (DateTimeOffset?)null), ct);
                var line = L.Line("Closed because the channel {0} was deleted", account.Name);
                db.Messages.AddRange(closed.Select(c => SystemLines.New(c.Id, line, now)));
            }
            db.WhatsAppSetups.RemoveRange(await db.WhatsAppSetups.Where(s => numberIds.Contains(s.NumberId)).ToListAsync(ct));
            foreach (var number in account.Numbers.Where(n => n.RetiredAt == null)) number.RetiredAt = now;
            account.DeletedAt = now;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        directory.Invalidate();
        foreach (var c in closed) events.Publish(new ConversationClosed(c.Id, c.QueueId, c.AgentId, now));
        logger.LogInformation("Account {AccountId} deleted; {Count} open conversation(s) closed", id, closed.Count);
        await senders.SyncAsync(id, ct: ct);
        return Result.Ok();
    }

    /// <summary>The account's credentials for calling Twilio, or null for an unknown or deleted account.</summary>
    public async Task<TwilioCredentials?> GetCredentialsAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.DeletedAt == null, ct);
        return account is null ? null : new TwilioCredentials(account.AccountSid, secrets.Unprotect(account.ProtectedAuthToken));
    }

    /// <summary>True when an active number of any account already is <paramref name="number"/>.</summary>
    public async Task<bool> IsNumberInUseAsync(string number, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await NumbersInUseAsync(db, [number], ct)).Count > 0;
    }

    /// <summary>
    /// The connected account (not a deleted one) that already uses this Account SID, the first connected when there
    /// are several; null when none does. Connecting the same Twilio account twice is allowed, since it can serve two
    /// channels, but it is almost always a mistake, so the forms warn about it.
    /// </summary>
    public async Task<ConnectedAccount?> FindByAccountSidAsync(string accountSid, Guid? except = null, CancellationToken ct = default)
    {
        var trimmed = accountSid.Trim();
        if (!TwilioSids.IsAccountSid(trimmed)) return null;
        var sid = trimmed.ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Accounts.AsNoTracking()
            .Where(a => a.DeletedAt == null && a.Id != except && a.AccountSid.ToLower() == sid)
            .OrderBy(a => a.CreatedAt)
            .Select(a => new ConnectedAccount(a.Id, a.Name))
            .FirstOrDefaultAsync(ct);
    }

    private static async Task<HashSet<string>> NumbersInUseAsync(OmniDbContext db, IEnumerable<string> numbers, CancellationToken ct)
    {
        var wanted = numbers.ToList();
        return (await db.Numbers.Where(n => n.RetiredAt == null && wanted.Contains(n.Number)).Select(n => n.Number).ToListAsync(ct)).ToHashSet();
    }

    private sealed record ClosedConversation(int Id, int? QueueId, string? AgentId);

    private static string Prefix(string prefix, string field) => field.Length == 0 ? "" : $"{prefix}.{field}";
}
