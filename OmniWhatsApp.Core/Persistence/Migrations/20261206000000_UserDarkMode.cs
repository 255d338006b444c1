using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniWhatsApp.Core.Persistence.Migrations;

/// <summary>Each user's colour scheme: dark, light, or null to follow the device.</summary>
[DbContext(typeof(OmniDbContext))]
[Migration("20261206000000_UserDarkMode")]
public sealed class UserDarkMode : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(
            name: "DarkMode",
            table: "AspNetUsers",
            nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "DarkMode", table: "AspNetUsers");
    }
}
