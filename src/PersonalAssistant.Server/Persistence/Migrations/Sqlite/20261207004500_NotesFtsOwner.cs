using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalAssistant.Server.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// The notes' full-text table gets an indexed "Owner" column (the person's id without dashes, one token), so a
    /// search names the person inside the MATCH and FTS5 ranks only that person's matches: before, a prefix search
    /// ranked every person's matching notes and then kept this person's (docs/benchmarks.md, "Reads"). No model change.
    /// </summary>
    [DbContext(typeof(SqliteAppDbContext))]
    [Migration("20261207004500_NotesFtsOwner")]
    public partial class NotesFtsOwner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Notes_fts_insert"; DROP TRIGGER IF EXISTS "Notes_fts_update"; DROP TRIGGER IF EXISTS "Notes_fts_delete"; DROP TABLE IF EXISTS "NotesFts";""");
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "NotesFts" USING fts5(
                    "NoteId" UNINDEXED, "UserId" UNINDEXED, "Owner", "Title", "Body", tokenize = 'unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                INSERT INTO "NotesFts" ("NoteId", "UserId", "Owner", "Title", "Body")
                SELECT "Id", "UserId", replace("UserId", '-', ''), "Title", "Body" FROM "Notes";
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Notes_fts_insert" AFTER INSERT ON "Notes" BEGIN
                    INSERT INTO "NotesFts" ("NoteId", "UserId", "Owner", "Title", "Body")
                    VALUES (new."Id", new."UserId", replace(new."UserId", '-', ''), new."Title", new."Body");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Notes_fts_update" AFTER UPDATE OF "Title", "Body" ON "Notes" BEGIN
                    UPDATE "NotesFts" SET "Title" = new."Title", "Body" = new."Body" WHERE "NoteId" = old."Id";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Notes_fts_delete" AFTER DELETE ON "Notes" BEGIN
                    DELETE FROM "NotesFts" WHERE "NoteId" = old."Id";
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Notes_fts_insert"; DROP TRIGGER IF EXISTS "Notes_fts_update"; DROP TRIGGER IF EXISTS "Notes_fts_delete"; DROP TABLE IF EXISTS "NotesFts";""");
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "NotesFts" USING fts5(
                    "NoteId" UNINDEXED, "UserId" UNINDEXED, "Title", "Body", tokenize = 'unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""INSERT INTO "NotesFts" ("NoteId", "UserId", "Title", "Body") SELECT "Id", "UserId", "Title", "Body" FROM "Notes";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "Notes_fts_insert" AFTER INSERT ON "Notes" BEGIN
                    INSERT INTO "NotesFts" ("NoteId", "UserId", "Title", "Body") VALUES (new."Id", new."UserId", new."Title", new."Body");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Notes_fts_update" AFTER UPDATE OF "Title", "Body" ON "Notes" BEGIN
                    UPDATE "NotesFts" SET "Title" = new."Title", "Body" = new."Body" WHERE "NoteId" = old."Id";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Notes_fts_delete" AFTER DELETE ON "Notes" BEGIN
                    DELETE FROM "NotesFts" WHERE "NoteId" = old."Id";
                END;
                """);
        }
    }
}
