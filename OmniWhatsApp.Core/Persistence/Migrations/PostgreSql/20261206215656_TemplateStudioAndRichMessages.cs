using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OmniWhatsApp.Core.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TemplateStudioAndRichMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Approval",
                table: "Templates",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "ApprovalChangedAt",
                table: "Templates",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ApprovalCheckedAt",
                table: "Templates",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Category",
                table: "Templates",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ContentType",
                table: "Templates",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Definition",
                table: "Templates",
                type: "character varying(16000)",
                maxLength: 16000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RejectionReason",
                table: "Templates",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RemovedAtTwilioAt",
                table: "Templates",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Payloads",
                table: "RoutingRules",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ChoiceId",
                table: "Messages",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ChoiceTitle",
                table: "Messages",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactName",
                table: "Messages",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactPhone",
                table: "Messages",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "QuotedSid",
                table: "Messages",
                type: "character varying(34)",
                maxLength: 34,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReplyToMessageId",
                table: "Messages",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RichContent",
                table: "Messages",
                type: "character varying(16000)",
                maxLength: 16000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ReplyToMessageId",
                table: "Messages",
                column: "ReplyToMessageId");

            migrationBuilder.AddForeignKey(
                name: "FK_Messages_Messages_ReplyToMessageId",
                table: "Messages",
                column: "ReplyToMessageId",
                principalTable: "Messages",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Messages_Messages_ReplyToMessageId",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_ReplyToMessageId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "Approval",
                table: "Templates");

            migrationBuilder.DropColumn(
                name: "ApprovalChangedAt",
                table: "Templates");

            migrationBuilder.DropColumn(
                name: "ApprovalCheckedAt",
                table: "Templates");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "Templates");

            migrationBuilder.DropColumn(
                name: "ContentType",
                table: "Templates");

            migrationBuilder.DropColumn(
                name: "Definition",
                table: "Templates");

            migrationBuilder.DropColumn(
                name: "RejectionReason",
                table: "Templates");

            migrationBuilder.DropColumn(
                name: "RemovedAtTwilioAt",
                table: "Templates");

            migrationBuilder.DropColumn(
                name: "Payloads",
                table: "RoutingRules");

            migrationBuilder.DropColumn(
                name: "ChoiceId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ChoiceTitle",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ContactName",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ContactPhone",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "QuotedSid",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ReplyToMessageId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "RichContent",
                table: "Messages");
        }
    }
}
