using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OmniWhatsApp.Core.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Bots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BotFallback",
                table: "WhatsAppSetups",
                type: "character varying(1600)",
                maxLength: 1600,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BotGreeting",
                table: "WhatsAppSetups",
                type: "character varying(1600)",
                maxLength: 1600,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BotHandoffAfterMisses",
                table: "WhatsAppSetups",
                type: "integer",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<string>(
                name: "BotHandoffWords",
                table: "WhatsAppSetups",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "agent, temsilci, оператор");

            migrationBuilder.AddColumn<int>(
                name: "BotMode",
                table: "WhatsAppSetups",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "BotProtectedSecret",
                table: "WhatsAppSetups",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BotSecretHint",
                table: "WhatsAppSetups",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BotTimeoutSeconds",
                table: "WhatsAppSetups",
                type: "integer",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<string>(
                name: "BotUrl",
                table: "WhatsAppSetups",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BotMisses",
                table: "Conversations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "BotSeenMessageId",
                table: "Conversations",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "BotSince",
                table: "Conversations",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BotFaqEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkstreamId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Phrases = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Answer = table.Column<string>(type: "character varying(1600)", maxLength: 1600, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BotFaqEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BotFaqEntries_Workstreams_WorkstreamId",
                        column: x => x.WorkstreamId,
                        principalTable: "Workstreams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BotFaqEntries_WorkstreamId_Position",
                table: "BotFaqEntries",
                columns: new[] { "WorkstreamId", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BotFaqEntries");

            migrationBuilder.DropColumn(
                name: "BotFallback",
                table: "WhatsAppSetups");

            migrationBuilder.DropColumn(
                name: "BotGreeting",
                table: "WhatsAppSetups");

            migrationBuilder.DropColumn(
                name: "BotHandoffAfterMisses",
                table: "WhatsAppSetups");

            migrationBuilder.DropColumn(
                name: "BotHandoffWords",
                table: "WhatsAppSetups");

            migrationBuilder.DropColumn(
                name: "BotMode",
                table: "WhatsAppSetups");

            migrationBuilder.DropColumn(
                name: "BotProtectedSecret",
                table: "WhatsAppSetups");

            migrationBuilder.DropColumn(
                name: "BotSecretHint",
                table: "WhatsAppSetups");

            migrationBuilder.DropColumn(
                name: "BotTimeoutSeconds",
                table: "WhatsAppSetups");

            migrationBuilder.DropColumn(
                name: "BotUrl",
                table: "WhatsAppSetups");

            migrationBuilder.DropColumn(
                name: "BotMisses",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "BotSeenMessageId",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "BotSince",
                table: "Conversations");
        }
    }
}
