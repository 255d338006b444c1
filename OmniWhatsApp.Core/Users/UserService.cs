using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Routing;

namespace OmniWhatsApp.Core.Users;

/// <summary>People who sign in: create agents, supervisors and admins, set capacity and queue membership.</summary>
public sealed class UserService(
    UserManager<AppUser> users,
    OmniDbContext identityDb,
    IDbContextFactory<OmniDbContext> dbFactory,
    IValidator<UserInput> validator,
    IConversationEvents events,
    TimeProvider clock,
    IStringLocalizer<Strings> L,
    ILogger<UserService> logger)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(ct);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
        var memberships = await db.QueueMembers.Select(m => new { m.UserId, m.QueueId, m.Queue!.Name }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return rows.Select(u => new UserSummary(
                u.Id, u.Email ?? "", u.DisplayName,
                roles.FirstOrDefault(r => r.UserId == u.Id)?.Name ?? "",
                u.Capacity,
                memberships.Where(m => m.UserId == u.Id).Select(m => m.Name).Order().ToList(),
                memberships.Where(m => m.UserId == u.Id).Select(m => m.QueueId).ToList(),
                u.LockoutEnd is { } end && end > now ? end : null))
            .ToList();
    }

    public async Task<Result<string>> CreateAsync(UserInput input, CancellationToken ct = default)
    {
        input.IsNew = true;
        var check = validator.Check(input);
        if (!check.Succeeded) return Result<string>.Fail(check.Problems);

        var email = input.Email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return Result<string>.Fail(L["A user with this email address already exists."], nameof(UserInput.Email));
        }
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = input.DisplayName.Trim(), Capacity = input.Capacity };
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, input.Password!);
        }
        catch (DbUpdateException)
        {
            // Another admin created a user with this address since the check: the unique user name refused this one.
            // The user store's context (this scope's) must not try to insert it again with the next change.
            identityDb.Entry(user).State = EntityState.Detached;
            return Result<string>.Fail(L["A user with this email address already exists."], nameof(UserInput.Email));
        }
        if (!created.Succeeded) return Result<string>.Fail(IdentityProblems(created));
        await users.AddToRoleAsync(user, input.Role);
        await SetQueuesAsync(user.Id, input.QueueIds, ct);
        events.Publish(new AgentSettingsChanged(user.Id, clock.GetUtcNow()));
        logger.LogInformation("User {UserId} created with role {Role}", user.Id, input.Role);
        return Result<string>.Ok(user.Id);
    }

    public async Task<Result> UpdateAsync(string id, UserInput input, CancellationToken ct = default)
    {
        input.IsNew = false;
        var check = validator.Check(input);
        if (!check.Succeeded) return check;

        var email = input.Email.Trim();
        var other = await users.FindByEmailAsync(email);
        if (other is not null && other.Id != id) return Result.Fail(L["A user with this email address already exists."], nameof(UserInput.Email));

        bool roleChanged;
        // One transaction that takes turns with every other change to who can act as admin (decision 0012): two admins
        // demoting each other at once leave one admin, not none.
        await using (var transaction = await identityDb.Database.BeginTransactionAsync(ct))
        {
            await identityDb.LockAsync(RowLocks.Advisory.Admins, ct);
            var user = await users.FindByIdAsync(id);
            if (user is null) return Result.Fail(L["The user no longer exists."]);
            var currentRoles = await users.GetRolesAsync(user);
            if (currentRoles.Contains(Roles.Admin) && input.Role != Roles.Admin && await WithoutAnotherAdminAsync(id, ct) is { } lastAdmin)
            {
                return Result.Fail(lastAdmin, nameof(UserInput.Role));
            }

            user.Email = email;
            user.UserName = email;
            user.DisplayName = input.DisplayName.Trim();
            user.Capacity = input.Capacity;
            IdentityResult updated;
            try
            {
                updated = await users.UpdateAsync(user);
            }
            catch (DbUpdateException)
            {
                await identityDb.Entry(user).ReloadAsync(ct);
                return Result.Fail(L["A user with this email address already exists."], nameof(UserInput.Email));
            }
            if (!updated.Succeeded) return Result.Fail(IdentityProblems(updated));
            if (!string.IsNullOrEmpty(input.Password))
            {
                var token = await users.GeneratePasswordResetTokenAsync(user);
                var reset = await users.ResetPasswordAsync(user, token, input.Password);
                if (!reset.Succeeded) return Result.Fail(IdentityProblems(reset));
            }
            roleChanged = !currentRoles.SequenceEqual([input.Role]);
            if (roleChanged)
            {
                await users.RemoveFromRolesAsync(user, currentRoles);
                await users.AddToRoleAsync(user, input.Role);
                await users.UpdateSecurityStampAsync(user);
            }
            await transaction.CommitAsync(ct);
        }
        if (roleChanged) SessionsRevoked(id);
        await SetQueuesAsync(id, input.QueueIds, ct);
        // Raised capacity or a new queue can make room for waiting conversations at once.
        events.Publish(new AgentSettingsChanged(id, clock.GetUtcNow()));
        return Result.Ok();
    }

    /// <summary>
    /// Why <paramref name="userId"/> must stay an admin who can sign in, or null when another admin can: someone must
    /// always be able to manage users and channels. Call it holding <see cref="RowLocks.Advisory.Admins"/>; it reads the
    /// database as it is now, not what this scope's context remembers.
    /// </summary>
    private async Task<string?> WithoutAnotherAdminAsync(string userId, CancellationToken ct)
    {
        var admins = await identityDb.UserRoles.AsNoTracking()
            .Join(identityDb.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Where(x => x.Name == Roles.Admin && x.UserId != userId)
            .Join(identityDb.Users, x => x.UserId, u => u.Id, (x, u) => new { u.Id, u.LockoutEnd })
            .ToListAsync(ct);
        if (admins.Count == 0) return L["This is the last admin; make someone else an admin first."];
        // Locked out by an admin (until the end of time); a lock-out after failed sign-ins passes by itself.
        return admins.All(a => a.LockoutEnd == DateTimeOffset.MaxValue)
            ? L["Every other admin is locked out; unlock one or make someone else an admin first."].Value
            : null;
    }

    /// <summary>The colour scheme the user chose (null: follow the device), or null for an unknown user.</summary>
    public async Task<bool?> GetDarkModeAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DarkMode).FirstOrDefaultAsync(ct);
    }

    /// <summary>Keeps the user's colour scheme in their account, so every device they sign in on uses it.</summary>
    public async Task SetDarkModeAsync(string userId, bool? darkMode, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.DarkMode, darkMode), ct);
    }

    /// <summary>
    /// Keeps the console language the user chose in their account, so every device they sign in on uses it; null
    /// follows the browser again. Refuses a language the console does not have.
    /// </summary>
    public async Task<Result> SetLanguageAsync(string userId, string? language, CancellationToken ct = default)
    {
        var code = UiLanguages.Normalize(language);
        if (language is not null && code is null) return Result.Fail(L["The console is not available in that language."]);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.Language, code), ct);
        return changed == 0 ? Result.Fail(L["The user no longer exists."]) : Result.Ok();
    }

    /// <summary>Locks a user out (or lets them back in). Admins cannot lock themselves out.</summary>
    public async Task<Result> SetLockedAsync(string id, bool locked, string actingUserId)
    {
        if (id == actingUserId && locked) return Result.Fail(L["You cannot lock yourself out."]);
        await using (var transaction = await identityDb.Database.BeginTransactionAsync())
        {
            // Takes turns with role changes and other lock-outs: two admins locking each other out at once leave one.
            await identityDb.LockAsync(RowLocks.Advisory.Admins, default);
            var user = await users.FindByIdAsync(id);
            if (user is null) return Result.Fail(L["The user no longer exists."]);
            if (locked && await users.IsInRoleAsync(user, Roles.Admin) && await WithoutAnotherAdminAsync(id, default) is { } lastAdmin)
            {
                return Result.Fail(lastAdmin);
            }
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
            if (!locked) await users.ResetAccessFailedCountAsync(user);
            if (locked) await users.UpdateSecurityStampAsync(user);
            await transaction.CommitAsync();
        }
        if (locked) SessionsRevoked(id);
        logger.LogInformation("User {UserId} {Action}", id, locked ? "locked" : "unlocked");
        return Result.Ok();
    }

    /// <summary>
    /// After a new security stamp is committed (it makes the user's sign-in cookies and open Blazor circuits fail their
    /// next check): the event closes their hub connections at once.
    /// </summary>
    private void SessionsRevoked(string userId)
    {
        events.Publish(new UserAccessChanged(userId, clock.GetUtcNow()));
        logger.LogInformation("Sessions of user {UserId} revoked", userId);
    }

    private async Task SetQueuesAsync(string userId, IEnumerable<int> queueIds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Takes turns with the queues' member lists (decision 0012), so both never insert the same membership.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockAsync(RowLocks.Advisory.QueueMembership, ct);
        var wanted = queueIds.ToHashSet();
        var existing = await db.QueueMembers.Where(m => m.UserId == userId).ToListAsync(ct);
        db.QueueMembers.RemoveRange(existing.Where(m => !wanted.Contains(m.QueueId)));
        var valid = await db.Queues.Where(q => wanted.Contains(q.Id)).Select(q => q.Id).ToListAsync(ct);
        foreach (var queueId in valid.Where(q => existing.All(m => m.QueueId != q)))
        {
            db.QueueMembers.Add(new QueueMember { QueueId = queueId, UserId = userId });
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        events.Publish(new QueueMembershipChanged(userId, valid, clock.GetUtcNow()));
    }

    /// <summary>
    /// Identity's own refusals as problems. Its "already taken" errors (another admin saved the address after this
    /// service's check) get the same message as that check, once.
    /// </summary>
    private IReadOnlyList<Problem> IdentityProblems(IdentityResult result)
    {
        var describer = new IdentityErrorDescriber();
        string[] taken = [describer.DuplicateUserName("").Code, describer.DuplicateEmail("").Code];
        var problems = result.Errors.Where(e => !taken.Contains(e.Code))
            .Select(e => new Problem(e.Code.Contains("Password", StringComparison.Ordinal) ? nameof(UserInput.Password) : "", e.Description)).ToList();
        if (result.Errors.Any(e => taken.Contains(e.Code))) problems.Insert(0, new Problem(nameof(UserInput.Email), L["A user with this email address already exists."]));
        return problems;
    }
}
