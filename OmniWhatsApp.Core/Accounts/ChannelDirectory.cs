using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Security;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Core.Accounts;

/// <summary>What a webhook needs to know about one number: its id and, once set up, its workstream's routing and bot.</summary>
public sealed record ChannelNumber(int NumberId, string Number, ChannelWorkstream? Workstream);

public sealed record ChannelWorkstream(
    int WorkstreamId,
    string Language,
    bool CustomersCanSendAttachments,
    string? AttachmentsRefusedMessage,
    int? FallbackQueueId,
    IReadOnlyList<RoutingRule> Rules,
    Bots.BotMode Bot = Bots.BotMode.Off);

/// <summary>A connected account as webhooks see it, with its decrypted token (memory only, never logged).</summary>
public sealed record ChannelAccount(Guid Id, TwilioCredentials Credentials, IReadOnlyDictionary<string, ChannelNumber> NumbersByE164)
{
    public ChannelNumber? Number(string e164) => NumbersByE164.GetValueOrDefault(e164);
}

/// <summary>How a webhook's account id resolved: found, unknown, or known with an Auth Token that cannot be decrypted.</summary>
public readonly record struct ChannelLookup(ChannelAccount? Account, bool TokenUnreadable);

/// <summary>
/// A short-lived cache of accounts, numbers and routing for the webhooks, so a burst of inbound messages
/// does not decrypt the token and load the rules for every request. Admin changes in this process clear it
/// at once; other instances see them within <see cref="Lifetime"/>. Only accounts found are kept: ids that
/// match nothing (anyone can post to a made-up one) would grow the cache without bound.
/// </summary>
public sealed class ChannelDirectory(IDbContextFactory<OmniDbContext> dbFactory, SecretProtector secrets, TimeProvider clock, ILogger<ChannelDirectory> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, (ChannelAccount Account, DateTimeOffset Expires)> accounts = new();

    /// <summary>The account, or null when it is unknown, deleted, or its token cannot be decrypted.</summary>
    public async Task<ChannelAccount?> GetAsync(Guid accountId, CancellationToken ct = default) => (await FindAsync(accountId, ct)).Account;

    public async Task<ChannelLookup> FindAsync(Guid accountId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (accounts.TryGetValue(accountId, out var cached) && cached.Expires > now) return new ChannelLookup(cached.Account, false);
        var lookup = await LoadAsync(accountId, ct);
        if (lookup.Account is { } account) accounts[accountId] = (account, now + Lifetime);
        else accounts.TryRemove(accountId, out _);
        return lookup;
    }

    /// <summary>Forgets everything; called after any change to accounts, numbers, workstreams or routing.</summary>
    public void Invalidate() => accounts.Clear();

    internal bool IsCached(Guid accountId) => accounts.ContainsKey(accountId);

    private async Task<ChannelLookup> LoadAsync(Guid accountId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId && a.DeletedAt == null, ct);
        if (account is null) return default;
        string token;
        try
        {
            token = secrets.Unprotect(account.ProtectedAuthToken);
        }
        catch (CryptographicException)
        {
            // Neither the exception (it may quote the payload) nor the stored value goes to the log.
            logger.LogWarning("The Auth Token of account {AccountId} cannot be decrypted (were the Data Protection keys replaced?); enter it again on the account page", accountId);
            return new ChannelLookup(null, TokenUnreadable: true);
        }

        var numbers = await db.Numbers.AsNoTracking().Where(n => n.AccountId == accountId && n.RetiredAt == null).ToListAsync(ct);
        var numberIds = numbers.Select(n => n.Id).ToList();
        var setups = await db.WhatsAppSetups.AsNoTracking().Where(s => numberIds.Contains(s.NumberId)).ToListAsync(ct);
        var workstreamIds = setups.Select(s => s.WorkstreamId).ToList();
        var workstreams = await db.Workstreams.AsNoTracking().Where(w => workstreamIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var rules = await db.RoutingRules.AsNoTracking().Where(r => workstreamIds.Contains(r.WorkstreamId)).OrderBy(r => r.Order).ToListAsync(ct);

        var byNumber = numbers.ToDictionary(n => n.Number, n =>
        {
            var setup = setups.FirstOrDefault(s => s.NumberId == n.Id);
            ChannelWorkstream? workstream = null;
            if (setup is not null)
            {
                var w = workstreams[setup.WorkstreamId];
                workstream = new ChannelWorkstream(w.Id, setup.Language,
                    setup.Behaviours.AttachmentsEnabled && setup.Behaviours.CustomersCanSendAttachments,
                    setup.Behaviours.AttachmentsRefusedMessage, w.FallbackQueueId,
                    rules.Where(r => r.WorkstreamId == w.Id).ToList(), setup.Bot.Mode);
            }
            return new ChannelNumber(n.Id, n.Number, workstream);
        });
        return new ChannelLookup(new ChannelAccount(account.Id, new TwilioCredentials(account.AccountSid, token), byNumber), false);
    }
}
