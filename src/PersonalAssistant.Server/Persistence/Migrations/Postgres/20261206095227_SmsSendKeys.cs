using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalAssistant.Server.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SmsSendKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_SmsMessages_SendKey_Part",
                table: "SmsMessages",
                columns: new[] { "SendKey", "Part" },
                filter: "\"SendKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SmsMessages_SendKey_Part",
                table: "SmsMessages");

            migrationBuilder.DropColumn(
                name: "Part",
                table: "SmsMessages");

            migrationBuilder.DropColumn(
                name: "SendKey",
                table: "SmsMessages");
        }
    }
}
