using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Core.Common;
using OmniWhatsApp.Core.Security;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Bots;

/// <summary>An admin configures a channel's bot: on the workstream page (its own save) or in the setup wizard (with the rest).</summary>
[Collection(AppCollection.Name)]
[Trait("Storage", "Both")]
public sealed class BotSetupServiceTests(AppHost app)
{
    private const string Secret = "s3cret-for-the-bot-7f2a";

    [Fact]
    public async Task FAQ_bot_is_saved_with_its_entries_in_order_and_a_second_save_replaces_them()
    {
        var workstreamId = await WorkstreamWithWhatsAppAsync();
        var input = FaqBot("opening hours, when are you open", "iade, geri ödeme", "доставка");

        Succeeded(await SaveAsync(workstreamId, input));

        var saved = await BotAsync(workstreamId);
        Assert.Equal(BotMode.Faq, saved.Mode);
        Assert.Equal(("Hello!", "I'll connect you with a colleague.", "agent, temsilci, оператор", 3), (saved.Greeting, saved.Fallback, saved.HandoffWords, saved.HandoffAfterMisses));
        Assert.Equal(["en: opening hours, when are you open", "tr: iade, geri ödeme", "ru: доставка"], saved.Entries.Select(e => $"{e.Language}: {e.Phrases}"));

        // Moved, one removed, one added: the stored list is exactly the new one, in its order.
        input.Entries = [input.Entries[2], input.Entries[0], new BotFaqEntryInput { Language = "en", Phrases = "price", Answer = "See our price list." }];
        Succeeded(await SaveAsync(workstreamId, input));

        await using var db = await app.CreateDbContextAsync();
        var rows = await db.BotFaqEntries.Where(e => e.WorkstreamId == workstreamId).OrderBy(e => e.Position).ToListAsync();
        Assert.Equal(["0 ru: доставка", "1 en: opening hours, when are you open", "2 en: price"], rows.Select(e => $"{e.Position} {e.Language}: {e.Phrases}"));
    }

    [Fact]
    public async Task External_bot_secret_is_stored_encrypted_and_kept_when_left_blank()
    {
        var workstreamId = await WorkstreamWithWhatsAppAsync();

        Succeeded(await SaveAsync(workstreamId, new BotSettingsInput { Mode = BotMode.External, ExternalUrl = "https://bot.example.com/hook", Secret = Secret, TimeoutSeconds = 5 }));

        var stored = await StoredAsync(workstreamId);
        Assert.NotNull(stored.ProtectedSecret);
        Assert.DoesNotContain(Secret, stored.ProtectedSecret);
        Assert.Equal(Secret, app.GetRequiredService<SecretProtector>().Unprotect(stored.ProtectedSecret));
        Assert.Equal(("https://bot.example.com/hook", "7f2a", 5), (stored.ExternalUrl, stored.SecretHint, stored.TimeoutSeconds));

        // Read back for editing: the hint, never the secret; saving with the field left blank keeps it.
        var edit = await BotAsync(workstreamId);
        Assert.Equal(((string?)null, "7f2a"), (edit.Secret, edit.SavedSecretHint));
        edit.ExternalUrl = "https://bot.example.com/v2";
        Succeeded(await SaveAsync(workstreamId, edit));

        var kept = await StoredAsync(workstreamId);
        Assert.Equal(("https://bot.example.com/v2", stored.ProtectedSecret), (kept.ExternalUrl, kept.ProtectedSecret));
        Assert.DoesNotContain(app.Logs, e => e.Message.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task External_bot_without_a_saved_secret_is_refused_even_when_the_form_claims_one()
    {
        var workstreamId = await WorkstreamWithWhatsAppAsync();
        var before = await SnapshotAsync(workstreamId);

        var result = await SaveAsync(workstreamId, new BotSettingsInput { Mode = BotMode.External, ExternalUrl = "https://bot.example.com/hook", SavedSecretHint = "abcd" });

        var problem = Assert.Single(result.Problems);
        Assert.Equal((nameof(BotSettingsInput.Secret), "Enter a shared secret of at least 16 characters."), (problem.Field, problem.Message));
        Assert.Equal(before, await SnapshotAsync(workstreamId));
    }

    [Fact]
    public async Task Only_admins_may_change_the_bot()
    {
        var workstreamId = await WorkstreamWithWhatsAppAsync();
        var before = await SnapshotAsync(workstreamId);

        var supervisor = await app.SupervisorAsync();
        var result = await app.WithServiceAsync((BotSetupService s) => s.SaveAsync(workstreamId, FaqBot("hours"), supervisor));

        Assert.Equal("Only admins can change a channel's bot.", result.FirstMessage);
        Assert.Equal(before, await SnapshotAsync(workstreamId));
    }

    [Fact]
    public async Task Bad_input_is_refused_at_its_field_and_changes_nothing()
    {
        var workstreamId = await WorkstreamWithWhatsAppAsync();
        Succeeded(await SaveAsync(workstreamId, FaqBot("hours", "prices")));
        var before = await SnapshotAsync(workstreamId);

        var input = FaqBot("delivery", "returns");
        input.Greeting = "Changed";
        input.Entries[1].Answer = new string('ж', 1601);
        var result = await SaveAsync(workstreamId, input);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("Entries[1].Answer", "Use at most 1600 characters."), (problem.Field, problem.Message));
        Assert.Equal(before, await SnapshotAsync(workstreamId));
    }

    [Fact]
    public async Task Switching_modes_keeps_the_other_modes_settings_for_when_the_admin_switches_back()
    {
        var workstreamId = await WorkstreamWithWhatsAppAsync();
        Succeeded(await SaveAsync(workstreamId, FaqBot("hours", "prices")));
        Succeeded(await SaveAsync(workstreamId, new BotSettingsInput { Mode = BotMode.External, ExternalUrl = "https://bot.example.com/hook", Secret = Secret }));

        Succeeded(await SaveAsync(workstreamId, new BotSettingsInput { Mode = BotMode.Off }));

        var saved = await BotAsync(workstreamId);
        Assert.Equal(BotMode.Off, saved.Mode);
        Assert.Equal(["hours", "prices"], saved.Entries.Select(e => e.Phrases));
        Assert.Equal(("https://bot.example.com/hook", "7f2a"), (saved.ExternalUrl, saved.SavedSecretHint));
    }

    [Fact]
    public async Task A_workstream_without_WhatsApp_has_no_bot_to_set()
    {
        var workstream = await app.WithServiceAsync((WorkstreamService s) => s.CreateAsync(new WorkstreamInput { Name = TestData.UniqueName("Workstream") }));

        var result = await SaveAsync(workstream.Value, FaqBot("hours"));

        Assert.Equal("Set up WhatsApp on this workstream first: the bot answers on its WhatsApp channel.", result.FirstMessage);
        await using var db = await app.CreateDbContextAsync();
        Assert.False(await db.BotFaqEntries.AnyAsync(e => e.WorkstreamId == workstream.Value));
    }

    [Fact]
    public async Task The_wizard_saves_the_bot_with_the_rest_of_the_setup_and_a_setup_without_one_leaves_it_alone()
    {
        var (workstreamId, numberId) = await WorkstreamWithNumberAsync();
        var setup = new WhatsAppSetupInput { NumberId = numberId, FallbackQueueId = await app.AddQueueAsync(), Language = "tr", Bot = FaqBot("saatler") };

        Succeeded(await app.WithServiceAsync((WorkstreamService s) => s.SaveWhatsAppSetupAsync(workstreamId, setup)));
        Assert.Equal(["saatler"], (await BotAsync(workstreamId)).Entries.Select(e => e.Phrases));

        // A caller that does not know of bots (Bot null) changes the rest and leaves the bot as it was.
        setup.Bot = null;
        setup.Behaviours.GreetingMessage = "Merhaba";
        Succeeded(await app.WithServiceAsync((WorkstreamService s) => s.SaveWhatsAppSetupAsync(workstreamId, setup)));
        var bot = await BotAsync(workstreamId);
        Assert.Equal((BotMode.Faq, 1), (bot.Mode, bot.Entries.Count));
    }

    [Fact]
    public async Task The_wizards_bot_problems_name_their_field_under_Bot_and_nothing_of_the_setup_is_saved()
    {
        var (workstreamId, numberId) = await WorkstreamWithNumberAsync();
        var setup = new WhatsAppSetupInput
        {
            NumberId = numberId, FallbackQueueId = await app.AddQueueAsync(), Language = "en",
            Bot = new BotSettingsInput { Mode = BotMode.External, ExternalUrl = "https://bot.example.com/hook", SavedSecretHint = "abcd" },
        };

        var result = await app.WithServiceAsync((WorkstreamService s) => s.SaveWhatsAppSetupAsync(workstreamId, setup));

        Assert.Equal(["Bot.Secret"], result.Problems.Select(p => p.Field));
        await using var db = await app.CreateDbContextAsync();
        Assert.False(await db.WhatsAppSetups.AnyAsync(s => s.WorkstreamId == workstreamId));
    }

    private static void Succeeded(Result result) => Assert.True(result.Succeeded, result.FirstMessage);

    private static BotSettingsInput FaqBot(params string[] phrases) => new()
    {
        Mode = BotMode.Faq,
        Greeting = "Hello!",
        Fallback = "I'll connect you with a colleague.",
        HandoffAfterMisses = 3,
        Entries = phrases.Select(p => new BotFaqEntryInput
        {
            Language = p.Any(c => c is >= 'а' and <= 'я') ? "ru" : p.Contains('ö') ? "tr" : "en",
            Phrases = p,
            Answer = $"About {p}.",
        }).ToList(),
    };

    private async Task<Result> SaveAsync(int workstreamId, BotSettingsInput input)
    {
        var admin = await app.AdminAsync();
        return await app.WithServiceAsync((BotSetupService s) => s.SaveAsync(workstreamId, input, admin));
    }

    private async Task<BotSettingsInput> BotAsync(int workstreamId) =>
        (await app.WithServiceAsync((WorkstreamService s) => s.GetAsync(workstreamId)))!.WhatsApp!.Bot!;

    private async Task<BotSettings> StoredAsync(int workstreamId)
    {
        await using var db = await app.CreateDbContextAsync();
        return await db.WhatsAppSetups.AsNoTracking().Where(s => s.WorkstreamId == workstreamId).Select(s => s.Bot).SingleAsync();
    }

    /// <summary>The bot as stored (secret included), as text, for before/after comparison.</summary>
    private async Task<string> SnapshotAsync(int workstreamId)
    {
        await using var db = await app.CreateDbContextAsync();
        var bot = await db.WhatsAppSetups.AsNoTracking().Where(s => s.WorkstreamId == workstreamId).Select(s => s.Bot).SingleAsync();
        var entries = await db.BotFaqEntries.AsNoTracking().Where(e => e.WorkstreamId == workstreamId).OrderBy(e => e.Position)
            .Select(e => new { e.Position, e.Language, e.Phrases, e.Answer }).ToListAsync();
        return JsonSerializer.Serialize(new { bot, entries });
    }

    private async Task<int> WorkstreamWithWhatsAppAsync()
    {
        var (workstreamId, numberId) = await WorkstreamWithNumberAsync();
        var result = await app.WithServiceAsync(async (WorkstreamService s) =>
            await s.SaveWhatsAppSetupAsync(workstreamId, new WhatsAppSetupInput { NumberId = numberId, FallbackQueueId = await app.AddQueueAsync(), Language = "en" }));
        Succeeded(result);
        return workstreamId;
    }

    private async Task<(int WorkstreamId, int NumberId)> WorkstreamWithNumberAsync()
    {
        var number = TestData.UniqueNumber();
        var account = await app.WithServiceAsync((AccountService s) => s.CreateAsync(app.NewAccount(number)));
        Assert.True(account.Succeeded, account.FirstMessage);
        var workstream = await app.WithServiceAsync((WorkstreamService s) => s.CreateAsync(new WorkstreamInput { Name = TestData.UniqueName("Workstream") }));
        Assert.True(workstream.Succeeded, workstream.FirstMessage);
        await using var db = await app.CreateDbContextAsync();
        return (workstream.Value, await db.Numbers.Where(n => n.Number == number && n.RetiredAt == null).Select(n => n.Id).SingleAsync());
    }
}
