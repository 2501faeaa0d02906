using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalAssistant.Server.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SmsOptOutsAndTurnLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ConversationMessageId",
                table: "SmsMessages",
                type: "bigint",
                nullable: true);

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SmsOptOuts");

            migrationBuilder.DropColumn(
                name: "ConversationMessageId",
                table: "SmsMessages");
        }
    }
}
