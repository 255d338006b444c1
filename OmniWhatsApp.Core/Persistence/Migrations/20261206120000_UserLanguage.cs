using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniWhatsApp.Core.Persistence.Migrations;

/// <summary>Each user's console language ("en", "tr", "ru"), or null to follow their browser.</summary>
[DbContext(typeof(OmniDbContext))]
[Migration("20261206120000_UserLanguage")]
public sealed class UserLanguage : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: "Language",
            table: "AspNetUsers",
            maxLength: 8,
            nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "Language", table: "AspNetUsers");
    }
}
