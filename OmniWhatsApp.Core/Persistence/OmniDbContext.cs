using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Conversations;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Numbers;
using OmniWhatsApp.Core.QuickReplies;
using OmniWhatsApp.Core.Routing;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Users;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Core.Persistence;

/// <summary>
/// The model, shared by both providers. Each provider has its own context type (<see cref="SqliteOmniDbContext"/>,
/// <see cref="PostgreSqlOmniDbContext"/>) so that each has its own generated migrations (docs/decisions/0011);
/// everything else asks for this type.
/// </summary>
public abstract class OmniDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    protected OmniDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<TwilioAccount> Accounts => Set<TwilioAccount>();
    public DbSet<WhatsAppNumber> Numbers => Set<WhatsAppNumber>();
    public DbSet<Workstream> Workstreams => Set<Workstream>();
    public DbSet<WhatsAppSetup> WhatsAppSetups => Set<WhatsAppSetup>();
    public DbSet<MessageTemplate> Templates => Set<MessageTemplate>();
    public DbSet<Queue> Queues => Set<Queue>();
    public DbSet<QueueMember> QueueMembers => Set<QueueMember>();
    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<MessageMedia> Media => Set<MessageMedia>();
    public DbSet<StatusCallbackRecord> StatusCallbacks => Set<StatusCallbackRecord>();
    public DbSet<AgentStatus> AgentStatuses => Set<AgentStatus>();
    public DbSet<QuickReply> QuickReplies => Set<QuickReply>();
    public DbSet<Bots.BotFaqEntry> BotFaqEntries => Set<Bots.BotFaqEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(OmniDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Instants are stored as UTC ticks: every provider can compare and order them (SQLite cannot
        // compare DateTimeOffset text), and the window arithmetic never depends on a stored offset.
        configuration.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configuration.Properties<TimeOnly>().HaveConversion<TimeOnlyMinutesConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

    private sealed class TimeOnlyMinutesConverter() : ValueConverter<TimeOnly, int>(
        value => value.Hour * 60 + value.Minute,
        minutes => new TimeOnly(minutes / 60, minutes % 60));

    /// <summary>
    /// Saves; false when the database refused the change (a unique index lost a race with another request that
    /// saved the same name or number meanwhile). The caller answers with the same message as its own check.
    /// </summary>
    public async Task<bool> TrySaveChangesAsync(CancellationToken ct = default)
    {
        try
        {
            await SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}
