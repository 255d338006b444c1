using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Security;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Core.Accounts;

/// <summary>
/// With the built-in emulator, does what an admin does in Twilio's console with live Twilio: points each WhatsApp
/// number's sender at the account's callback URLs (inbound messages and status callbacks), through Twilio's Senders
/// API, so the emulator learns them the way Twilio does. Runs after an account or its numbers change, and for every
/// account when the app has started. A number the account no longer has is pointed nowhere, if it still pointed
/// here. In live mode it does nothing: Twilio's senders are the admin's to configure.
/// </summary>
public sealed class SenderWebhooks(
    IDbContextFactory<OmniDbContext> dbFactory,
    TwilioGateway twilio,
    ITwilioEndpoints endpoints,
    IPublicUrls urls,
    SecretProtector secrets,
    ILogger<SenderWebhooks> logger) : IHostedLifecycleService
{
    /// <summary>
    /// Points the account's senders at its callback URLs, and <paramref name="removedNumbers"/> (deleted from the
    /// account) nowhere; false when the emulator could not be told (logged).
    /// </summary>
    public async Task<bool> SyncAsync(Guid accountId, IReadOnlyCollection<string>? removedNumbers = null, CancellationToken ct = default)
    {
        if (!endpoints.IsEmulator) return true;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().Include(a => a.Numbers).FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null) return true;

        TwilioCredentials credentials;
        try
        {
            credentials = new TwilioCredentials(account.AccountSid, secrets.Unprotect(account.ProtectedAuthToken));
        }
        catch (CryptographicException)
        {
            logger.LogWarning("Senders of account {AccountId} not configured: its Auth Token cannot be decrypted", accountId);
            return false;
        }

        var listed = await twilio.ListWhatsAppSendersAsync(credentials, ct);
        if (!listed.Succeeded) return Failed(accountId, listed.Error!);
        var senders = listed.Value!.Where(s => s.SenderId is not null).ToDictionary(s => s.SenderId!, StringComparer.Ordinal);

        var callbacks = CallbackUrls.For(urls.BaseUrl, accountId);
        var wanted = new SenderWebhook(callbacks.Inbound, callbacks.Status);
        var numbers = account.Numbers.Select(n => (n.Number, Active: account.DeletedAt is null && n.RetiredAt is null))
            .Concat((removedNumbers ?? []).Select(n => (Number: n, Active: false)));
        foreach (var (number, active) in numbers)
        {
            var sender = senders.GetValueOrDefault("whatsapp:" + number);
            TwilioResult<TwilioSender>? done = null;
            if (active && sender is null)
            {
                done = await twilio.CreateWhatsAppSenderAsync(credentials, number, wanted, ct);
            }
            else if (active && (sender!.CallbackUrl != wanted.CallbackUrl || sender.StatusCallbackUrl != wanted.StatusCallbackUrl))
            {
                done = await twilio.UpdateSenderWebhookAsync(credentials, sender.Sid, wanted, ct);
            }
            else if (!active && sender is not null && sender.CallbackUrl == wanted.CallbackUrl)
            {
                done = await twilio.UpdateSenderWebhookAsync(credentials, sender.Sid, SenderWebhook.None, ct);
            }
            if (done is { Succeeded: false }) return Failed(accountId, done.Error!);
        }
        return true;
    }

    /// <summary>Once the app listens (the emulator is part of it), every account's senders, e.g. the demo data's.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!endpoints.IsEmulator) return;
        List<Guid> accounts;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            accounts = await db.Accounts.Where(a => a.DeletedAt == null).Select(a => a.Id).ToListAsync(cancellationToken);
        }
        foreach (var id in accounts) await SyncAsync(id, ct: cancellationToken);
    }

    private bool Failed(Guid accountId, TwilioError error)
    {
        logger.LogWarning("Senders of account {AccountId} not configured on the emulator: {Reason}", accountId, error.Message);
        return false;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
