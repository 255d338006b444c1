using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Templates;

/// <summary>
/// Importing a workstream's approved templates from the Content API of its Twilio account (the emulator's catalogue).
/// On a host of its own: the account's Content must be exactly the catalogue, and other tests add templates to theirs.
/// </summary>
[Trait("Storage", "Both")]
public sealed class TemplateSyncTests(AppHost app) : IClassFixture<AppHost>
{
    [Fact]
    public async Task The_first_sync_imports_the_catalogue_with_its_approvals_and_the_second_adds_nothing()
    {
        var channel = await app.CreateChannelAsync(templates: []);

        var first = await SyncAsync(channel.WorkstreamId);
        var second = await SyncAsync(channel.WorkstreamId);

        // Since the template studio a pending template comes in too, as pending (it was skipped before).
        Assert.Equal((4, 0, 0), (first.Added, first.Updated, first.Unchanged));
        Assert.Empty(first.Skipped);
        Assert.Equal((0, 0, 4), (second.Added, second.Updated, second.Unchanged));
        await using (var db = await app.CreateDbContextAsync())
        {
            var approvals = await db.Templates.Where(t => t.WorkstreamId == channel.WorkstreamId)
                .Select(t => new { t.Name, t.Approval, t.Category }).ToListAsync();
            Assert.Equal((TemplateApproval.Pending, TemplateCategory.Marketing), approvals.Where(t => t.Name == "spring_sale").Select(t => (t.Approval, t.Category)).Single());
            Assert.All(approvals.Where(t => t.Name != "spring_sale"), t => Assert.Equal((TemplateApproval.Approved, TemplateCategory.Utility), (t.Approval, t.Category)));
        }
        Assert.Equal(
        [
            "appointment_reminder|en|HX7a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d|Hello {{1}}, this is a reminder of your appointment on {{2}}. Reply YES to confirm or NO to choose another time.",
            "order_update|en|HX3f1c9e2a7b5d4c8e9a0b1c2d3e4f5a6b|Hi {{1}}, your order {{2}} is on its way and should arrive on {{3}}.",
            "request_follow_up|tr|HX0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a|Merhaba {{1}}, {{2}} numaralı talebinizle ilgili size ulaşıyoruz. Devam etmek için bu mesajı yanıtlayın.",
            "spring_sale|en|HX5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b|Our spring sale starts on {{1}}! Reply STOP to opt out.",
        ], await TemplatesAsync(channel.WorkstreamId));
    }

    [Fact]
    public async Task A_template_changed_here_is_updated_back_by_its_Content_SID()
    {
        var channel = await app.CreateChannelAsync(templates: []);
        await SyncAsync(channel.WorkstreamId);
        await using (var db = await app.CreateDbContextAsync())
        {
            var reminder = await db.Templates.SingleAsync(t => t.WorkstreamId == channel.WorkstreamId && t.Name == "appointment_reminder");
            (reminder.Name, reminder.Body) = ("old_reminder", "Reminder: {{1}}");
            await db.SaveChangesAsync();
        }

        var report = await SyncAsync(channel.WorkstreamId);

        Assert.Equal((0, 1, 3), (report.Added, report.Updated, report.Unchanged));
        Assert.Contains("appointment_reminder|en|HX7a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d|Hello {{1}}, this is a reminder of your appointment on {{2}}. Reply YES to confirm or NO to choose another time.",
            await TemplatesAsync(channel.WorkstreamId));
    }

    [Fact]
    public async Task A_template_of_the_same_name_and_language_gets_its_Content_SID()
    {
        var channel = await app.CreateChannelAsync(templates: [new("order_update", "Hi {{1}}, your order {{2}} is on its way and should arrive on {{3}}.")]);

        var report = await SyncAsync(channel.WorkstreamId);

        Assert.Equal((3, 1, 0), (report.Added, report.Updated, report.Unchanged));
        Assert.Contains("order_update|en|HX3f1c9e2a7b5d4c8e9a0b1c2d3e4f5a6b|Hi {{1}}, your order {{2}} is on its way and should arrive on {{3}}.", await TemplatesAsync(channel.WorkstreamId));
        Assert.Equal(4, (await TemplatesAsync(channel.WorkstreamId)).Count);
    }

    [Fact]
    public async Task A_workstream_without_WhatsApp_has_no_account_to_sync_from()
    {
        var channel = await app.CreateChannelAsync(withWhatsApp: false);

        var result = await app.WithServiceAsync((TemplateSyncService s) => s.SyncAsync(channel.WorkstreamId));

        Assert.Equal("Set up WhatsApp on this workstream first: the templates come from its number's Twilio account.", result.FirstMessage);
    }

    private async Task<TemplateSyncReport> SyncAsync(int workstreamId)
    {
        var result = await app.WithServiceAsync((TemplateSyncService s) => s.SyncAsync(workstreamId));
        Assert.True(result.Succeeded, result.FirstMessage);
        return result.Value!;
    }

    private async Task<List<string>> TemplatesAsync(int workstreamId)
    {
        await using var db = await app.CreateDbContextAsync();
        return (await db.Templates.Where(t => t.WorkstreamId == workstreamId).ToListAsync())
            .Select(t => $"{t.Name}|{t.Language}|{t.ContentSid}|{t.Body}").Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task Twilios_example_values_come_along_and_the_composer_offers_them_as_hints()
    {
        var channel = await app.CreateChannelAsync(templates: []);
        var conversation = await app.OpenConversationAsync(channel);

        await SyncAsync(channel.WorkstreamId);

        await using (var db = await app.CreateDbContextAsync())
        {
            var imported = await db.Templates.SingleAsync(t => t.WorkstreamId == channel.WorkstreamId && t.Name == "order_update");
            Assert.Equal("{\"1\":\"Sarah\",\"2\":\"#1042\",\"3\":\"Friday\"}", imported.SampleValues);
        }
        var options = await app.WithServiceAsync((OmniWhatsApp.Core.Outbound.OutboundService s) => s.ComposerOptionsAsync(conversation.Id));
        Assert.Equal(["Sarah", "#1042", "Friday"], options!.Templates.Single(t => t.Name == "order_update").Samples);
    }
}
