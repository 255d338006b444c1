using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniWhatsApp.Core.Conversations;

namespace OmniWhatsApp.Core.Persistence.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("Customers");
        builder.Property(c => c.Phone).HasMaxLength(16);
        builder.Property(c => c.ProfileName).HasMaxLength(200);
        builder.HasIndex(c => c.Phone).IsUnique();
    }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("Conversations");
        builder.Property(c => c.Language).HasMaxLength(10);
        builder.HasOne(c => c.Customer).WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Number).WithMany().HasForeignKey(c => c.NumberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Workstream).WithMany().HasForeignKey(c => c.WorkstreamId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(c => c.Queue).WithMany().HasForeignKey(c => c.QueueId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(c => c.AssignedAgent).WithMany().HasForeignKey(c => c.AssignedAgentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => new { c.NumberId, c.CustomerId, c.Status });
        // An agent's inbox and the load distribution counts.
        builder.HasIndex(c => new { c.AssignedAgentId, c.Status });
        // Waiting lists per queue (oldest first) and the dashboard's per-queue counts.
        builder.HasIndex(c => new { c.Status, c.QueueId, c.QueuedAt });
        // Auto-close: a workstream's open conversations by last activity.
        builder.HasIndex(c => new { c.WorkstreamId, c.Status, c.LastMessageAt });
        // The dashboard's "window closes within the hour".
        builder.HasIndex(c => new { c.Status, c.WindowEndsAt });
        // Conversations whose greeting is still to be dealt with: a handful at any time.
        builder.HasIndex(c => c.GreetedAt).HasFilter("\"GreetedAt\" IS NULL");
        builder.Property(c => c.BotMisses).HasDefaultValue(0);
    }
}
