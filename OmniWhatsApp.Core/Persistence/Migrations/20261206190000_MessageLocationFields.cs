using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniWhatsApp.Core.Persistence.Migrations;

/// <summary>
/// A location a customer shared, as its own fields (coordinates, the place's name and address) instead of a line of
/// text in the body. Locations stored before keep their text body. Column types are left to the provider.
/// </summary>
[DbContext(typeof(OmniDbContext))]
[Migration("20261206190000_MessageLocationFields")]
public sealed class MessageLocationFields : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<double>(name: "Latitude", table: "Messages", nullable: true);
        migrationBuilder.AddColumn<double>(name: "Longitude", table: "Messages", nullable: true);
        migrationBuilder.AddColumn<string>(name: "LocationLabel", table: "Messages", maxLength: 1000, nullable: true);
        migrationBuilder.AddColumn<string>(name: "LocationAddress", table: "Messages", maxLength: 1000, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "Latitude", table: "Messages");
        migrationBuilder.DropColumn(name: "Longitude", table: "Messages");
        migrationBuilder.DropColumn(name: "LocationLabel", table: "Messages");
        migrationBuilder.DropColumn(name: "LocationAddress", table: "Messages");
    }
}
