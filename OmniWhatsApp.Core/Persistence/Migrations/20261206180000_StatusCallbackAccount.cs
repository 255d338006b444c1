using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniWhatsApp.Core.Persistence.Migrations;

/// <summary>
/// The account whose callback URL a status callback came on (null for the ones stored before), and an index by which
/// callbacks still waiting for their message after 24 hours are found and removed.
/// </summary>
[DbContext(typeof(OmniDbContext))]
[Migration("20261206180000_StatusCallbackAccount")]
public sealed class StatusCallbackAccount : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>(
            name: "AccountId",
            table: "StatusCallbacks",
            nullable: true);

        migrationBuilder.CreateIndex(
            name: "IX_StatusCallbacks_Applied_ReceivedAt",
            table: "StatusCallbacks",
            columns: new[] { "Applied", "ReceivedAt" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_StatusCallbacks_Applied_ReceivedAt", table: "StatusCallbacks");
        migrationBuilder.DropColumn(name: "AccountId", table: "StatusCallbacks");
    }
}
