using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniWhatsApp.Core.Accounts;
using OmniWhatsApp.Core.Numbers;

namespace OmniWhatsApp.Core.Persistence.Configurations;

internal sealed class TwilioAccountConfiguration : IEntityTypeConfiguration<TwilioAccount>
{
    public void Configure(EntityTypeBuilder<TwilioAccount> builder)
    {
        builder.ToTable("Accounts");
        builder.Property(a => a.Name).HasMaxLength(100);
        builder.Property(a => a.Channel).HasMaxLength(20);
        builder.Property(a => a.AccountSid).HasMaxLength(34);
        builder.Property(a => a.ProtectedAuthToken).HasMaxLength(1000);
        builder.Property(a => a.AuthTokenHint).HasMaxLength(4);
        builder.HasMany(a => a.Numbers).WithOne(n => n.Account).HasForeignKey(n => n.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WhatsAppNumberConfiguration : IEntityTypeConfiguration<WhatsAppNumber>
{
    public void Configure(EntityTypeBuilder<WhatsAppNumber> builder)
    {
        builder.ToTable("Numbers");
        builder.Property(n => n.DisplayName).HasMaxLength(100);
        builder.Property(n => n.Number).HasMaxLength(16);
        builder.HasIndex(n => n.Number).IsUnique().HasFilter("\"RetiredAt\" IS NULL");
    }
}
