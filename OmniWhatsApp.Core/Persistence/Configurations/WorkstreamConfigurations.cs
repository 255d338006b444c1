using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniWhatsApp.Core.Bots;
using OmniWhatsApp.Core.Templates;
using OmniWhatsApp.Core.Workstreams;

namespace OmniWhatsApp.Core.Persistence.Configurations;

internal sealed class WorkstreamConfiguration : IEntityTypeConfiguration<Workstream>
{
    public void Configure(EntityTypeBuilder<Workstream> builder)
    {
        builder.ToTable("Workstreams");
        builder.Property(w => w.Name).HasMaxLength(100);
        builder.HasIndex(w => w.Name).IsUnique();
        builder.HasOne(w => w.FallbackQueue).WithMany().HasForeignKey(w => w.FallbackQueueId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(w => w.WhatsApp).WithOne().HasForeignKey<WhatsAppSetup>(s => s.WorkstreamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(w => w.Templates).WithOne(t => t.Workstream).HasForeignKey(t => t.WorkstreamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(w => w.RoutingRules).WithOne(r => r.Workstream).HasForeignKey(r => r.WorkstreamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(w => w.BotFaq).WithOne(e => e.Workstream).HasForeignKey(e => e.WorkstreamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WhatsAppSetupConfiguration : IEntityTypeConfiguration<WhatsAppSetup>
{
    public void Configure(EntityTypeBuilder<WhatsAppSetup> builder)
    {
        builder.ToTable("WhatsAppSetups");
        builder.HasKey(s => s.WorkstreamId);
        builder.Property(s => s.Language).HasMaxLength(10);
        // A number serves at most one workstream: the database says so too, not only the wizard.
        builder.HasIndex(s => s.NumberId).IsUnique();
        builder.HasOne(s => s.Number).WithMany().HasForeignKey(s => s.NumberId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsOne(s => s.Behaviours, b =>
        {
            b.Property(x => x.GreetingMessage).HasColumnName("GreetingMessage").HasMaxLength(1600);
            b.Property(x => x.AgentAssignedMessage).HasColumnName("AgentAssignedMessage").HasMaxLength(1600);
            b.Property(x => x.ConversationClosedMessage).HasColumnName("ConversationClosedMessage").HasMaxLength(1600);
            b.Property(x => x.OutsideBusinessHoursMessage).HasColumnName("OutsideBusinessHoursMessage").HasMaxLength(1600);
            b.Property(x => x.ConversationClosedTemplate).HasColumnName("ConversationClosedTemplate").HasMaxLength(100);
            b.Property(x => x.BusinessHoursStart).HasColumnName("BusinessHoursStart");
            b.Property(x => x.BusinessHoursEnd).HasColumnName("BusinessHoursEnd");
            b.Property(x => x.BusinessDays).HasColumnName("BusinessDays");
            b.Property(x => x.TimeZoneId).HasColumnName("TimeZoneId").HasMaxLength(64);
            b.Property(x => x.SurveyEnabled).HasColumnName("SurveyEnabled");
            b.Property(x => x.SurveyText).HasColumnName("SurveyText").HasMaxLength(1600);
            b.Property(x => x.SurveyTemplate).HasColumnName("SurveyTemplate").HasMaxLength(100);
            b.Property(x => x.AttachmentsEnabled).HasColumnName("AttachmentsEnabled");
            b.Property(x => x.CustomersCanSendAttachments).HasColumnName("CustomersCanSendAttachments");
            b.Property(x => x.AgentsCanSendAttachments).HasColumnName("AgentsCanSendAttachments");
            b.Property(x => x.AttachmentsRefusedMessage).HasColumnName("AttachmentsRefusedMessage").HasMaxLength(1600);
        });
        builder.Navigation(s => s.Behaviours).IsRequired();
        // Channels set up before the bot get these defaults (bot off); a database made from the model has them too.
        builder.OwnsOne(s => s.Bot, b =>
        {
            b.Property(x => x.Mode).HasColumnName("BotMode").HasDefaultValue(BotMode.Off);
            b.Property(x => x.Greeting).HasColumnName("BotGreeting").HasMaxLength(1600);
            b.Property(x => x.Fallback).HasColumnName("BotFallback").HasMaxLength(1600);
            b.Property(x => x.HandoffWords).HasColumnName("BotHandoffWords").HasMaxLength(1000).HasDefaultValue(BotSettings.DefaultHandoffWords);
            b.Property(x => x.HandoffAfterMisses).HasColumnName("BotHandoffAfterMisses").HasDefaultValue(BotSettings.DefaultHandoffAfterMisses);
            b.Property(x => x.ExternalUrl).HasColumnName("BotUrl").HasMaxLength(500);
            b.Property(x => x.ProtectedSecret).HasColumnName("BotProtectedSecret").HasMaxLength(2000);
            b.Property(x => x.SecretHint).HasColumnName("BotSecretHint").HasMaxLength(4);
            b.Property(x => x.TimeoutSeconds).HasColumnName("BotTimeoutSeconds").HasDefaultValue(BotSettings.DefaultTimeoutSeconds);
        });
        builder.Navigation(s => s.Bot).IsRequired();
    }
}

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.ToTable("Templates");
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Language).HasMaxLength(10);
        builder.Property(t => t.Body).HasMaxLength(1600);
        builder.Property(t => t.ContentSid).HasMaxLength(34);
        builder.Property(t => t.SampleValues).HasMaxLength(4000);
        builder.Property(t => t.Definition).HasMaxLength(16000);
        builder.Property(t => t.RejectionReason).HasMaxLength(1000);
        // Rows from before the template studio get these defaults; a database made from the model has them too.
        builder.Property(t => t.ContentType).HasDefaultValue(RichContentType.Text);
        builder.Property(t => t.Approval).HasDefaultValue(TemplateApproval.Unknown);
        builder.HasIndex(t => new { t.WorkstreamId, t.Name, t.Language }).IsUnique();
    }
}

internal sealed class BotFaqEntryConfiguration : IEntityTypeConfiguration<BotFaqEntry>
{
    public void Configure(EntityTypeBuilder<BotFaqEntry> builder)
    {
        builder.ToTable("BotFaqEntries");
        builder.Property(e => e.Language).HasMaxLength(10);
        builder.Property(e => e.Phrases).HasMaxLength(2000);
        builder.Property(e => e.Answer).HasMaxLength(1600);
        builder.HasIndex(e => new { e.WorkstreamId, e.Position });
    }
}
