using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalAssistant.Server.Persistence.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

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
