using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Security;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Core.Bots;

/// <summary>
/// Saves the bot of a workstream's WhatsApp channel (the workstream page's Bot section; the setup wizard saves it with
/// the rest of the setup through <see cref="WorkstreamService.SaveWhatsAppSetupAsync"/>). The shared secret is
/// encrypted and never logged.
/// </summary>
public sealed class BotSetupService(
    IDbContextFactory<OmniDbContext> dbFactory,
    ChannelDirectory directory,
    SecretProtector protector,
    IValidator<BotSettingsInput> validator,
    IStringLocalizer<Strings> L,
    ILogger<BotSetupService> logger)
{
    public async Task<Result> SaveAsync(int workstreamId, BotSettingsInput input, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) return Result.Fail(L["Only admins can change a channel's bot."]);
        var check = validator.Check(input);
        if (!check.Succeeded) return check;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Two admins saving at once wait for each other, so the second replaces the first's entries rather than adding to them.
        await db.LockForUpdateAsync("Workstreams", workstreamId, ct);
        var workstream = await db.Workstreams.Include(w => w.WhatsApp).Include(w => w.BotFaq)
            .FirstOrDefaultAsync(w => w.Id == workstreamId, ct);
        if (workstream is null) return Result.Fail(L["The workstream no longer exists."]);
        if (workstream.WhatsApp is null) return Result.Fail(L["Set up WhatsApp on this workstream first: the bot answers on its WhatsApp channel."]);

        var applied = Apply(db, workstream, input, protector, L, "");
        if (!applied.Succeeded) return applied;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        directory.Invalidate();
        logger.LogInformation("Bot of workstream {WorkstreamId} saved: {Mode}, {Count} FAQ entries", workstreamId, input.Mode, workstream.BotFaq.Count);
        return Result.Ok();
    }

    /// <summary>
    /// Writes a checked <paramref name="input"/> onto a tracked workstream (its WhatsApp setup and FAQ entries loaded):
    /// only the chosen mode's settings change. Fails, changing nothing, when an external bot would have no secret.
    /// </summary>
    internal static Result Apply(OmniDbContext db, Workstream workstream, BotSettingsInput input, SecretProtector protector,
        IStringLocalizer<Strings> L, string fieldPrefix)
    {
        var bot = workstream.WhatsApp!.Bot;
        var secret = input.Secret?.Trim();
        if (input.Mode == BotMode.External && string.IsNullOrEmpty(secret) && bot.ProtectedSecret is null)
        {
            return Result.Fail(L["Enter a shared secret of at least {0} characters.", BotSettingsValidator.MinSecretLength], fieldPrefix + nameof(BotSettingsInput.Secret));
        }

        bot.Mode = input.Mode;
        if (input.Mode == BotMode.Faq)
        {
            bot.Greeting = Blank(input.Greeting);
            bot.Fallback = Blank(input.Fallback);
            bot.HandoffWords = input.HandoffWords.Trim();
            bot.HandoffAfterMisses = input.HandoffAfterMisses;
            db.BotFaqEntries.RemoveRange(workstream.BotFaq);
            workstream.BotFaq.Clear();
            workstream.BotFaq.AddRange(input.Entries.Select((e, i) => new BotFaqEntry
            {
                WorkstreamId = workstream.Id,
                Position = i,
                Language = e.Language,
                Phrases = e.Phrases.Trim(),
                Answer = e.Answer.Trim(),
            }));
        }
        else if (input.Mode == BotMode.External)
        {
            bot.ExternalUrl = input.ExternalUrl!.Trim();
            if (!string.IsNullOrEmpty(secret))
            {
                bot.ProtectedSecret = protector.Protect(secret);
                bot.SecretHint = SecretProtector.HintOf(secret);
            }
            bot.TimeoutSeconds = input.TimeoutSeconds;
        }
        return Result.Ok();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
