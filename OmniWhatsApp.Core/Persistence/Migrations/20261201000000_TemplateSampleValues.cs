using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniWhatsApp.Core.Persistence.Migrations;

/// <summary>
/// Twilio's example value per placeholder of a template imported from the Content API (JSON, null for templates typed
/// in the product). Column types are left to the provider.
/// </summary>
[DbContext(typeof(OmniDbContext))]
[Migration("20261201000000_TemplateSampleValues")]
public sealed class TemplateSampleValues : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: "SampleValues",
            table: "Templates",
            maxLength: 4000,
            nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "SampleValues", table: "Templates");
    }
}
