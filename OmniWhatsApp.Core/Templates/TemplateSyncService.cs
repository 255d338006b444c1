using System.Security.Cryptography;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Security;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Core.Templates;

/// <summary>What a template sync did. <see cref="Skipped"/> says, per template, why it was not imported.</summary>
public sealed record TemplateSyncReport(int Added, int Updated, int Unchanged, IReadOnlyList<string> Skipped);

/// <summary>
/// Imports a workstream's approved WhatsApp templates from the Content API of its number's Twilio account:
/// name, language, text, Content SID. A template is matched by its Content SID, else by name and language;
/// matched ones are updated, new ones added, none removed (a template in use by a message keeps its row).
/// It runs when an admin asks, on the instance they are connected to; two syncs of one workstream at once (two
/// admins, two instances) are settled by the unique name and language: the one that loses syncs again and finds the
/// other's templates in place.
/// </summary>
public sealed class TemplateSyncService(
    IDbContextFactory<OmniDbContext> dbFactory,
    TwilioGateway twilio,
    SecretProtector secrets,
    IValidator<TemplateInput> validator,
    IStringLocalizer<Strings> L,
    ILogger<TemplateSyncService> logger)
{
    public async Task<Result<TemplateSyncReport>> SyncAsync(int workstreamId, CancellationToken ct = default)
    {
        try
        {
            return await SyncOnceAsync(workstreamId, ct);
        }
        catch (DbUpdateException ex)
        {
            logger.LogInformation(ex, "Template sync of workstream {WorkstreamId} met another sync of it; syncing again", workstreamId);
            return await SyncOnceAsync(workstreamId, ct);
        }
    }

    private async Task<Result<TemplateSyncReport>> SyncOnceAsync(int workstreamId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var workstream = await db.Workstreams
            .Include(w => w.Templates)
            .Include(w => w.WhatsApp!).ThenInclude(s => s.Number!).ThenInclude(n => n.Account)
            .FirstOrDefaultAsync(w => w.Id == workstreamId, ct);
        if (workstream is null) return Result<TemplateSyncReport>.Fail(L["Workstream not found"]);
        var account = workstream.WhatsApp?.Number?.Account;
        if (account is null) return Result<TemplateSyncReport>.Fail(L["Set up WhatsApp on this workstream first: the templates come from its number's Twilio account."]);

        TwilioCredentials credentials;
        try
        {
            credentials = new TwilioCredentials(account.AccountSid, secrets.Unprotect(account.ProtectedAuthToken));
        }
        catch (CryptographicException)
        {
            return Result<TemplateSyncReport>.Fail(L["The account's Auth Token cannot be read (were the Data Protection keys replaced?); enter it again on the account page."]);
        }

        var listed = await twilio.ListContentAndApprovalsAsync(credentials, ct);
        if (!listed.Succeeded) return Result<TemplateSyncReport>.Fail(listed.Error!.Message);

        int added = 0, updated = 0, unchanged = 0;
        var skipped = new List<string>();
        foreach (var content in listed.Value!)
        {
            var name = (content.ApprovalName ?? content.FriendlyName ?? "").Trim();
            var language = (content.Language ?? "").Trim().Replace('-', '_');
            var label = $"{(name.Length == 0 ? content.Sid : name)} ({language})";
            if (!string.Equals(content.ApprovalStatus, "approved", StringComparison.OrdinalIgnoreCase))
            {
                skipped.Add(L["{0}: not approved by WhatsApp ({1}).", label, content.ApprovalStatus ?? L["no approval request"]]);
                continue;
            }
            var body = content.BodyText;
            if (body is null)
            {
                skipped.Add(L["{0}: has no text body.", label]);
                continue;
            }
            var input = new TemplateInput { Name = name, Language = language, Body = body, ContentSid = content.Sid };
            var check = validator.Validate(input);
            if (!check.IsValid)
            {
                skipped.Add($"{label}: {check.Errors[0].ErrorMessage}");
                continue;
            }

            var match = workstream.Templates.FirstOrDefault(t => t.ContentSid == content.Sid)
                ?? workstream.Templates.FirstOrDefault(t => t.Name == name && t.Language == language);
            if (workstream.Templates.Any(t => t != match && t.Name == name && t.Language == language))
            {
                skipped.Add(L["{0}: another template already has this name and language.", label]);
                continue;
            }
            var samples = TemplatePlaceholders.SamplesToJson(content.Variables);
            if (match is null)
            {
                workstream.Templates.Add(new MessageTemplate { Name = name, Language = language, Body = body, ContentSid = content.Sid, SampleValues = samples });
                added++;
            }
            else if (match.Name != name || match.Language != language || match.Body != body || match.ContentSid != content.Sid || match.SampleValues != samples)
            {
                (match.Name, match.Language, match.Body, match.ContentSid, match.SampleValues) = (name, language, body, content.Sid, samples);
                updated++;
            }
            else
            {
                unchanged++;
            }
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Template sync of workstream {WorkstreamId}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Skipped} skipped",
            workstreamId, added, updated, unchanged, skipped.Count);
        return Result<TemplateSyncReport>.Ok(new TemplateSyncReport(added, updated, unchanged, skipped));
    }
}
