using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Scaling;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Core.Inbound;

/// <summary>
/// Downloads customers' attachments in the background (the webhook only records them): only from Twilio's
/// API host or the emulator, within size and type limits, into the media folder outside wwwroot. Transient
/// failures are retried with backoff; refusals (wrong host, type, size) are final. With several instances one of
/// them, the owner (<see cref="IWorkOwnership"/>), downloads; the others pass on the wake-ups of their webhooks.
/// Every instance needs the same media folder (shared storage), since any of them serves the files.
/// </summary>
public sealed class MediaWorker(
    IDbContextFactory<OmniDbContext> dbFactory,
    ChannelDirectory directory,
    TwilioMediaDownloads twilio,
    MediaSignal signal,
    IWorkOwnership ownership,
    IConversationEvents events,
    IOptions<MediaOptions> options,
    MediaStorage storage,
    TimeProvider clock,
    IStringLocalizer<Strings> L,
    ILogger<MediaWorker> logger) : BackgroundService
{
    /// <summary>The name of the work the instances elect an owner for.</summary>
    public const string Work = "media";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ownership.RunAsync(Work, signal, term => DownloadAsync(term.Token), stoppingToken);

    private async Task DownloadAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) > 0) continue;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "The media worker failed; it tries again shortly");
            }
            await signal.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken);
        }
    }

    /// <summary>Handles the attachments that are due; returns how many it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<(MessageMedia Media, Guid AccountId, int ConversationId, int? QueueId, string? AgentId)> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = (await db.Media.AsNoTracking()
                    .Where(m => m.State == MediaState.Pending && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
                    .OrderBy(m => m.Id)
                    .Take(16)
                    .Select(m => new { Media = m, m.Message!.Conversation!.Number!.AccountId, m.Message.ConversationId, m.Message.Conversation.QueueId, m.Message.Conversation.AssignedAgentId })
                    .ToListAsync(ct))
                .Select(x => (x.Media, x.AccountId, x.ConversationId, x.QueueId, x.AssignedAgentId))
                .ToList();
        }

        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (item, token) =>
        {
            await FetchAsync(item.Media, item.AccountId, token);
            events.Publish(new MessageMediaChanged(item.ConversationId, item.QueueId, item.AgentId, clock.GetUtcNow(), item.Media.MessageId, item.Media.Id));
        });
        return due.Count;
    }

    private async Task FetchAsync(MessageMedia media, Guid accountId, CancellationToken ct)
    {
        var limits = options.Value;
        string? error = null;
        var retry = false;
        string? path = null;
        long? size = null;
        string? contentType = null;
        VCardContact? contact = null;

        var (account, tokenUnreadable) = await directory.FindAsync(accountId, ct);
        if (tokenUnreadable)
        {
            error = L["The account's Auth Token cannot be read (were the Data Protection keys replaced?); enter it again on the account page."];
        }
        else if (account is null)
        {
            error = L["The account of this message was deleted."];
        }
        else if (!MediaOptions.IsAllowed(media.ContentType))
        {
            error = L["Files of type {0} are not accepted.", media.ContentType];
        }
        else if (!Uri.TryCreate(media.SourceUrl, UriKind.Absolute, out var url) || !twilio.IsTrustedMediaHost(url))
        {
            error = L["Not fetched: {0} is not Twilio's media host.", url?.Host ?? media.SourceUrl ?? ""];
            logger.LogWarning("Media {MediaId} not fetched: {Url} is not Twilio's host", media.Id, media.SourceUrl);
        }
        else
        {
            // The declared type's limit bounds the download; the served type's is checked once it is known.
            var download = await twilio.DownloadAsync(account.Credentials, url, limits.LimitFor(media.ContentType), ct);
            if (download.Succeeded)
            {
                var servedType = download.Value!.ContentType.ToLowerInvariant();
                var servedLimit = Math.Min(limits.LimitFor(servedType), limits.LimitFor(media.ContentType));
                if (!MediaOptions.IsAllowed(servedType))
                {
                    error = L["Twilio served {0}, which is not accepted.", servedType];
                }
                else if (!MediaOptions.SameKind(servedType, media.ContentType))
                {
                    error = L["Twilio served {0} for a file declared as {1}; it was not kept.", servedType, media.ContentType];
                    logger.LogWarning("Media {MediaId} not kept: served as {Served}, declared as {Declared}", media.Id, servedType, media.ContentType);
                }
                else if (download.Value.Content.LongLength > servedLimit)
                {
                    error = L["The file is larger than {0} MB.", servedLimit / (1024 * 1024)];
                }
                else
                {
                    path = await storage.SaveAsync(media.Id, servedType, download.Value.Content, ct);
                    size = download.Value.Content.LongLength;
                    contentType = servedType;
                    // A shared contact: the timeline shows its name and number, read once here.
                    if (VCard.IsContactCard(servedType)) contact = VCard.Read(System.Text.Encoding.UTF8.GetString(download.Value.Content));
                }
            }
            else
            {
                error = download.Error!.Message;
                retry = download.Error.Kind is TwilioErrorKind.RateLimited or TwilioErrorKind.ServerError or TwilioErrorKind.Unreachable;
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Media.FirstAsync(m => m.Id == media.Id, ct);
        row.Attempts++;
        if (path is not null)
        {
            row.State = MediaState.Stored;
            row.StoragePath = path;
            row.Size = size;
            row.ContentType = contentType!;
            row.Error = null;
            if (contact is { Name: not null } or { Phone: not null })
            {
                // Saved with the file's state, so whoever sees the file stored sees the contact read.
                var message = await db.Messages.FirstAsync(m => m.Id == media.MessageId, ct);
                if (message.ContactName is null && message.ContactPhone is null) (message.ContactName, message.ContactPhone) = (contact.Name, contact.Phone);
            }
        }
        else if (retry && row.Attempts < limits.MaxAttempts)
        {
            row.NextAttemptAt = clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Pow(4, row.Attempts));
            row.Error = error;
        }
        else
        {
            row.State = MediaState.Failed;
            row.Error = error?.Length > 500 ? error[..500] : error;
        }
        media.State = row.State;
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Keeps attachment files under the configured media folder, never under wwwroot.</summary>
public sealed class MediaStorage(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task<string> SaveAsync(long mediaId, string contentType, byte[] content, CancellationToken ct)
    {
        var ext = MediaOptions.Extensions.GetValueOrDefault(contentType, ".bin");
        var relative = Path.Combine(DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), $"{mediaId}{ext}");
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, content, ct);
        return relative;
    }

    /// <summary>The full path of a stored file, refusing anything that would leave the media folder.</summary>
    public string? Resolve(string? relative)
    {
        if (string.IsNullOrEmpty(relative)) return null;
        var full = Path.GetFullPath(Path.Combine(Root, relative));
        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }
}
