-- A SQLite database made by the hand-written migrations (20261121000000_Initial to 20261206190000_MessageLocationFields),
-- seeded with the Development demo data and one conversation with two messages; the output of sqlite3's .dump.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY,
    "Timestamp" TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);
INSERT INTO __EFMigrationsHistory VALUES('20261121000000_Initial','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261122000000_AutomatedMessageTemplates','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261201000000_TemplateSampleValues','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261206000000_UserDarkMode','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261206120000_UserLanguage','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261206180000_StatusCallbackAccount','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261206190000_MessageLocationFields','10.0.14');
CREATE TABLE IF NOT EXISTS "Accounts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Accounts" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "AccountSid" TEXT NOT NULL,
    "ProtectedAuthToken" TEXT NOT NULL,
    "AuthTokenHint" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "DeletedAt" INTEGER NULL
);
INSERT INTO Accounts VALUES('A4317423-0EDE-44BB-81F0-8E42BE5E8DEB','Demo (emulator)','WhatsApp','AC0e5a7d1c9b3f48e6a2d4c8b1f7e3a9d5','CfDJ8Oe-duP23wxMkGyOZdVhDNN07g97qXuzwWmissQaTyT_huHyZbrVWKJ-QIg_AaNxslEFnHV6-ZOl3yNEzxHT4ddeR4mzYktc28tEaK0XAkMJhQmw3EeC5XQ4lrWYryADcFyQVskxaLttVVpTCNo0bSKQqC4HARmlzSeKXTzO6US1','5c2f',639321695451638652,NULL);
CREATE TABLE IF NOT EXISTS "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);
INSERT INTO AspNetRoles VALUES('bba67fd6-d654-4210-9626-a58e4db3f0ba','Admin','ADMIN','f52a866b-4363-43ae-a0ff-c0b7e4beec18');
INSERT INTO AspNetRoles VALUES('33d41bb8-86ff-4090-96e2-1947cf220e47','Supervisor','SUPERVISOR','b7d92c65-c7f2-437f-a28e-d73a94aea36a');
INSERT INTO AspNetRoles VALUES('68472c8a-5fd1-44e7-a409-b1359f2b0629','Agent','AGENT','86612fae-9e1e-4972-b24c-5bac00c324e5');
CREATE TABLE IF NOT EXISTS "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "Capacity" INTEGER NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
, "DarkMode" INTEGER NULL, "Language" TEXT NULL);
INSERT INTO AspNetUsers VALUES('d7ae4e0a-645c-4d47-9e68-65c6197a7d03','Ada Admin',3,'admin@demo.local','ADMIN@DEMO.LOCAL','admin@demo.local','ADMIN@DEMO.LOCAL',1,'AQAAAAIAAYagAAAAEPARwASYEyj6yrF5M0Iu8IfecBbqHapVkIJwvZnU/xsgXEN1saVrm/8Tuq29uRjmOw==','OMLQNUEK6AJXLM253K2VLTXAYMTVYEVR','283d5be9-9f67-4aaa-8d62-eba49519f249',NULL,0,0,NULL,1,0,NULL,NULL);
INSERT INTO AspNetUsers VALUES('cd754686-4438-4950-89db-4ac7b83dc6ce','Sam Supervisor',3,'supervisor@demo.local','SUPERVISOR@DEMO.LOCAL','supervisor@demo.local','SUPERVISOR@DEMO.LOCAL',1,'AQAAAAIAAYagAAAAEF/HcIzn1VH1Nh6+uc4g939BYrIHHlYAIMIjoHOHHqWWeTaCzVy4xk3K38oVMwm74g==','3NGV7DGIJJ4WJTYUDIOAPKNXLQXSB5YP','2389fbc6-2bc9-402a-ac96-c3b85156a2d7',NULL,0,0,NULL,1,0,NULL,NULL);
INSERT INTO AspNetUsers VALUES('bc6fdc00-aab8-49f4-a908-676db1536719','Alex Agent',3,'agent@demo.local','AGENT@DEMO.LOCAL','agent@demo.local','AGENT@DEMO.LOCAL',1,'AQAAAAIAAYagAAAAEJSeXxevuoCZB0wkEQKRRTv9zG0LRBa9tor05lQ859Q9m8UC6VQvQI/00Bk9A4pwkg==','M4NQ3D4UTUUT4LKC7HJOBSAPVIOGADT2','62fc08c3-7136-4b7d-a5a1-fe1aea6da939',NULL,0,0,NULL,1,0,NULL,NULL);
CREATE TABLE IF NOT EXISTS "Customers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Customers" PRIMARY KEY AUTOINCREMENT,
    "Phone" TEXT NOT NULL,
    "ProfileName" TEXT NULL
);
INSERT INTO Customers VALUES(1,'+905551112233','Ayşe Yılmaz');
CREATE TABLE IF NOT EXISTS "Queues" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Queues" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL
);
INSERT INTO Queues VALUES(1,'General support');
CREATE TABLE IF NOT EXISTS "QuickReplies" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_QuickReplies" PRIMARY KEY AUTOINCREMENT,
    "Shortcut" TEXT NOT NULL,
    "Text" TEXT NOT NULL
);
INSERT INTO QuickReplies VALUES(1,'order-number','Could you send me your order number? I will check it right away.');
INSERT INTO QuickReplies VALUES(2,'thanks','Thank you for your patience! Is there anything else I can help you with?');
CREATE TABLE IF NOT EXISTS "StatusCallbacks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StatusCallbacks" PRIMARY KEY AUTOINCREMENT,
    "MessageSid" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "ErrorCode" INTEGER NULL,
    "ReceivedAt" INTEGER NOT NULL,
    "Applied" INTEGER NOT NULL
, "AccountId" TEXT NULL);
CREATE TABLE IF NOT EXISTS "Numbers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Numbers" PRIMARY KEY AUTOINCREMENT,
    "AccountId" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "Number" TEXT NOT NULL,
    "RetiredAt" INTEGER NULL,
    CONSTRAINT "FK_Numbers_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE RESTRICT
);
INSERT INTO Numbers VALUES(1,'A4317423-0EDE-44BB-81F0-8E42BE5E8DEB','Support line','+14155238886',NULL);
CREATE TABLE IF NOT EXISTS "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AgentStatuses" (
    "UserId" TEXT NOT NULL CONSTRAINT "PK_AgentStatuses" PRIMARY KEY,
    "Presence" INTEGER NOT NULL,
    "Preferred" INTEGER NOT NULL,
    "ChangedAt" INTEGER NOT NULL,
    "DisconnectedAt" INTEGER NULL,
    "LastAssignedAt" INTEGER NULL,
    CONSTRAINT "FK_AgentStatuses_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
INSERT INTO AspNetUserRoles VALUES('d7ae4e0a-645c-4d47-9e68-65c6197a7d03','bba67fd6-d654-4210-9626-a58e4db3f0ba');
INSERT INTO AspNetUserRoles VALUES('cd754686-4438-4950-89db-4ac7b83dc6ce','33d41bb8-86ff-4090-96e2-1947cf220e47');
INSERT INTO AspNetUserRoles VALUES('bc6fdc00-aab8-49f4-a908-676db1536719','68472c8a-5fd1-44e7-a409-b1359f2b0629');
CREATE TABLE IF NOT EXISTS "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "QueueMembers" (
    "QueueId" INTEGER NOT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_QueueMembers" PRIMARY KEY ("QueueId", "UserId"),
    CONSTRAINT "FK_QueueMembers_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_QueueMembers_Queues_QueueId" FOREIGN KEY ("QueueId") REFERENCES "Queues" ("Id") ON DELETE CASCADE
);
INSERT INTO QueueMembers VALUES(1,'bc6fdc00-aab8-49f4-a908-676db1536719');
CREATE TABLE IF NOT EXISTS "Workstreams" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Workstreams" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "DistributionMode" INTEGER NOT NULL,
    "CapacityPerConversation" INTEGER NOT NULL,
    "AutoCloseAfterMinutes" INTEGER NOT NULL,
    "FallbackQueueId" INTEGER NULL,
    CONSTRAINT "FK_Workstreams_Queues_FallbackQueueId" FOREIGN KEY ("FallbackQueueId") REFERENCES "Queues" ("Id") ON DELETE SET NULL
);
INSERT INTO Workstreams VALUES(1,'Customer support',0,1,1440,1);
CREATE TABLE IF NOT EXISTS "Conversations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Conversations" PRIMARY KEY AUTOINCREMENT,
    "CustomerId" INTEGER NOT NULL,
    "NumberId" INTEGER NOT NULL,
    "WorkstreamId" INTEGER NULL,
    "QueueId" INTEGER NULL,
    "AssignedAgentId" TEXT NULL,
    "Status" INTEGER NOT NULL,
    "Language" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "LastInboundAt" INTEGER NULL,
    "WindowEndsAt" INTEGER NULL,
    "LastMessageAt" INTEGER NOT NULL,
    "LastOutboundAt" INTEGER NULL,
    "QueuedAt" INTEGER NULL,
    "AssignedAt" INTEGER NULL,
    "LastReadMessageId" INTEGER NULL,
    "ClosedAt" INTEGER NULL,
    "GreetedAt" INTEGER NULL,
    CONSTRAINT "FK_Conversations_AspNetUsers_AssignedAgentId" FOREIGN KEY ("AssignedAgentId") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Conversations_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Conversations_Numbers_NumberId" FOREIGN KEY ("NumberId") REFERENCES "Numbers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Conversations_Queues_QueueId" FOREIGN KEY ("QueueId") REFERENCES "Queues" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Conversations_Workstreams_WorkstreamId" FOREIGN KEY ("WorkstreamId") REFERENCES "Workstreams" ("Id") ON DELETE SET NULL
);
INSERT INTO Conversations VALUES(1,1,1,1,1,'bc6fdc00-aab8-49f4-a908-676db1536719',1,'tr',639320616000000000,639320616000000000,639321480000000000,639320619000000000,639320619000000000,639320616000000000,639320616600000000,NULL,NULL,639320616000000000);
CREATE TABLE IF NOT EXISTS "RoutingRules" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RoutingRules" PRIMARY KEY AUTOINCREMENT,
    "WorkstreamId" INTEGER NOT NULL,
    "Order" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "NumberId" INTEGER NULL,
    "Language" TEXT NULL,
    "Keywords" TEXT NULL,
    "QueueId" INTEGER NOT NULL,
    CONSTRAINT "FK_RoutingRules_Numbers_NumberId" FOREIGN KEY ("NumberId") REFERENCES "Numbers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_RoutingRules_Queues_QueueId" FOREIGN KEY ("QueueId") REFERENCES "Queues" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_RoutingRules_Workstreams_WorkstreamId" FOREIGN KEY ("WorkstreamId") REFERENCES "Workstreams" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "Templates" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Templates" PRIMARY KEY AUTOINCREMENT,
    "WorkstreamId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Language" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "ContentSid" TEXT NULL, "SampleValues" TEXT NULL,
    CONSTRAINT "FK_Templates_Workstreams_WorkstreamId" FOREIGN KEY ("WorkstreamId") REFERENCES "Workstreams" ("Id") ON DELETE CASCADE
);
INSERT INTO Templates VALUES(1,1,'order_update','en','Hi {{1}}, your order {{2}} is on its way and should arrive on {{3}}.','HX3f1c9e2a7b5d4c8e9a0b1c2d3e4f5a6b','{"1":"Sarah","2":"#1042","3":"Friday"}');
INSERT INTO Templates VALUES(2,1,'appointment_reminder','en','Hello {{1}}, this is a reminder of your appointment on {{2}}. Reply YES to confirm or NO to choose another time.','HX7a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d','{"1":"Sarah","2":"12 May at 10:30"}');
CREATE TABLE IF NOT EXISTS "WhatsAppSetups" (
    "WorkstreamId" INTEGER NOT NULL CONSTRAINT "PK_WhatsAppSetups" PRIMARY KEY,
    "NumberId" INTEGER NOT NULL,
    "Language" TEXT NOT NULL,
    "GreetingMessage" TEXT NULL,
    "AgentAssignedMessage" TEXT NULL,
    "ConversationClosedMessage" TEXT NULL,
    "OutsideBusinessHoursMessage" TEXT NULL,
    "BusinessHoursStart" INTEGER NULL,
    "BusinessHoursEnd" INTEGER NULL,
    "BusinessDays" INTEGER NOT NULL,
    "TimeZoneId" TEXT NOT NULL,
    "SurveyEnabled" INTEGER NOT NULL,
    "SurveyText" TEXT NULL,
    "AttachmentsEnabled" INTEGER NOT NULL,
    "CustomersCanSendAttachments" INTEGER NOT NULL,
    "AgentsCanSendAttachments" INTEGER NOT NULL,
    "AttachmentsRefusedMessage" TEXT NULL, "ConversationClosedTemplate" TEXT NULL, "SurveyTemplate" TEXT NULL,
    CONSTRAINT "FK_WhatsAppSetups_Numbers_NumberId" FOREIGN KEY ("NumberId") REFERENCES "Numbers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_WhatsAppSetups_Workstreams_WorkstreamId" FOREIGN KEY ("WorkstreamId") REFERENCES "Workstreams" ("Id") ON DELETE CASCADE
);
INSERT INTO WhatsAppSetups VALUES(1,1,'en','Hi! Thanks for contacting us. An agent will be with you shortly.','You are now chatting with one of our agents.','This conversation is now closed. Write again any time.',NULL,NULL,NULL,31,'UTC',0,NULL,1,1,1,NULL,NULL,NULL);
CREATE TABLE IF NOT EXISTS "Messages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Messages" PRIMARY KEY AUTOINCREMENT,
    "ConversationId" INTEGER NOT NULL,
    "Direction" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Body" TEXT NULL,
    "TwilioSid" TEXT NULL,
    "Status" INTEGER NOT NULL,
    "ErrorCode" INTEGER NULL,
    "ErrorMessage" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "StatusAt" INTEGER NULL,
    "AuthorId" TEXT NULL,
    "TemplateId" INTEGER NULL,
    "TemplateValues" TEXT NULL,
    "ContentSid" TEXT NULL,
    "Dispatch" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NULL,
    "AttemptStartedAt" INTEGER NULL, "Latitude" REAL NULL, "Longitude" REAL NULL, "LocationLabel" TEXT NULL, "LocationAddress" TEXT NULL,
    CONSTRAINT "FK_Messages_AspNetUsers_AuthorId" FOREIGN KEY ("AuthorId") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Messages_Conversations_ConversationId" FOREIGN KEY ("ConversationId") REFERENCES "Conversations" ("Id") ON DELETE CASCADE
);
INSERT INTO Messages VALUES(1,1,0,0,NULL,'SM00000000000000000000000000000001',0,NULL,NULL,639320616000000000,NULL,NULL,NULL,NULL,NULL,0,0,NULL,NULL,41.008200000000002206,28.978400000000000603,'Sultanahmet','Istanbul');
INSERT INTO Messages VALUES(2,1,1,0,'Merhaba, nasıl yardımcı olabilirim?','SM00000000000000000000000000000002',4,NULL,NULL,639320619000000000,639320619000000000,'bc6fdc00-aab8-49f4-a908-676db1536719',NULL,NULL,NULL,0,0,NULL,NULL,NULL,NULL,NULL,NULL);
CREATE TABLE IF NOT EXISTS "MessageMedia" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MessageMedia" PRIMARY KEY AUTOINCREMENT,
    "MessageId" INTEGER NOT NULL,
    "Index" INTEGER NOT NULL,
    "ContentType" TEXT NOT NULL,
    "SourceUrl" TEXT NULL,
    "FileName" TEXT NULL,
    "Size" INTEGER NULL,
    "StoragePath" TEXT NULL,
    "State" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NULL,
    "Error" TEXT NULL,
    CONSTRAINT "FK_MessageMedia_Messages_MessageId" FOREIGN KEY ("MessageId") REFERENCES "Messages" ("Id") ON DELETE CASCADE
);
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('Queues',1);
INSERT INTO sqlite_sequence VALUES('QuickReplies',2);
INSERT INTO sqlite_sequence VALUES('Numbers',1);
INSERT INTO sqlite_sequence VALUES('Workstreams',1);
INSERT INTO sqlite_sequence VALUES('Templates',2);
INSERT INTO sqlite_sequence VALUES('Customers',1);
INSERT INTO sqlite_sequence VALUES('Conversations',1);
INSERT INTO sqlite_sequence VALUES('Messages',2);
CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");
CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");
CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");
CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");
CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");
CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");
CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");
CREATE INDEX "IX_Conversations_AssignedAgentId_Status" ON "Conversations" ("AssignedAgentId", "Status");
CREATE INDEX "IX_Conversations_CustomerId" ON "Conversations" ("CustomerId");
CREATE INDEX "IX_Conversations_GreetedAt" ON "Conversations" ("GreetedAt") WHERE "GreetedAt" IS NULL;
CREATE INDEX "IX_Conversations_NumberId_CustomerId_Status" ON "Conversations" ("NumberId", "CustomerId", "Status");
CREATE INDEX "IX_Conversations_QueueId" ON "Conversations" ("QueueId");
CREATE INDEX "IX_Conversations_Status_QueueId_QueuedAt" ON "Conversations" ("Status", "QueueId", "QueuedAt");
CREATE INDEX "IX_Conversations_Status_WindowEndsAt" ON "Conversations" ("Status", "WindowEndsAt");
CREATE INDEX "IX_Conversations_WorkstreamId_Status_LastMessageAt" ON "Conversations" ("WorkstreamId", "Status", "LastMessageAt");
CREATE UNIQUE INDEX "IX_Customers_Phone" ON "Customers" ("Phone");
CREATE INDEX "IX_MessageMedia_MessageId" ON "MessageMedia" ("MessageId");
CREATE INDEX "IX_MessageMedia_State_NextAttemptAt" ON "MessageMedia" ("State", "NextAttemptAt");
CREATE INDEX "IX_Messages_AuthorId" ON "Messages" ("AuthorId");
CREATE INDEX "IX_Messages_ConversationId_Id" ON "Messages" ("ConversationId", "Id");
CREATE INDEX "IX_Messages_Dispatch_NextAttemptAt" ON "Messages" ("Dispatch", "NextAttemptAt");
CREATE UNIQUE INDEX "IX_Messages_TwilioSid" ON "Messages" ("TwilioSid");
CREATE INDEX "IX_Numbers_AccountId" ON "Numbers" ("AccountId");
CREATE UNIQUE INDEX "IX_Numbers_Number" ON "Numbers" ("Number") WHERE "RetiredAt" IS NULL;
CREATE INDEX "IX_QueueMembers_UserId" ON "QueueMembers" ("UserId");
CREATE UNIQUE INDEX "IX_Queues_Name" ON "Queues" ("Name");
CREATE UNIQUE INDEX "IX_QuickReplies_Shortcut" ON "QuickReplies" ("Shortcut");
CREATE INDEX "IX_RoutingRules_NumberId" ON "RoutingRules" ("NumberId");
CREATE INDEX "IX_RoutingRules_QueueId" ON "RoutingRules" ("QueueId");
CREATE INDEX "IX_RoutingRules_WorkstreamId_Order" ON "RoutingRules" ("WorkstreamId", "Order");
CREATE UNIQUE INDEX "IX_StatusCallbacks_MessageSid_Status" ON "StatusCallbacks" ("MessageSid", "Status");
CREATE UNIQUE INDEX "IX_Templates_WorkstreamId_Name_Language" ON "Templates" ("WorkstreamId", "Name", "Language");
CREATE UNIQUE INDEX "IX_WhatsAppSetups_NumberId" ON "WhatsAppSetups" ("NumberId");
CREATE INDEX "IX_Workstreams_FallbackQueueId" ON "Workstreams" ("FallbackQueueId");
CREATE UNIQUE INDEX "IX_Workstreams_Name" ON "Workstreams" ("Name");
CREATE INDEX "IX_StatusCallbacks_Applied_ReceivedAt" ON "StatusCallbacks" ("Applied", "ReceivedAt");
COMMIT;
