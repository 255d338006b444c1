using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniWhatsApp.Core.QuickReplies;
using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Core.Persistence.Configurations;

internal sealed class AgentStatusConfiguration : IEntityTypeConfiguration<AgentStatus>
{
    public void Configure(EntityTypeBuilder<AgentStatus> builder)
    {
        builder.ToTable("AgentStatuses");
        builder.HasKey(s => s.UserId);
        builder.HasOne(s => s.User).WithOne().HasForeignKey<AgentStatus>(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuickReplyConfiguration : IEntityTypeConfiguration<QuickReply>
{
    public void Configure(EntityTypeBuilder<QuickReply> builder)
    {
        builder.ToTable("QuickReplies");
        builder.Property(q => q.Shortcut).HasMaxLength(40);
        builder.Property(q => q.Text).HasMaxLength(1600);
        builder.HasIndex(q => q.Shortcut).IsUnique();
    }
}
