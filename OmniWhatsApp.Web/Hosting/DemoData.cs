using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.Persistence;
using OmniWhatsApp.Core.QuickReplies;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Security;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Web.Emulator;

namespace OmniWhatsApp.Web.Hosting;

/// <summary>
/// Development-only demo set: one user per role and a channel connected to the built-in emulator (account,
/// number, workstream, queue with the demo agent, two templates, two quick replies), so a fresh clone can be explored at once.
/// The templates are two of the emulator's approved Content templates, with their Content SIDs (as an admin copies
/// them from Twilio's console), so they are delivered after the 24-hour window too. The emulator learns where to post
/// the demo number's messages when the app has started (<see cref="Core.Accounts.SenderWebhooks"/>).
/// </summary>
public sealed class DemoData(
    UserManager<AppUser> users,
    IDbContextFactory<OmniDbContext> dbFactory,
    SecretProtector secrets,
    IOptions<EmulatorOptions> emulator,
    TimeProvider clock,
    ILogger<DemoData> logger)
{
    public sealed record DemoUser(string Email, string Password, string DisplayName, string Role);

    public static readonly DemoUser Admin = new("admin@demo.local", "Admin#2026", "Ada Admin", Roles.Admin);
    public static readonly DemoUser Supervisor = new("supervisor@demo.local", "Supervisor#2026", "Sam Supervisor", Roles.Supervisor);
    public static readonly DemoUser Agent = new("agent@demo.local", "Agent#2026", "Alex Agent", Roles.Agent);
    public static readonly IReadOnlyList<DemoUser> Users = [Admin, Supervisor, Agent];

    public const string DemoNumber = "+14155238886";

    /// <summary>The demo queue: the demo workstream's fallback queue, with the demo agent in it.</summary>
    public const string DemoQueue = "General support";

    /// <summary>The quick replies agents find by typing "/" in the composer.</summary>
    public static readonly IReadOnlyList<QuickReplySummary> QuickReplies =
    [
        new(0, "order-number", "Could you send me your order number? I will check it right away."),
        new(0, "thanks", "Thank you for your patience! Is there anything else I can help you with?"),
    ];

    public async Task SeedAsync()
    {
        if (await users.Users.AnyAsync()) return;

        var ids = new Dictionary<string, string>();
        foreach (var demo in Users)
        {
            var user = new AppUser { UserName = demo.Email, Email = demo.Email, EmailConfirmed = true, DisplayName = demo.DisplayName, Capacity = 3 };
            var created = await users.CreateAsync(user, demo.Password);
            if (!created.Succeeded) throw new InvalidOperationException($"Demo user {demo.Email}: {created.Errors.First().Description}");
            await users.AddToRoleAsync(user, demo.Role);
            ids[demo.Email] = user.Id;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var queue = new Queue { Name = DemoQueue, Members = [new QueueMember { QueueId = 0, UserId = ids[Agent.Email] }] };
        var number = new WhatsAppNumber { DisplayName = "Support line", Number = DemoNumber };
        var account = new TwilioAccount
        {
            Id = Guid.NewGuid(),
            Name = "Demo (emulator)",
            AccountSid = emulator.Value.AccountSid,
            ProtectedAuthToken = secrets.Protect(emulator.Value.AuthToken),
            AuthTokenHint = SecretProtector.HintOf(emulator.Value.AuthToken),
            CreatedAt = clock.GetUtcNow(),
            Numbers = [number],
        };
        var workstream = new Workstream
        {
            Name = "Customer support",
            DistributionMode = DistributionMode.Push,
            CapacityPerConversation = 1,
            AutoCloseAfterMinutes = 24 * 60,
            FallbackQueue = queue,
            WhatsApp = new WhatsAppSetup
            {
                Number = number,
                Language = "en",
                Behaviours = new Behaviours
                {
                    GreetingMessage = "Hi! Thanks for contacting us. An agent will be with you shortly.",
                    AgentAssignedMessage = "You are now chatting with one of our agents.",
                    ConversationClosedMessage = "This conversation is now closed. Write again any time.",
                    AttachmentsEnabled = true,
                    CustomersCanSendAttachments = true,
                    AgentsCanSendAttachments = true,
                },
            },
            Templates =
            [
                .. EmulatorContentCatalogue.All
                    .Where(t => t.Sid is EmulatorContentCatalogue.AppointmentReminderSid or EmulatorContentCatalogue.OrderUpdateSid)
                    .Select(t => new MessageTemplate
                    {
                        Name = t.FriendlyName,
                        Language = t.Language,
                        Body = t.Body,
                        ContentSid = t.Sid,
                        SampleValues = TemplatePlaceholders.SamplesToJson(t.Variables),
                        // As the emulator's catalogue has them: approved utility templates.
                        Category = TemplateApprovals.ParseCategory(t.Category),
                        Approval = TemplateApprovals.Parse(t.ApprovalStatus) ?? TemplateApproval.Unknown,
                    }),
            ],
        };
        db.AddRange(account, queue, workstream);
        db.QuickReplies.AddRange(QuickReplies.Select(q => new QuickReply { Shortcut = q.Shortcut, Text = q.Text }));
        await db.SaveChangesAsync();
        logger.LogInformation("Demo data seeded: {Users} users, account {AccountSid}, number {Number}", Users.Count, account.AccountSid, number.Number);
    }
}
