using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OmniWhatsApp.Core.Persistence.Migrations;

/// <summary>
/// Accounts, numbers, workstreams with their WhatsApp setup and templates, queues, routing rules, customers,
/// conversations and ASP.NET Core Identity. Column types are left to the provider so the same migration serves
/// SQLite and PostgreSQL.
/// </summary>
[DbContext(typeof(OmniDbContext))]
[Migration("20261121000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Accounts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Channel = table.Column<string>(maxLength: 20, nullable: false),
                AccountSid = table.Column<string>(maxLength: 34, nullable: false),
                ProtectedAuthToken = table.Column<string>(maxLength: 1000, nullable: false),
                AuthTokenHint = table.Column<string>(maxLength: 4, nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                DeletedAt = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Accounts", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "AspNetRoles",
            columns: table => new
            {
                Id = table.Column<string>(nullable: false),
                Name = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedName = table.Column<string>(maxLength: 256, nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoles", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUsers",
            columns: table => new
            {
                Id = table.Column<string>(nullable: false),
                DisplayName = table.Column<string>(maxLength: 100, nullable: false),
                Capacity = table.Column<int>(nullable: false),
                UserName = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedUserName = table.Column<string>(maxLength: 256, nullable: true),
                Email = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedEmail = table.Column<string>(maxLength: 256, nullable: true),
                EmailConfirmed = table.Column<bool>(nullable: false),
                PasswordHash = table.Column<string>(nullable: true),
                SecurityStamp = table.Column<string>(nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
                PhoneNumber = table.Column<string>(nullable: true),
                PhoneNumberConfirmed = table.Column<bool>(nullable: false),
                TwoFactorEnabled = table.Column<bool>(nullable: false),
                LockoutEnd = table.Column<long>(nullable: true),
                LockoutEnabled = table.Column<bool>(nullable: false),
                AccessFailedCount = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUsers", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Customers",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Phone = table.Column<string>(maxLength: 16, nullable: false),
                ProfileName = table.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Customers", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Queues",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Name = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Queues", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "QuickReplies",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Shortcut = table.Column<string>(maxLength: 40, nullable: false),
                Text = table.Column<string>(maxLength: 1600, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_QuickReplies", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "StatusCallbacks",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                MessageSid = table.Column<string>(maxLength: 34, nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                ErrorCode = table.Column<int>(nullable: true),
                ReceivedAt = table.Column<long>(nullable: false),
                Applied = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_StatusCallbacks", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Numbers",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                AccountId = table.Column<Guid>(nullable: false),
                DisplayName = table.Column<string>(maxLength: 100, nullable: false),
                Number = table.Column<string>(maxLength: 16, nullable: false),
                RetiredAt = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Numbers", x => x.Id);
                table.ForeignKey(
                    name: "FK_Numbers_Accounts_AccountId",
                    column: x => x.AccountId,
                    principalTable: "Accounts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "AspNetRoleClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                RoleId = table.Column<string>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                table.ForeignKey(
                    name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                    column: x => x.RoleId,
                    principalTable: "AspNetRoles",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AgentStatuses",
            columns: table => new
            {
                UserId = table.Column<string>(nullable: false),
                Presence = table.Column<int>(nullable: false),
                Preferred = table.Column<int>(nullable: false),
                ChangedAt = table.Column<long>(nullable: false),
                DisconnectedAt = table.Column<long>(nullable: true),
                LastAssignedAt = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AgentStatuses", x => x.UserId);
                table.ForeignKey(
                    name: "FK_AgentStatuses_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<string>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                table.ForeignKey(
                    name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserLogins",
            columns: table => new
            {
                LoginProvider = table.Column<string>(nullable: false),
                ProviderKey = table.Column<string>(nullable: false),
                ProviderDisplayName = table.Column<string>(nullable: true),
                UserId = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                table.ForeignKey(
                    name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserRoles",
            columns: table => new
            {
                UserId = table.Column<string>(nullable: false),
                RoleId = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                table.ForeignKey(
                    name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                    column: x => x.RoleId,
                    principalTable: "AspNetRoles",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserTokens",
            columns: table => new
            {
                UserId = table.Column<string>(nullable: false),
                LoginProvider = table.Column<string>(nullable: false),
                Name = table.Column<string>(nullable: false),
                Value = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                table.ForeignKey(
                    name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "QueueMembers",
            columns: table => new
            {
                QueueId = table.Column<int>(nullable: false),
                UserId = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_QueueMembers", x => new { x.QueueId, x.UserId });
                table.ForeignKey(
                    name: "FK_QueueMembers_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_QueueMembers_Queues_QueueId",
                    column: x => x.QueueId,
                    principalTable: "Queues",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Workstreams",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                DistributionMode = table.Column<int>(nullable: false),
                CapacityPerConversation = table.Column<int>(nullable: false),
                AutoCloseAfterMinutes = table.Column<int>(nullable: false),
                FallbackQueueId = table.Column<int>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Workstreams", x => x.Id);
                table.ForeignKey(
                    name: "FK_Workstreams_Queues_FallbackQueueId",
                    column: x => x.FallbackQueueId,
                    principalTable: "Queues",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "Conversations",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CustomerId = table.Column<int>(nullable: false),
                NumberId = table.Column<int>(nullable: false),
                WorkstreamId = table.Column<int>(nullable: true),
                QueueId = table.Column<int>(nullable: true),
                AssignedAgentId = table.Column<string>(nullable: true),
                Status = table.Column<int>(nullable: false),
                Language = table.Column<string>(maxLength: 10, nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
                LastInboundAt = table.Column<long>(nullable: true),
                WindowEndsAt = table.Column<long>(nullable: true),
                LastMessageAt = table.Column<long>(nullable: false),
                LastOutboundAt = table.Column<long>(nullable: true),
                QueuedAt = table.Column<long>(nullable: true),
                AssignedAt = table.Column<long>(nullable: true),
                LastReadMessageId = table.Column<long>(nullable: true),
                ClosedAt = table.Column<long>(nullable: true),
                GreetedAt = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Conversations", x => x.Id);
                table.ForeignKey(
                    name: "FK_Conversations_AspNetUsers_AssignedAgentId",
                    column: x => x.AssignedAgentId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_Conversations_Customers_CustomerId",
                    column: x => x.CustomerId,
                    principalTable: "Customers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Conversations_Numbers_NumberId",
                    column: x => x.NumberId,
                    principalTable: "Numbers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Conversations_Queues_QueueId",
                    column: x => x.QueueId,
                    principalTable: "Queues",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_Conversations_Workstreams_WorkstreamId",
                    column: x => x.WorkstreamId,
                    principalTable: "Workstreams",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "RoutingRules",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                WorkstreamId = table.Column<int>(nullable: false),
                Order = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                NumberId = table.Column<int>(nullable: true),
                Language = table.Column<string>(maxLength: 10, nullable: true),
                Keywords = table.Column<string>(maxLength: 500, nullable: true),
                QueueId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RoutingRules", x => x.Id);
                table.ForeignKey(
                    name: "FK_RoutingRules_Numbers_NumberId",
                    column: x => x.NumberId,
                    principalTable: "Numbers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_RoutingRules_Queues_QueueId",
                    column: x => x.QueueId,
                    principalTable: "Queues",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_RoutingRules_Workstreams_WorkstreamId",
                    column: x => x.WorkstreamId,
                    principalTable: "Workstreams",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Templates",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                WorkstreamId = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Language = table.Column<string>(maxLength: 10, nullable: false),
                Body = table.Column<string>(maxLength: 1600, nullable: false),
                ContentSid = table.Column<string>(maxLength: 34, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Templates", x => x.Id);
                table.ForeignKey(
                    name: "FK_Templates_Workstreams_WorkstreamId",
                    column: x => x.WorkstreamId,
                    principalTable: "Workstreams",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "WhatsAppSetups",
            columns: table => new
            {
                WorkstreamId = table.Column<int>(nullable: false),
                NumberId = table.Column<int>(nullable: false),
                Language = table.Column<string>(maxLength: 10, nullable: false),
                GreetingMessage = table.Column<string>(maxLength: 1600, nullable: true),
                AgentAssignedMessage = table.Column<string>(maxLength: 1600, nullable: true),
                ConversationClosedMessage = table.Column<string>(maxLength: 1600, nullable: true),
                OutsideBusinessHoursMessage = table.Column<string>(maxLength: 1600, nullable: true),
                BusinessHoursStart = table.Column<int>(nullable: true),
                BusinessHoursEnd = table.Column<int>(nullable: true),
                BusinessDays = table.Column<int>(nullable: false),
                TimeZoneId = table.Column<string>(maxLength: 64, nullable: false),
                SurveyEnabled = table.Column<bool>(nullable: false),
                SurveyText = table.Column<string>(maxLength: 1600, nullable: true),
                AttachmentsEnabled = table.Column<bool>(nullable: false),
                CustomersCanSendAttachments = table.Column<bool>(nullable: false),
                AgentsCanSendAttachments = table.Column<bool>(nullable: false),
                AttachmentsRefusedMessage = table.Column<string>(maxLength: 1600, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WhatsAppSetups", x => x.WorkstreamId);
                table.ForeignKey(
                    name: "FK_WhatsAppSetups_Numbers_NumberId",
                    column: x => x.NumberId,
                    principalTable: "Numbers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_WhatsAppSetups_Workstreams_WorkstreamId",
                    column: x => x.WorkstreamId,
                    principalTable: "Workstreams",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Messages",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConversationId = table.Column<int>(nullable: false),
                Direction = table.Column<int>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                Body = table.Column<string>(maxLength: 4096, nullable: true),
                TwilioSid = table.Column<string>(maxLength: 34, nullable: true),
                Status = table.Column<int>(nullable: false),
                ErrorCode = table.Column<int>(nullable: true),
                ErrorMessage = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
                StatusAt = table.Column<long>(nullable: true),
                AuthorId = table.Column<string>(nullable: true),
                TemplateId = table.Column<int>(nullable: true),
                TemplateValues = table.Column<string>(maxLength: 4096, nullable: true),
                ContentSid = table.Column<string>(maxLength: 34, nullable: true),
                Dispatch = table.Column<int>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                NextAttemptAt = table.Column<long>(nullable: true),
                AttemptStartedAt = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Messages", x => x.Id);
                table.ForeignKey(
                    name: "FK_Messages_AspNetUsers_AuthorId",
                    column: x => x.AuthorId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_Messages_Conversations_ConversationId",
                    column: x => x.ConversationId,
                    principalTable: "Conversations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "MessageMedia",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                MessageId = table.Column<long>(nullable: false),
                Index = table.Column<int>(nullable: false),
                ContentType = table.Column<string>(maxLength: 100, nullable: false),
                SourceUrl = table.Column<string>(maxLength: 1000, nullable: true),
                FileName = table.Column<string>(maxLength: 255, nullable: true),
                Size = table.Column<long>(nullable: true),
                StoragePath = table.Column<string>(maxLength: 500, nullable: true),
                State = table.Column<int>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                NextAttemptAt = table.Column<long>(nullable: true),
                Error = table.Column<string>(maxLength: 500, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MessageMedia", x => x.Id);
                table.ForeignKey(
                    name: "FK_MessageMedia_Messages_MessageId",
                    column: x => x.MessageId,
                    principalTable: "Messages",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_AspNetRoleClaims_RoleId",
            table: "AspNetRoleClaims",
            column: "RoleId");

        migrationBuilder.CreateIndex(
            name: "RoleNameIndex",
            table: "AspNetRoles",
            column: "NormalizedName",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUserClaims_UserId",
            table: "AspNetUserClaims",
            column: "UserId");

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUserLogins_UserId",
            table: "AspNetUserLogins",
            column: "UserId");

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUserRoles_RoleId",
            table: "AspNetUserRoles",
            column: "RoleId");

        migrationBuilder.CreateIndex(
            name: "EmailIndex",
            table: "AspNetUsers",
            column: "NormalizedEmail");

        migrationBuilder.CreateIndex(
            name: "UserNameIndex",
            table: "AspNetUsers",
            column: "NormalizedUserName",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Conversations_AssignedAgentId_Status",
            table: "Conversations",
            columns: new[] { "AssignedAgentId", "Status" });

        migrationBuilder.CreateIndex(
            name: "IX_Conversations_CustomerId",
            table: "Conversations",
            column: "CustomerId");

        migrationBuilder.CreateIndex(
            name: "IX_Conversations_GreetedAt",
            table: "Conversations",
            column: "GreetedAt",
            filter: "\"GreetedAt\" IS NULL");

        migrationBuilder.CreateIndex(
            name: "IX_Conversations_NumberId_CustomerId_Status",
            table: "Conversations",
            columns: new[] { "NumberId", "CustomerId", "Status" });

        migrationBuilder.CreateIndex(
            name: "IX_Conversations_QueueId",
            table: "Conversations",
            column: "QueueId");

        migrationBuilder.CreateIndex(
            name: "IX_Conversations_Status_QueueId_QueuedAt",
            table: "Conversations",
            columns: new[] { "Status", "QueueId", "QueuedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Conversations_Status_WindowEndsAt",
            table: "Conversations",
            columns: new[] { "Status", "WindowEndsAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Conversations_WorkstreamId_Status_LastMessageAt",
            table: "Conversations",
            columns: new[] { "WorkstreamId", "Status", "LastMessageAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Customers_Phone",
            table: "Customers",
            column: "Phone",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_MessageMedia_MessageId",
            table: "MessageMedia",
            column: "MessageId");

        migrationBuilder.CreateIndex(
            name: "IX_MessageMedia_State_NextAttemptAt",
            table: "MessageMedia",
            columns: new[] { "State", "NextAttemptAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Messages_AuthorId",
            table: "Messages",
            column: "AuthorId");

        migrationBuilder.CreateIndex(
            name: "IX_Messages_ConversationId_Id",
            table: "Messages",
            columns: new[] { "ConversationId", "Id" });

        migrationBuilder.CreateIndex(
            name: "IX_Messages_Dispatch_NextAttemptAt",
            table: "Messages",
            columns: new[] { "Dispatch", "NextAttemptAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Messages_TwilioSid",
            table: "Messages",
            column: "TwilioSid",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Numbers_AccountId",
            table: "Numbers",
            column: "AccountId");

        migrationBuilder.CreateIndex(
            name: "IX_Numbers_Number",
            table: "Numbers",
            column: "Number",
            unique: true,
            filter: "\"RetiredAt\" IS NULL");

        migrationBuilder.CreateIndex(
            name: "IX_QueueMembers_UserId",
            table: "QueueMembers",
            column: "UserId");

        migrationBuilder.CreateIndex(
            name: "IX_Queues_Name",
            table: "Queues",
            column: "Name",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_QuickReplies_Shortcut",
            table: "QuickReplies",
            column: "Shortcut",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_RoutingRules_NumberId",
            table: "RoutingRules",
            column: "NumberId");

        migrationBuilder.CreateIndex(
            name: "IX_RoutingRules_QueueId",
            table: "RoutingRules",
            column: "QueueId");

        migrationBuilder.CreateIndex(
            name: "IX_RoutingRules_WorkstreamId_Order",
            table: "RoutingRules",
            columns: new[] { "WorkstreamId", "Order" });

        migrationBuilder.CreateIndex(
            name: "IX_StatusCallbacks_MessageSid_Status",
            table: "StatusCallbacks",
            columns: new[] { "MessageSid", "Status" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Templates_WorkstreamId_Name_Language",
            table: "Templates",
            columns: new[] { "WorkstreamId", "Name", "Language" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_WhatsAppSetups_NumberId",
            table: "WhatsAppSetups",
            column: "NumberId",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Workstreams_FallbackQueueId",
            table: "Workstreams",
            column: "FallbackQueueId");

        migrationBuilder.CreateIndex(
            name: "IX_Workstreams_Name",
            table: "Workstreams",
            column: "Name",
            unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "MessageMedia");
        migrationBuilder.DropTable(name: "Messages");
        migrationBuilder.DropTable(name: "WhatsAppSetups");
        migrationBuilder.DropTable(name: "Templates");
        migrationBuilder.DropTable(name: "RoutingRules");
        migrationBuilder.DropTable(name: "Conversations");
        migrationBuilder.DropTable(name: "Workstreams");
        migrationBuilder.DropTable(name: "QueueMembers");
        migrationBuilder.DropTable(name: "AspNetUserTokens");
        migrationBuilder.DropTable(name: "AspNetUserRoles");
        migrationBuilder.DropTable(name: "AspNetUserLogins");
        migrationBuilder.DropTable(name: "AspNetUserClaims");
        migrationBuilder.DropTable(name: "AgentStatuses");
        migrationBuilder.DropTable(name: "AspNetRoleClaims");
        migrationBuilder.DropTable(name: "Numbers");
        migrationBuilder.DropTable(name: "StatusCallbacks");
        migrationBuilder.DropTable(name: "QuickReplies");
        migrationBuilder.DropTable(name: "Queues");
        migrationBuilder.DropTable(name: "Customers");
        migrationBuilder.DropTable(name: "AspNetUsers");
        migrationBuilder.DropTable(name: "AspNetRoles");
        migrationBuilder.DropTable(name: "Accounts");
    }
}
