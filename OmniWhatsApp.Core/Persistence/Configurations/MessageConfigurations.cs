using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniWhatsApp.Core.Messages;

namespace OmniWhatsApp.Core.Persistence.Configurations;

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("Messages");
        builder.Property(m => m.Body).HasMaxLength(4096);
        builder.Property(m => m.TwilioSid).HasMaxLength(34);
        builder.Property(m => m.ErrorMessage).HasMaxLength(500);
        builder.Property(m => m.TemplateValues).HasMaxLength(4096);
        builder.Property(m => m.ContentSid).HasMaxLength(34);
        builder.Property(m => m.LocationLabel).HasMaxLength(MessageLocation.MaxTextLength);
        builder.Property(m => m.LocationAddress).HasMaxLength(MessageLocation.MaxTextLength);
        builder.Ignore(m => m.Location);
        builder.Property(m => m.QuotedSid).HasMaxLength(34);
        builder.Property(m => m.ChoiceId).HasMaxLength(1000);
        builder.Property(m => m.ChoiceTitle).HasMaxLength(256);
        builder.Property(m => m.RichContent).HasMaxLength(16000);
        builder.Property(m => m.ContactName).HasMaxLength(200);
        builder.Property(m => m.ContactPhone).HasMaxLength(40);
        builder.HasOne(m => m.ReplyTo).WithMany().HasForeignKey(m => m.ReplyToMessageId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(m => m.Conversation).WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Author).WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(m => m.Media).WithOne(x => x.Message).HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
        // A retried webhook or a reconciled send finds the message by its SID, and stores it only once.
        builder.HasIndex(m => m.TwilioSid).IsUnique();
        builder.HasIndex(m => new { m.ConversationId, m.Id });
        builder.HasIndex(m => new { m.Dispatch, m.NextAttemptAt });
    }
}

internal sealed class MessageMediaConfiguration : IEntityTypeConfiguration<MessageMedia>
{
    public void Configure(EntityTypeBuilder<MessageMedia> builder)
    {
        builder.ToTable("MessageMedia");
        builder.Property(m => m.ContentType).HasMaxLength(100);
        builder.Property(m => m.SourceUrl).HasMaxLength(1000);
        builder.Property(m => m.FileName).HasMaxLength(255);
        builder.Property(m => m.StoragePath).HasMaxLength(500);
        builder.Property(m => m.Error).HasMaxLength(500);
        builder.HasIndex(m => new { m.State, m.NextAttemptAt });
    }
}

internal sealed class StatusCallbackRecordConfiguration : IEntityTypeConfiguration<StatusCallbackRecord>
{
    public void Configure(EntityTypeBuilder<StatusCallbackRecord> builder)
    {
        builder.ToTable("StatusCallbacks");
        builder.Property(s => s.MessageSid).HasMaxLength(34);
        builder.Property(s => s.Status).HasMaxLength(20);
        builder.HasIndex(s => new { s.MessageSid, s.Status }).IsUnique();
        // Pending callbacks past their lifetime are found and removed by this.
        builder.HasIndex(s => new { s.Applied, s.ReceivedAt });
    }
}
