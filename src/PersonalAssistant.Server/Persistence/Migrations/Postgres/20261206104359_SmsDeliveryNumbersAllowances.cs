using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalAssistant.Server.Persistence.Migrations.Postgres
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
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<string>(
                name: "TwilioSid",
                table: "SmsNumbers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ConversationMessageId",
                table: "SmsMessages",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Part",
                table: "SmsMessages",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SendKey",
                table: "SmsMessages",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SmsAllowanceNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Daily = table.Column<int>(type: "integer", nullable: false),
                    Monthly = table.Column<int>(type: "integer", nullable: false),
                    UpdatedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmsAllowances", x => x.Role);
                });

            migrationBuilder.CreateTable(
                name: "SmsNumberWebhooks",
                columns: table => new
                {
                    SmsNumberId = table.Column<Guid>(type: "uuid", nullable: false),
                    SmsUrl = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    StatusUrl = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    LastVerifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PointsHere = table.Column<bool>(type: "boolean", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    E164 = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OptedOutAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
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
