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

namespace OmniWhatsApp.Core.Templates;

/// <summary>
/// The template studio's back end (admins; the pages enforce the role): templates built here live on their workstream
/// and go to the Content API of its number's Twilio account when submitted for WhatsApp's approval. Twilio cannot
/// change a Content template, so editing a submitted one makes it a draft again and the next submit creates a new
/// Content. Every change of approval is published as <see cref="TemplateApprovalChanged"/>.
/// </summary>
public sealed class TemplateStudioService(
    IDbContextFactory<OmniDbContext> dbFactory,
    TwilioGateway twilio,
    SecretProtector secrets,
    IValidator<TemplateDraftInput> validator,
    IConversationEvents events,
    TimeProvider clock,
    IStringLocalizer<Strings> L,
    ILogger<TemplateStudioService> logger)
{
    public async Task<IReadOnlyList<TemplateSummary>> ListAsync(int? workstreamId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Templates.AsNoTracking();
        if (workstreamId is not null) query = query.Where(t => t.WorkstreamId == workstreamId);
        var rows = await query
            .Select(t => new TemplateSummary(t.Id, t.WorkstreamId, t.Workstream!.Name, t.Name, t.Language, t.ContentType, t.Category, t.Approval,
                t.RejectionReason, t.ContentSid, t.ApprovalCheckedAt, t.ApprovalChangedAt, t.RemovedAtTwilioAt != null))
            .ToListAsync(ct);
        return rows.OrderBy(t => t.WorkstreamName, StringComparer.CurrentCulture).ThenBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Language, StringComparer.Ordinal).ToList();
    }

    public async Task<TemplateDraftInput?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        return template is null ? null : TemplateDraftInput.From(template);
    }

    /// <summary>
    /// What the page says before saving changes to a template Twilio already has: the edit makes it a draft again,
    /// and submitting it then creates a new Content for WhatsApp to review. Null when the template was not submitted.
    /// </summary>
    public string? EditNotice(TemplateDraftInput input) =>
        string.IsNullOrEmpty(input.ContentSid)
            ? null
            : L["Twilio cannot change a submitted template: saving a change makes it a draft again, and submitting it creates a new template for WhatsApp to review."].Value;

    /// <summary>
    /// Saves the studio's form (validated) as a draft: a new template, or changes to one. A change to a template already
    /// at Twilio makes it a draft again without a Content SID (the old Content stays at Twilio, where messages
    /// already sent refer to it); saving it unchanged keeps its approval.
    /// </summary>
    public async Task<Result<int>> SaveAsync(TemplateDraftInput input, CancellationToken ct = default)
    {
        var check = validator.Check(input);
        if (!check.Succeeded) return Result<int>.Fail(check.Problems);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Workstreams.AnyAsync(w => w.Id == input.WorkstreamId, ct)) return Result<int>.Fail(L["Workstream not found"]);

        var name = input.Name.Trim();
        var content = input.ToContent();
        var count = TemplatePlaceholders.Scan(content.Body).VariableCount;
        var samples = TemplatePlaceholders.SamplesToJson(Enumerable.Range(0, count)
            .ToDictionary(i => (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), i => i < input.Samples.Count ? input.Samples[i] ?? "" : ""));
        var definition = content.Type == RichContentType.Text ? null : RichContentJson.Serialize(content);

        MessageTemplate? template;
        if (input.Id is null)
        {
            template = new MessageTemplate { WorkstreamId = input.WorkstreamId, Name = name, Language = input.Language, Body = content.Body, Approval = TemplateApproval.Draft };
            db.Templates.Add(template);
        }
        else
        {
            template = await db.Templates.FirstOrDefaultAsync(t => t.Id == input.Id, ct);
            if (template is null) return Result<int>.Fail(L["The template was not found; it may have been deleted."]);
            if (template.WorkstreamId != input.WorkstreamId) return Result<int>.Fail(L["A template cannot move to another workstream; make a new one there."], nameof(TemplateDraftInput.WorkstreamId));
        }
        if (await db.Templates.AnyAsync(t => t.WorkstreamId == input.WorkstreamId && t.Name == name && t.Language == input.Language && t.Id != template.Id, ct))
        {
            return Result<int>.Fail(L["This workstream already has a template with this name and language."], nameof(TemplateDraftInput.Name));
        }

        var changed = template.Name != name || template.Language != input.Language || template.Body != content.Body
            || template.ContentType != content.Type || template.Definition != definition || template.SampleValues != samples
            || template.Category != input.Category;
        var now = clock.GetUtcNow();
        var approvalChanged = false;
        if (changed && template.Id != 0 && template.ContentSid is not null)
        {
            logger.LogInformation("Template {TemplateId} was changed after it went to Twilio as {ContentSid}: it is a draft again", template.Id, template.ContentSid);
            template.ContentSid = null;
            template.RemovedAtTwilioAt = null;
            approvalChanged = TemplateApprovals.Set(template, TemplateApproval.Draft, null, now);
        }
        else if (changed && template.Id != 0 && template.Approval is TemplateApproval.Unknown)
        {
            approvalChanged = TemplateApprovals.Set(template, TemplateApproval.Draft, null, now);
        }
        (template.Name, template.Language, template.Body, template.ContentType, template.Definition, template.SampleValues, template.Category) =
            (name, input.Language, content.Body, content.Type, definition, samples, input.Category);

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            logger.LogInformation("Template {Name} ({Language}) of workstream {WorkstreamId} was not saved: {Reason}", name, input.Language, input.WorkstreamId, ex.InnerException?.Message ?? ex.Message);
            return Result<int>.Fail(L["This workstream already has a template with this name and language."], nameof(TemplateDraftInput.Name));
        }
        if (approvalChanged) events.Publish(TemplateApprovals.Changed(template));
        return Result<int>.Ok(template.Id);
    }

    /// <summary>
    /// Submits a template for WhatsApp's approval: creates its Content at the workstream's Twilio account when it has
    /// none yet (or its last one was rejected or disabled), then asks for approval under its name and category. A list
    /// picker is only created: WhatsApp does not approve list pickers, so it can be sent within 24 hours only.
    /// </summary>
    public async Task<Result> SubmitAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.Templates.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (template is null) return Result.Fail(L["The template was not found; it may have been deleted."]);
        var credentials = await CredentialsAsync(db, template.WorkstreamId, ct);
        if (!credentials.Succeeded) return Result.Fail(credentials.Problems);

        var draft = TemplateDraftInput.From(template);
        var check = validator.Check(draft);
        if (!check.Succeeded) return Result.Fail(L["Correct the template before submitting it: {0}", check.FirstMessage]);
        if (template.ContentSid is not null && !template.RemovedAtTwilioAt.HasValue
            && template.Approval is TemplateApproval.Received or TemplateApproval.Pending or TemplateApproval.Approved or TemplateApproval.Paused)
        {
            return Result.Fail(L["This template is already with WhatsApp ({0}).", TemplateApprovals.Label(L, template.Approval)]);
        }

        var now = clock.GetUtcNow();
        var newContent = template.ContentSid is null || template.RemovedAtTwilioAt.HasValue || template.Approval is TemplateApproval.Rejected or TemplateApproval.Disabled;
        if (!newContent && template.Approval == TemplateApproval.Unknown)
        {
            // A Content SID typed in or synced without a status: it may have been submitted already.
            var current = await twilio.FetchApprovalAsync(credentials.Value!, template.ContentSid!, ct);
            if (current.Succeeded && TemplateApprovals.Parse(current.Value!.Status) is not null)
            {
                var adopted = TemplateApprovals.Apply(template, current.Value, now);
                await db.SaveChangesAsync(ct);
                if (adopted) events.Publish(TemplateApprovals.Changed(template));
                return Result.Ok();
            }
        }
        if (newContent)
        {
            var samples = draft.Samples.Select((s, i) => (Key: (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Value: s.Trim()))
                .ToDictionary(p => p.Key, p => p.Value);
            var created = await twilio.CreateContentAsync(credentials.Value!, template.Name, template.Language, draft.ToContent(), samples, ct);
            if (!created.Succeeded) return Result.Fail(L["Twilio did not create the template: {0}", created.Error!.Message]);
            template.ContentSid = created.Value!.Sid;
            template.RemovedAtTwilioAt = null;
            TemplateApprovals.Set(template, TemplateApproval.Draft, null, now);
            await db.SaveChangesAsync(ct); // the Content exists now, whatever the approval request does
            logger.LogInformation("Template {TemplateId} created at Twilio as {ContentSid}", template.Id, template.ContentSid);
        }

        if (template.ContentType == RichContentType.ListPicker)
        {
            template.ApprovalCheckedAt = now;
            var unknown = TemplateApprovals.Set(template, TemplateApproval.Unknown, null, now);
            await db.SaveChangesAsync(ct);
            if (unknown) events.Publish(TemplateApprovals.Changed(template));
            return Result.Ok();
        }

        var requested = await twilio.RequestApprovalAsync(credentials.Value!, template.ContentSid!, template.Name, template.Category ?? TemplateCategory.Utility, ct);
        if (!requested.Succeeded)
        {
            if (newContent) events.Publish(TemplateApprovals.Changed(template));
            return Result.Fail(L["WhatsApp's approval could not be requested: {0}", requested.Error!.Message]);
        }
        var reading = requested.Value! with { Status = requested.Value.Status ?? "received" };
        TemplateApprovals.Apply(template, reading, now);
        await db.SaveChangesAsync(ct);
        events.Publish(TemplateApprovals.Changed(template));
        logger.LogInformation("Approval of template {TemplateId} ({ContentSid}) requested: {Status}", template.Id, template.ContentSid, template.Approval);
        return Result.Ok();
    }

    /// <summary>Reads the template's approval from Twilio now; publishes the change, if any.</summary>
    public async Task<Result<TemplateApproval>> RefreshAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.Templates.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (template is null) return Result<TemplateApproval>.Fail(L["The template was not found; it may have been deleted."]);
        if (template.ContentSid is null) return Result<TemplateApproval>.Ok(template.Approval);
        var credentials = await CredentialsAsync(db, template.WorkstreamId, ct);
        if (!credentials.Succeeded) return Result<TemplateApproval>.Fail(credentials.Problems);

        var fetched = await twilio.FetchApprovalAsync(credentials.Value!, template.ContentSid, ct);
        var now = clock.GetUtcNow();
        if (!fetched.Succeeded)
        {
            if (fetched.Error!.Kind != TwilioErrorKind.NotFound) return Result<TemplateApproval>.Fail(fetched.Error.Message);
            template.RemovedAtTwilioAt ??= now;
            template.ApprovalCheckedAt = now;
            await db.SaveChangesAsync(ct);
            return Result<TemplateApproval>.Ok(template.Approval);
        }
        var changed = TemplateApprovals.Apply(template, fetched.Value!, now);
        await db.SaveChangesAsync(ct);
        if (changed) events.Publish(TemplateApprovals.Changed(template));
        return Result<TemplateApproval>.Ok(template.Approval);
    }

    /// <summary>Deletes the template here and its Content at Twilio (gone there already is fine).</summary>
    public async Task<Result> DeleteAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.Templates.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (template is null) return Result.Ok();
        if (template.ContentSid is not null && template.RemovedAtTwilioAt is null)
        {
            var credentials = await CredentialsAsync(db, template.WorkstreamId, ct);
            if (credentials.Succeeded)
            {
                var deleted = await twilio.DeleteContentAsync(credentials.Value!, template.ContentSid, ct);
                if (!deleted.Succeeded && deleted.Error!.Kind != TwilioErrorKind.NotFound)
                {
                    return Result.Fail(L["Twilio did not delete the template: {0}", deleted.Error.Message]);
                }
            }
        }
        db.Templates.Remove(template);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Template {TemplateId} ({ContentSid}) deleted", template.Id, template.ContentSid);
        return Result.Ok();
    }

    private async Task<Result<TwilioCredentials>> CredentialsAsync(OmniDbContext db, int workstreamId, CancellationToken ct)
    {
        var account = await db.Workstreams.AsNoTracking().Where(w => w.Id == workstreamId)
            .Select(w => w.WhatsApp!.Number!.Account)
            .FirstOrDefaultAsync(ct);
        if (account is null) return Result<TwilioCredentials>.Fail(L["Set up WhatsApp on this workstream first: its templates go to its number's Twilio account."]);
        try
        {
            return Result<TwilioCredentials>.Ok(new TwilioCredentials(account.AccountSid, secrets.Unprotect(account.ProtectedAuthToken)));
        }
        catch (CryptographicException)
        {
            return Result<TwilioCredentials>.Fail(L["The account's Auth Token cannot be read (were the Data Protection keys replaced?); enter it again on the account page."]);
        }
    }

}
