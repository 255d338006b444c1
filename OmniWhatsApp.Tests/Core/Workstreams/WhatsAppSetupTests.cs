using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;

namespace OmniWhatsApp.Tests.Core.Workstreams;

/// <summary>"Set up WhatsApp" saves number, fallback queue, language, behaviours and the whole template list in one transaction.</summary>
[Collection(AppCollection.Name)]
[Trait("Storage", "Both")]
public sealed class WhatsAppSetupTests(AppHost app)
{
    [Fact]
    public async Task Valid_setup_replaces_language_behaviours_and_the_template_list()
    {
        var (workstreamId, setup) = await WorkstreamWithSetupAsync();
        setup.Language = "tr";
        setup.Behaviours.GreetingMessage = "Merhaba!";
        setup.Templates.RemoveAt(0);
        setup.Templates[0].Body = "Hello {{1}}, about {{2}} and {{3}}";
        setup.Templates.Add(new TemplateInput { Name = "reminder", Language = "tr", Body = "Hatırlatma {{1}}" });

        var result = await SaveAsync(workstreamId, setup);

        Assert.True(result.Succeeded, result.FirstMessage);
        var saved = (await app.WithServiceAsync((WorkstreamService s) => s.GetAsync(workstreamId)))!.WhatsApp!;
        Assert.Equal("tr", saved.Language);
        Assert.Equal("Merhaba!", saved.Behaviours.GreetingMessage);
        Assert.Equal(["follow_up: Hello {{1}}, about {{2}} and {{3}}", "reminder: Hatırlatma {{1}}"],
            saved.Templates.Select(t => $"{t.Name}: {t.Body}").Order());
    }

    [Fact]
    public async Task Finishing_the_wizard_keeps_what_the_template_studio_did_while_it_was_open()
    {
        var (workstreamId, setup) = await WorkstreamWithSetupAsync();
        // While the wizard is open, an admin builds a template in the studio and submits "follow_up" from there.
        await using (var db = await app.CreateDbContextAsync())
        {
            db.Templates.Add(new MessageTemplate
            {
                WorkstreamId = workstreamId, Name = "menu", Language = "en", Body = "What can we do for you?",
                ContentType = RichContentType.QuickReply, Approval = TemplateApproval.Draft,
                Definition = RichContentJson.Serialize(new RichContent { Type = RichContentType.QuickReply, Body = "What can we do for you?", Buttons = [new(RichButtonKind.QuickReply, "Billing", "billing")] }),
            });
            var followUp = await db.Templates.SingleAsync(t => t.WorkstreamId == workstreamId && t.Name == "follow_up");
            (followUp.Body, followUp.ContentSid, followUp.Approval) = ("Hello {{1}}, about your request {{2}}", "HX00000000000000000000000000000001", TemplateApproval.Pending);
            await db.SaveChangesAsync();
        }

        // The wizard's copy still has the old follow_up; Finish must change neither it nor drop the new one.
        setup.Templates.Single(t => t.Name == "follow_up").Body = "Stale text from the wizard {{1}}";
        var result = await SaveAsync(workstreamId, setup);

        Assert.True(result.Succeeded, result.FirstMessage);
        await using var after = await app.CreateDbContextAsync();
        Assert.Equal(
            ["follow_up: Hello {{1}}, about your request {{2}} (HX00000000000000000000000000000001)", "menu: What can we do for you? ()", "welcome: Welcome {{1}} ()"],
            (await after.Templates.Where(t => t.WorkstreamId == workstreamId).ToListAsync()).Select(t => $"{t.Name}: {t.Body} ({t.ContentSid})").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Template_may_take_the_name_of_one_removed_in_the_same_save()
    {
        var (workstreamId, setup) = await WorkstreamWithSetupAsync();
        setup.Templates.RemoveAt(0);               // "welcome" goes…
        setup.Templates[0].Name = "welcome";       // …and "follow_up" takes its name: the unique index must not trip.

        var result = await SaveAsync(workstreamId, setup);

        Assert.True(result.Succeeded, result.FirstMessage);
        var saved = (await app.WithServiceAsync((WorkstreamService s) => s.GetAsync(workstreamId)))!.WhatsApp!;
        Assert.Equal(["welcome: Hello {{1}}, about {{2}}"], saved.Templates.Select(t => $"{t.Name}: {t.Body}"));
    }

    [Fact]
    public async Task Number_bound_to_another_workstream_fails_and_changes_nothing()
    {
        var (workstreamId, setup) = await WorkstreamWithSetupAsync();
        var before = await SnapshotAsync(workstreamId);
        setup.NumberId = await NumberIdAsync(DemoData.DemoNumber);
        setup.Language = "de";
        setup.Templates.Add(new TemplateInput { Name = "extra", Language = "de", Body = "Hallo {{1}}" });

        var result = await SaveAsync(workstreamId, setup);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(nameof(WhatsAppSetupInput.NumberId), problem.Field);
        Assert.Equal("This number is no longer available; another workstream uses it or it was removed.", problem.Message);
        Assert.Equal(before, await SnapshotAsync(workstreamId));
    }

    [Fact]
    public async Task Invalid_template_among_valid_ones_fails_and_changes_nothing()
    {
        var (workstreamId, setup) = await WorkstreamWithSetupAsync();
        var before = await SnapshotAsync(workstreamId);
        setup.Language = "de";
        setup.Templates[0].Body = "Changed {{1}}";
        setup.Templates.Add(new TemplateInput { Name = "broken", Language = "en", Body = "Hi {{name}}" });

        var result = await SaveAsync(workstreamId, setup);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("Templates[2].Body", problem.Field);
        Assert.Equal("'{{name}}' is not a placeholder: use {{1}}, {{2}} and so on.", problem.Message);
        Assert.Equal(before, await SnapshotAsync(workstreamId));
    }

    [Fact]
    public async Task Database_failure_midway_rolls_back_everything_already_written()
    {
        var (workstreamId, setup) = await WorkstreamWithSetupAsync();
        var before = await SnapshotAsync(workstreamId);
        var removedId = setup.Templates[0].Id!.Value;
        setup.Language = "de";
        setup.Behaviours.GreetingMessage = "Hallo!";
        setup.Templates.RemoveAt(0);
        setup.Templates[0].Body = "Changed {{1}}";
        setup.Templates.Add(new TemplateInput { Name = "fault_injected", Language = "en", Body = "Boom" });

        // The insert of the new template fails, and only once the removed template's DELETE has run, so the
        // failure comes after a write that must be undone.
        var trigger = "test_fault_" + removedId;
        await ExecuteAsync(app.Provider == DatabaseProvider.PostgreSql
            ? $$"""
                CREATE FUNCTION {{trigger}}() RETURNS trigger LANGUAGE plpgsql AS $f$
                BEGIN
                  IF NEW."Name" = 'fault_injected' AND NOT EXISTS (SELECT 1 FROM "Templates" WHERE "Id" = {{removedId}}) THEN
                    RAISE EXCEPTION 'injected fault';
                  END IF;
                  RETURN NEW;
                END $f$;
                CREATE TRIGGER {{trigger}} BEFORE INSERT ON "Templates" FOR EACH ROW EXECUTE FUNCTION {{trigger}}();
                """
            : $"""
                CREATE TRIGGER {trigger} BEFORE INSERT ON Templates
                WHEN NEW.Name = 'fault_injected' AND NOT EXISTS (SELECT 1 FROM Templates WHERE Id = {removedId})
                BEGIN SELECT RAISE(ABORT, 'injected fault'); END;
                """);
        try
        {
            var result = await SaveAsync(workstreamId, setup);

            Assert.False(result.Succeeded, "the injected fault did not fire");
            Assert.Equal("The setup could not be saved because someone changed it meanwhile; reload and try again.", result.FirstMessage);
        }
        finally
        {
            await ExecuteAsync(app.Provider == DatabaseProvider.PostgreSql
                ? $"""DROP TRIGGER {trigger} ON "Templates"; DROP FUNCTION {trigger}();"""
                : $"DROP TRIGGER {trigger};");
        }
        Assert.Equal(before, await SnapshotAsync(workstreamId));
    }

    [Fact]
    public async Task Setup_without_a_fallback_queue_is_refused_at_the_field_and_saves_nothing()
    {
        var (workstreamId, numberId) = await WorkstreamWithNumberAsync();

        var result = await SaveAsync(workstreamId, new WhatsAppSetupInput { NumberId = numberId, Language = "en" });

        var problem = Assert.Single(result.Problems);
        Assert.Equal(nameof(WhatsAppSetupInput.FallbackQueueId), problem.Field);
        Assert.Equal("Choose a fallback queue for conversations no rule matches.", problem.Message);
        await using var db = await app.CreateDbContextAsync();
        Assert.False(await db.WhatsAppSetups.AnyAsync(s => s.WorkstreamId == workstreamId));
    }

    [Fact]
    public async Task Setup_with_a_queue_that_no_longer_exists_is_refused_at_the_field_and_saves_nothing()
    {
        var (workstreamId, numberId) = await WorkstreamWithNumberAsync();
        var queue = await app.AddQueueAsync();
        Assert.True((await app.WithServiceAsync((RoutingService s) => s.DeleteQueueAsync(queue))).Succeeded);

        var result = await SaveAsync(workstreamId, new WhatsAppSetupInput { NumberId = numberId, FallbackQueueId = queue, Language = "en" });

        var problem = Assert.Single(result.Problems);
        Assert.Equal(nameof(WhatsAppSetupInput.FallbackQueueId), problem.Field);
        Assert.Equal("The queue no longer exists.", problem.Message);
        await using var db = await app.CreateDbContextAsync();
        Assert.False(await db.WhatsAppSetups.AnyAsync(s => s.WorkstreamId == workstreamId));
        Assert.Null(await db.Workstreams.Where(w => w.Id == workstreamId).Select(w => w.FallbackQueueId).SingleAsync());
    }

    [Fact]
    public async Task Finished_setup_sets_the_workstreams_fallback_queue_and_reads_it_back()
    {
        var (workstreamId, setup) = await WorkstreamWithSetupAsync();
        var other = await app.AddQueueAsync();
        setup.FallbackQueueId = other;

        var result = await SaveAsync(workstreamId, setup);

        Assert.True(result.Succeeded, result.FirstMessage);
        var details = (await app.WithServiceAsync((WorkstreamService s) => s.GetAsync(workstreamId)))!;
        Assert.Equal(other, details.WhatsApp!.FallbackQueueId);
        Assert.Equal(other, details.Summary.FallbackQueueId);
        Assert.Equal(other, (await app.WithServiceAsync((RoutingService s) => s.GetRoutingAsync(workstreamId))).FallbackQueueId);
    }

    private async Task<(int WorkstreamId, int NumberId)> WorkstreamWithNumberAsync()
    {
        var number = TestData.UniqueNumber();
        var account = await app.WithServiceAsync((AccountService s) => s.CreateAsync(app.NewAccount(number)));
        Assert.True(account.Succeeded, account.FirstMessage);
        var workstream = await app.WithServiceAsync((WorkstreamService s) => s.CreateAsync(new WorkstreamInput { Name = TestData.UniqueName("Workstream") }));
        Assert.True(workstream.Succeeded, workstream.FirstMessage);
        return (workstream.Value, await NumberIdAsync(number));
    }

    /// <summary>A new workstream with WhatsApp set up on a number of its own, a fallback queue and two templates, as saved.</summary>
    private async Task<(int WorkstreamId, WhatsAppSetupInput Setup)> WorkstreamWithSetupAsync()
    {
        var (workstreamId, numberId) = await WorkstreamWithNumberAsync();

        var result = await SaveAsync(workstreamId, new WhatsAppSetupInput
        {
            NumberId = numberId,
            FallbackQueueId = await app.AddQueueAsync(),
            Language = "en",
            Behaviours = new Behaviours { GreetingMessage = "Hello!" },
            Templates =
            [
                new TemplateInput { Name = "welcome", Language = "en", Body = "Welcome {{1}}" },
                new TemplateInput { Name = "follow_up", Language = "en", Body = "Hello {{1}}, about {{2}}" },
            ],
        });
        Assert.True(result.Succeeded, result.FirstMessage);

        var saved = (await app.WithServiceAsync((WorkstreamService s) => s.GetAsync(workstreamId)))!.WhatsApp!;
        saved.Templates = saved.Templates.OrderByDescending(t => t.Name).ToList(); // welcome, follow_up
        return (workstreamId, saved);
    }

    private Task<OmniWhatsApp.Core.Common.Result> SaveAsync(int workstreamId, WhatsAppSetupInput input) =>
        app.WithServiceAsync((WorkstreamService s) => s.SaveWhatsAppSetupAsync(workstreamId, input));

    /// <summary>Everything the setup consists of, as text, for before/after comparison.</summary>
    private async Task<string> SnapshotAsync(int workstreamId)
    {
        var details = await app.WithServiceAsync((WorkstreamService s) => s.GetAsync(workstreamId));
        return JsonSerializer.Serialize(details!.WhatsApp, new JsonSerializerOptions { WriteIndented = true });
    }

    private async Task<int> NumberIdAsync(string number)
    {
        await using var db = await app.CreateDbContextAsync();
        return await db.Numbers.Where(n => n.Number == number && n.RetiredAt == null).Select(n => n.Id).SingleAsync();
    }

    private async Task ExecuteAsync(string statement)
    {
        await using var db = await app.CreateDbContextAsync();
        await using var sql = await Sql.OnAsync(db);
        await sql.ExecuteAsync(statement);
    }
}
