using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniWhatsApp.Core.Persistence.Migrations;

/// <summary>
/// The templates a WhatsApp channel sends instead of its closing message and its survey when the customer's 24-hour
/// window is closed (by name; null: skip them then). Column types are left to the provider.
/// </summary>
[DbContext(typeof(OmniDbContext))]
[Migration("20261122000000_AutomatedMessageTemplates")]
public sealed class AutomatedMessageTemplates : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: "ConversationClosedTemplate",
            table: "WhatsAppSetups",
            maxLength: 100,
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "SurveyTemplate",
            table: "WhatsAppSetups",
            maxLength: 100,
            nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "SurveyTemplate", table: "WhatsAppSetups");
        migrationBuilder.DropColumn(name: "ConversationClosedTemplate", table: "WhatsAppSetups");
    }
}
