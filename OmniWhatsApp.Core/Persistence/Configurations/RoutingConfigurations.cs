using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniWhatsApp.Core.Routing;

namespace OmniWhatsApp.Core.Persistence.Configurations;

internal sealed class QueueConfiguration : IEntityTypeConfiguration<Queue>
{
    public void Configure(EntityTypeBuilder<Queue> builder)
    {
        builder.ToTable("Queues");
        builder.Property(q => q.Name).HasMaxLength(100);
        builder.HasIndex(q => q.Name).IsUnique();
        builder.HasMany(q => q.Members).WithOne(m => m.Queue).HasForeignKey(m => m.QueueId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QueueMemberConfiguration : IEntityTypeConfiguration<QueueMember>
{
    public void Configure(EntityTypeBuilder<QueueMember> builder)
    {
        builder.ToTable("QueueMembers");
        builder.HasKey(m => new { m.QueueId, m.UserId });
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoutingRuleConfiguration : IEntityTypeConfiguration<RoutingRule>
{
    public void Configure(EntityTypeBuilder<RoutingRule> builder)
    {
        builder.ToTable("RoutingRules");
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.Language).HasMaxLength(10);
        builder.Property(r => r.Keywords).HasMaxLength(500);
        builder.Property(r => r.Payloads).HasMaxLength(500);
        builder.HasOne(r => r.Number).WithMany().HasForeignKey(r => r.NumberId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(r => r.Queue).WithMany().HasForeignKey(r => r.QueueId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.WorkstreamId, r.Order });
    }
}
