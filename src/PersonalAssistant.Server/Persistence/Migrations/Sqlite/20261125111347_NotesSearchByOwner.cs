using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalAssistant.Server.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NotesSearchByOwner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Nothing on SQLite: this step keeps both providers' histories in step. On PostgreSQL it moves note search
            // to a GIN index on the owner and the text together; the FTS5 table here already filters by person.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo on SQLite.
        }
    }
}
