using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalAssistant.Server.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// The notes' full-text table stores "œ" as "oe": the unicode61 tokenizer folds accents but keeps the ligature, so
    /// past the personal scan (more than 1,000 notes) "oeuvre" did not find "Œuvre", while the scan and PostgreSQL did
    /// (a query's words are folded by <c>TextKeys.Fold</c>, which writes "oe"). The insert and update triggers fold the
    /// title and body as they copy them, and the rows already there are folded once. The notes themselves are unchanged;
    /// the full-text table only answers which notes match. No model change.
    /// </summary>
    [DbContext(typeof(SqliteAppDbContext))]
    [Migration("20261207193000_NotesFtsFoldsOe")]
    public partial class NotesFtsFoldsOe : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Notes_fts_insert"; DROP TRIGGER IF EXISTS "Notes_fts_update";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "Notes_fts_insert" AFTER INSERT ON "Notes" BEGIN
                    INSERT INTO "NotesFts" ("NoteId", "UserId", "Owner", "Title", "Body")
                    VALUES (new."Id", new."UserId", replace(new."UserId", '-', ''),
                        replace(replace(new."Title", 'œ', 'oe'), 'Œ', 'OE'), replace(replace(new."Body", 'œ', 'oe'), 'Œ', 'OE'));
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Notes_fts_update" AFTER UPDATE OF "Title", "Body" ON "Notes" BEGIN
                    UPDATE "NotesFts"
                    SET "Title" = replace(replace(new."Title", 'œ', 'oe'), 'Œ', 'OE'), "Body" = replace(replace(new."Body", 'œ', 'oe'), 'Œ', 'OE')
                    WHERE "NotesFts" MATCH 'Owner : "' || replace(old."UserId", '-', '') || '"' AND "NoteId" = old."Id";
                END;
                """);
            migrationBuilder.Sql("""
                UPDATE "NotesFts"
                SET "Title" = replace(replace("Title", 'œ', 'oe'), 'Œ', 'OE'), "Body" = replace(replace("Body", 'œ', 'oe'), 'Œ', 'OE')
                WHERE instr("Title", 'œ') > 0 OR instr("Title", 'Œ') > 0 OR instr("Body", 'œ') > 0 OR instr("Body", 'Œ') > 0;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Notes_fts_insert"; DROP TRIGGER IF EXISTS "Notes_fts_update";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "Notes_fts_insert" AFTER INSERT ON "Notes" BEGIN
                    INSERT INTO "NotesFts" ("NoteId", "UserId", "Owner", "Title", "Body")
                    VALUES (new."Id", new."UserId", replace(new."UserId", '-', ''), new."Title", new."Body");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Notes_fts_update" AFTER UPDATE OF "Title", "Body" ON "Notes" BEGIN
                    UPDATE "NotesFts" SET "Title" = new."Title", "Body" = new."Body"
                    WHERE "NotesFts" MATCH 'Owner : "' || replace(old."UserId", '-', '') || '"' AND "NoteId" = old."Id";
                END;
                """);
        }
    }
}
