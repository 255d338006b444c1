using System.Security.Cryptography;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Core.Localization;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Security;
using OmniWhatsApp.Core.Twilio;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Core.Templates;

/// <summary>
/// What a template sync did. <see cref="Skipped"/> says, per template, why it was not imported, and names the
/// templates whose Content SID Twilio no longer has (<see cref="Removed"/> of them, marked, not deleted).
/// </summary>
public sealed record TemplateSyncReport(int Added, int Updated, int Unchanged, IReadOnlyList<string> Skipped)
{
    public int Removed { get; init; }
}

/// <summary>
/// Imports a workstream's WhatsApp templates from the Content API of its number's Twilio account: name, language,
/// text, Content SID, type and definition, category and WhatsApp's approval — every template submitted to WhatsApp,
/// whatever its status (a pending one comes in as pending and is offered outside the window once approved); those
/// never submitted are skipped. A template is matched by its Content SID, else by name and language; matched ones are
/// updated, new ones added. One whose Content SID Twilio no longer has is marked removed, not deleted (messages refer
/// to it); it is unmarked if the SID comes back. Every change of approval is published as <see cref="Events.TemplateApprovalChanged"/>.
/// It runs when an admin asks, on the instance they are connected to; two syncs of one workstream at once (two
/// admins, two instances) are settled by the unique name and language: the one that loses syncs again and finds the
/// other's templates in place.
/// </summary>
public sealed class TemplateSyncService(
    IDbContextFactory<OmniDbContext> dbFactory,
    TwilioGateway twilio,
    SecretProtector secrets,
    IValidator<TemplateInput> validator,
    IConversationEvents events,
    TimeProvider clock,
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

        int added = 0, updated = 0, unchanged = 0, removed = 0;
        var skipped = new List<string>();
        var now = clock.GetUtcNow();
        var changedApproval = new List<MessageTemplate>();
        foreach (var content in listed.Value!)
        {
            var name = (content.ApprovalName ?? content.FriendlyName ?? "").Trim();
            var language = (content.Language ?? "").Trim().Replace('-', '_');
            var label = $"{(name.Length == 0 ? content.Sid : name)} ({language})";
            if (TemplateApprovals.Parse(content.ApprovalStatus) is null)
            {
                skipped.Add(L["{0}: not submitted to WhatsApp for approval.", label]);
                continue;
            }
            var rich = content.Content;
            var body = rich?.Body is { Length: > 0 } richBody ? richBody : content.BodyText;
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
            var type = rich?.Type ?? RichContentType.Text;
            var definition = rich is null || type == RichContentType.Text ? null : RichContentJson.Serialize(rich);
            var template = match ?? new MessageTemplate { Name = name, Language = language, Body = body };
            var before = (template.Name, template.Language, template.Body, template.ContentSid, template.SampleValues, template.ContentType, template.Definition,
                template.Category, template.Approval, template.RejectionReason, template.RemovedAtTwilioAt);
            (template.Name, template.Language, template.Body, template.ContentSid, template.SampleValues, template.ContentType, template.Definition) =
                (name, language, body, content.Sid, samples, type, definition);
            template.RemovedAtTwilioAt = null;
            var approvalChanged = TemplateApprovals.Apply(template, new TwilioApproval(content.ApprovalStatus, content.ApprovalCategory, content.RejectionReason, name, null), now);
            if (approvalChanged) changedApproval.Add(template);
            if (match is null)
            {
                workstream.Templates.Add(template);
                added++;
            }
            else if (before != (template.Name, template.Language, template.Body, template.ContentSid, template.SampleValues, template.ContentType, template.Definition,
                template.Category, template.Approval, template.RejectionReason, template.RemovedAtTwilioAt))
            {
                updated++;
            }
            else
            {
                unchanged++;
            }
        }

        // Templates whose Content Twilio no longer has: marked, kept (messages refer to them).
        var listedSids = listed.Value!.Select(c => c.Sid).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in workstream.Templates.Where(t => !string.IsNullOrWhiteSpace(t.ContentSid) && !listedSids.Contains(t.ContentSid.Trim())))
        {
            if (gone.RemovedAtTwilioAt is null)
            {
                gone.RemovedAtTwilioAt = now;
                removed++;
            }
            skipped.Add(L["{0} ({1}): Twilio no longer has its Content SID {2}; it is marked as removed and no longer offered.", gone.Name, gone.Language, gone.ContentSid!]);
        }

        await db.SaveChangesAsync(ct);
        foreach (var template in changedApproval) events.Publish(TemplateApprovals.Changed(template));
        logger.LogInformation("Template sync of workstream {WorkstreamId}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Removed} removed, {Skipped} skipped",
            workstreamId, added, updated, unchanged, removed, skipped.Count);
        return Result<TemplateSyncReport>.Ok(new TemplateSyncReport(added, updated, unchanged, skipped) { Removed = removed });
    }
}
