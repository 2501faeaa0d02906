using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalAssistant.Server.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SmsDeliveryNumbersAllowances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_SmsNumbers_AspNetUsers_UserId",
                table: "SmsNumbers");

            migrationBuilder.AlterColumn<Guid>(
                name: "UserId",
                table: "SmsNumbers",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "TwilioSid",
                table: "SmsNumbers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ConversationMessageId",
                table: "SmsMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Part",
                table: "SmsMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SendKey",
                table: "SmsMessages",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SmsAllowanceNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmsAllowanceNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SmsAllowanceNotices_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SmsAllowances",
                columns: table => new
                {
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Daily = table.Column<int>(type: "INTEGER", nullable: false),
                    Monthly = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmsAllowances", x => x.Role);
                });

            migrationBuilder.CreateTable(
                name: "SmsNumberWebhooks",
                columns: table => new
                {
                    SmsNumberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SmsUrl = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    StatusUrl = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    LastVerifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PointsHere = table.Column<bool>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmsNumberWebhooks", x => x.SmsNumberId);
                    table.ForeignKey(
                        name: "FK_SmsNumberWebhooks_SmsNumbers_SmsNumberId",
                        column: x => x.SmsNumberId,
                        principalTable: "SmsNumbers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SmsOptOuts",
                columns: table => new
                {
                    E164 = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OptedOutAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmsOptOuts", x => x.E164);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SmsMessages_SendKey_Part",
                table: "SmsMessages",
                columns: new[] { "SendKey", "Part" },
                filter: "\"SendKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SmsAllowanceNotices_UserId_Kind_Period",
                table: "SmsAllowanceNotices",
                columns: new[] { "UserId", "Kind", "Period" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_SmsNumbers_AspNetUsers_UserId",
                table: "SmsNumbers",
                column: "UserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_SmsNumbers_AspNetUsers_UserId",
                table: "SmsNumbers");

            migrationBuilder.DropTable(
                name: "SmsAllowanceNotices");

            migrationBuilder.DropTable(
                name: "SmsAllowances");

            migrationBuilder.DropTable(
                name: "SmsNumberWebhooks");

            migrationBuilder.DropTable(
                name: "SmsOptOuts");

            migrationBuilder.DropIndex(
                name: "IX_SmsMessages_SendKey_Part",
                table: "SmsMessages");

            migrationBuilder.DropColumn(
                name: "TwilioSid",
                table: "SmsNumbers");

            migrationBuilder.DropColumn(
                name: "ConversationMessageId",
                table: "SmsMessages");

            migrationBuilder.DropColumn(
                name: "Part",
                table: "SmsMessages");

            migrationBuilder.DropColumn(
                name: "SendKey",
                table: "SmsMessages");

            migrationBuilder.AlterColumn<Guid>(
                name: "UserId",
                table: "SmsNumbers",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AddForeignKey(
                name: "FK_SmsNumbers_AspNetUsers_UserId",
                table: "SmsNumbers",
                column: "UserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
